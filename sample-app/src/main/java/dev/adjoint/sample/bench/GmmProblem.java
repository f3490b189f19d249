package dev.adjoint.sample.bench;

/** The GMM objective, in one of its written forms, and its full gradient with respect to alphas, means and icf. */
final class GmmProblem extends GradientProblem {
    private final String name;
    private final GmmInput in;
    private final double[] alphasBar;
    private final double[][] meansBar;
    private final double[][] icfBar;
    private final double[] hipparchusGradient;

    GmmProblem(String name, GmmInput in, GeneratedForm form) {
        super(form);
        this.name = name;
        this.in = in;
        this.alphasBar = new double[in.k()];
        this.meansBar = new double[in.k()][in.d()];
        this.icfBar = new double[in.k()][in.icf()[0].length];
        this.hipparchusGradient = new double[in.parameterCount()];
    }

    @Override
    public String name() {
        return name + " d" + in.d() + " K" + in.k() + " n" + in.n();
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
    double[] handGradient() {
        byHand();
        return ParameterRows.flatten(ParameterRows.of(alphasBar, meansBar, icfBar));
    }
}
