package dev.adjoint.sample.bench;

/** The LSTM loss and its full gradient with respect to main and extra parameters and state. */
final class LstmProblem extends GradientProblem {
    private final LstmInput in;
    private final LstmGenerated ours;
    private final double[][] mainBar;
    private final double[][] extraBar;
    private final double[][] stateBar;
    private final double[] hipparchusGradient;

    LstmProblem(LstmInput in) {
        super(ParameterRows.of(in.mainParams(), in.extraParams(), in.state()));
        this.in = in;
        this.ours = new LstmGenerated(in);
        this.mainBar = shaped(in.mainParams());
        this.extraBar = shaped(in.extraParams());
        this.stateBar = shaped(in.state());
        this.hipparchusGradient = new double[in.parameterCount()];
    }

    @Override
    public String name() {
        return "LSTM l" + in.mainParams().length / 2 + " c" + in.sequence().length
                + " b" + in.sequence()[0].length;
    }

    @Override
    public double function() {
        return Lstm.loss(in.mainParams(), in.extraParams(), in.state(), in.sequence());
    }

    @Override
    public double reverse() {
        return ours.gradient();
    }

    @Override
    public double tangent() {
        return ours.tangent();
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
    public double reverseVersusHand() {
        byHand();
        return Agreement.maxRelativeDifference(
                ParameterRows.flatten(ParameterRows.of(mainBar, extraBar, stateBar)),
                ours.flatGradient());
    }

    private static double[][] shaped(double[][] like) {
        return new double[like.length][like[0].length];
    }
}
