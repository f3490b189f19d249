package dev.adjoint.sample.bench;

/**
 * The LSTM loss, in one of its written forms, and its full gradient with respect to main and
 * extra parameters and state.
 */
final class LstmProblem extends GradientProblem {
    private final String name;
    private final LstmInput in;
    private final double[][] mainBar;
    private final double[][] extraBar;
    private final double[][] stateBar;
    private final double[] hipparchusGradient;

    LstmProblem(String name, LstmInput in, GeneratedForm form) {
        super(form);
        this.name = name;
        this.in = in;
        this.mainBar = shaped(in.mainParams());
        this.extraBar = shaped(in.extraParams());
        this.stateBar = shaped(in.state());
        this.hipparchusGradient = new double[in.parameterCount()];
    }

    @Override
    public String name() {
        return name + " l" + in.mainParams().length / 2 + " c" + in.sequence().length
                + " b" + in.sequence()[0].length;
    }

    @Override
    public double byHand() {
        return LstmGradientByHand.gradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence(), mainBar, extraBar, stateBar);
    }

    @Override
    public double hipparchus() {
        return LstmHipparchus.gradient(in, hipparchusGradient);
    }

    @Override
    double[] handGradient() {
        byHand();
        return ParameterRows.flatten(ParameterRows.of(mainBar, extraBar, stateBar));
    }

    private static double[][] shaped(double[][] like) {
        return new double[like.length][like[0].length];
    }
}
