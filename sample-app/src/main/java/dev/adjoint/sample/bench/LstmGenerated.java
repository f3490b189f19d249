package dev.adjoint.sample.bench;

/** The benchmark's only contact with the code generated for {@link Lstm} (CONTRACT.md naming). */
final class LstmGenerated {
    private final LstmInput in;
    private final double[][] mainDot;
    private final double[][] extraDot;
    private final double[][] stateDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    LstmGenerated(LstmInput in) {
        this.in = in;
        this.mainDot = ones(in.mainParams());
        this.extraDot = ones(in.extraParams());
        this.stateDot = ones(in.state());
    }

    double gradient() {
        var g = LstmDerivatives.lossGradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence());
        last = g;
        return g.value() + g.mainParams()[0][0];
    }

    double tangent() {
        var t = LstmDerivatives.lossTangent(in.mainParams(), mainDot, in.extraParams(), extraDot,
                in.state(), stateDot, in.sequence());
        last = t;
        return t.value() + t.tangent();
    }

    /** The gradient in {@link ParameterRows} order (main, extra, state), for checking. */
    double[] flatGradient() {
        var g = LstmDerivatives.lossGradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence());
        return ParameterRows.flatten(ParameterRows.of(g.mainParams(), g.extraParams(), g.state()));
    }

    Object last() {
        return last;
    }

    private static double[][] ones(double[][] like) {
        double[][] m = new double[like.length][like[0].length];
        for (double[] row : m) {
            java.util.Arrays.fill(row, 1.0);
        }
        return m;
    }
}
