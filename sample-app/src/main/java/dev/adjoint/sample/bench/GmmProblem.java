package dev.adjoint.sample.bench;

/** The GMM objective and its full gradient with respect to alphas, means and icf. */
final class GmmProblem extends GradientProblem {
    private final String name;
    private final GmmInput in;
    private final GmmGenerated ours;
    private final double[] alphasBar;
    private final double[][] meansBar;
    private final double[][] icfBar;
    private final double[] hipparchusGradient;

    GmmProblem(String name, GmmInput in) {
        super(ParameterRows.of(in.alphas(), in.means(), in.icf()));
        this.name = name;
        this.in = in;
        this.ours = new GmmGenerated(in);
        this.alphasBar = new double[in.k()];
        this.meansBar = new double[in.k()][in.d()];
        this.icfBar = new double[in.k()][in.icf()[0].length];
        this.hipparchusGradient = new double[in.parameterCount()];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double function() {
        return Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(),
                in.wishartM(), in.logGammaTerm());
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
        return GmmGradientByHand.gradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm(), alphasBar, meansBar, icfBar);
    }

    @Override
    public double hipparchus() {
        return GmmHipparchus.gradient(in, hipparchusGradient);
    }

    @Override
    public double reverseVersusHand() {
        byHand();
        return Agreement.maxRelativeDifference(
                ParameterRows.flatten(ParameterRows.of(alphasBar, meansBar, icfBar)),
                ours.flatGradient());
    }
}
