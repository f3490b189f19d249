package dev.adjoint.sample.bench;

/** The benchmark's only contact with the code generated for {@link Lstm} (CONTRACT.md naming). */
final class LstmGenerated implements GeneratedForm {
    private final LstmInput in;
    private final double[][] mainDot;
    private final double[][] extraDot;
    private final double[][] stateDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    LstmGenerated(LstmInput in) {
        this.in = in;
        this.mainDot = AllOnes.like(in.mainParams());
        this.extraDot = AllOnes.like(in.extraParams());
        this.stateDot = AllOnes.like(in.state());
    }

    @Override
    public double value() {
        return Lstm.loss(in.mainParams(), in.extraParams(), in.state(), in.sequence());
    }

    @Override
    public double gradient() {
        var g = LstmDerivatives.lossGradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence());
        last = g;
        return g.value() + g.mainParams()[0][0];
    }

    @Override
    public double tangent() {
        var t = LstmDerivatives.lossTangent(in.mainParams(), mainDot, in.extraParams(), extraDot,
                in.state(), stateDot, in.sequence());
        last = t;
        return t.value() + t.tangent();
    }

    /** The gradient in {@link ParameterRows} order (main, extra, state), for checking. */
    @Override
    public double[] flatGradient() {
        var g = LstmDerivatives.lossGradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence());
        return ParameterRows.flatten(ParameterRows.of(g.mainParams(), g.extraParams(), g.state()));
    }

    @Override
    public double[][] parameterRows() {
        return ParameterRows.of(in.mainParams(), in.extraParams(), in.state());
    }
}
