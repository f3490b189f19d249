package dev.adjoint.sample.bench;

/**
 * The benchmark's only contact with the code generated for {@link LstmPort}: the instance's
 * matrices flattened into ADBench's layout once, and read from there.
 */
final class LstmPortGenerated implements GeneratedForm {
    private final int layers;
    private final int steps;
    private final int width;
    private final double[] main;
    private final double[] extra;
    private final double[] state;
    private final double[] sequence;
    private final double[] mainDot;
    private final double[] extraDot;
    private final double[] stateDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    LstmPortGenerated(LstmInput in) {
        this.layers = in.mainParams().length / 2;
        this.steps = in.sequence().length;
        this.width = in.sequence()[0].length;
        this.main = ParameterRows.flatten(in.mainParams());
        this.extra = ParameterRows.flatten(in.extraParams());
        this.state = ParameterRows.flatten(in.state());
        this.sequence = ParameterRows.flatten(in.sequence());
        this.mainDot = AllOnes.like(main);
        this.extraDot = AllOnes.like(extra);
        this.stateDot = AllOnes.like(state);
    }

    @Override
    public double value() {
        return LstmPort.objective(layers, steps, width, main, extra, state, sequence);
    }

    @Override
    public double gradient() {
        var g = LstmPortDerivatives.objectiveGradient(layers, steps, width, main, extra, state, sequence);
        last = g;
        return g.value() + g.mainParams()[0];
    }

    @Override
    public double tangent() {
        var t = LstmPortDerivatives.objectiveTangent(layers, steps, width, main, mainDot, extra,
                extraDot, state, stateDot, sequence);
        last = t;
        return t.value() + t.tangent();
    }

    @Override
    public double[] flatGradient() {
        var g = LstmPortDerivatives.objectiveGradient(layers, steps, width, main, extra, state, sequence);
        return ParameterRows.flatten(new double[][] {g.mainParams(), g.extraParams(), g.state()});
    }

    @Override
    public double[][] parameterRows() {
        return new double[][] {main, extra, state};
    }
}
