package dev.adjoint.sample.bench;

/** The MLP loss in one of its written forms ({@link MlpGenerated}) and its full gradient. */
final class MlpProblem extends GradientProblem {
    private final String name;
    private final MlpInput in;
    private final double[] w1Bar;
    private final double[] b1Bar;
    private final double[] w2Bar;
    private final double[] b2Bar;

    MlpProblem(String name, MlpInput in, GeneratedForm form) {
        super(form);
        this.name = name;
        this.in = in;
        this.w1Bar = new double[in.w1().length];
        this.b1Bar = new double[in.b1().length];
        this.w2Bar = new double[in.w2().length];
        this.b2Bar = new double[in.b2().length];
    }

    @Override
    public String name() {
        return name + " " + in.xs()[0].length + "-" + in.b1().length + "-" + in.b2().length
                + " batch " + in.xs().length;
    }

    @Override
    public double byHand() {
        return MlpGradientByHand.gradient(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys(),
                w1Bar, b1Bar, w2Bar, b2Bar);
    }

    @Override
    public boolean hasHipparchus() {
        return false;
    }

    @Override
    public double hipparchus() {
        throw new UnsupportedOperationException("no Hipparchus version of the MLP loss");
    }

    @Override
    double[] handGradient() {
        byHand();
        return ParameterRows.flatten(new double[][] {w1Bar, b1Bar, w2Bar, b2Bar});
    }
}
