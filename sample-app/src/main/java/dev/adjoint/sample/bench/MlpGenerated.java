package dev.adjoint.sample.bench;

/**
 * The benchmark's only contact with the code generated for {@link Mlp} (the dense-helper form)
 * and {@link MlpInline} (CONTRACT.md naming).
 */
final class MlpGenerated {
    private MlpGenerated() {
    }

    static GeneratedForm denseHelper(MlpInput in) {
        return new Form(in) {
            @Override
            public double value() {
                return Mlp.loss(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys());
            }

            @Override
            public double gradient() {
                var g = MlpDerivatives.lossGradient(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys());
                last = g;
                return g.value() + g.w1()[0];
            }

            @Override
            public double tangent() {
                var t = MlpDerivatives.lossTangent(in.w1(), w1Dot, in.b1(), b1Dot, in.w2(), w2Dot,
                        in.b2(), b2Dot, in.xs(), in.ys());
                last = t;
                return t.value() + t.tangent();
            }

            @Override
            public double[] flatGradient() {
                var g = MlpDerivatives.lossGradient(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys());
                return ParameterRows.flatten(new double[][] {g.w1(), g.b1(), g.w2(), g.b2()});
            }
        };
    }

    static GeneratedForm inline(MlpInput in) {
        return new Form(in) {
            @Override
            public double value() {
                return MlpInline.loss(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys());
            }

            @Override
            public double gradient() {
                var g = MlpInlineDerivatives.lossGradient(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(),
                        in.ys());
                last = g;
                return g.value() + g.w1()[0];
            }

            @Override
            public double tangent() {
                var t = MlpInlineDerivatives.lossTangent(in.w1(), w1Dot, in.b1(), b1Dot, in.w2(),
                        w2Dot, in.b2(), b2Dot, in.xs(), in.ys());
                last = t;
                return t.value() + t.tangent();
            }

            @Override
            public double[] flatGradient() {
                var g = MlpInlineDerivatives.lossGradient(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(),
                        in.ys());
                return ParameterRows.flatten(new double[][] {g.w1(), g.b1(), g.w2(), g.b2()});
            }
        };
    }

    /**
     * What both forms share: the arrays they read, all-ones tangent directions and the latest
     * result, kept reachable so that computing it is never dead code.
     */
    private abstract static class Form implements GeneratedForm {
        private final MlpInput in;
        final double[] w1Dot;
        final double[] b1Dot;
        final double[] w2Dot;
        final double[] b2Dot;
        Object last;

        Form(MlpInput in) {
            this.in = in;
            w1Dot = AllOnes.like(in.w1());
            b1Dot = AllOnes.like(in.b1());
            w2Dot = AllOnes.like(in.w2());
            b2Dot = AllOnes.like(in.b2());
        }

        @Override
        public double[][] parameterRows() {
            return in.parameterRows();
        }
    }
}
