package dev.adjoint.sample.bench;

/** The Rosenbrock function and its full gradient. */
final class RosenbrockProblem extends GradientProblem {
    private final double[] x;
    private final double[] handGradient;
    private final double[] hipparchusGradient;

    RosenbrockProblem(int n) {
        this(Rosenbrock.startingPoint(n));
    }

    private RosenbrockProblem(double[] x) {
        super(new RosenbrockGenerated(x));
        this.x = x;
        this.handGradient = new double[x.length];
        this.hipparchusGradient = new double[x.length];
    }

    @Override
    public String name() {
        return "Rosenbrock n=" + x.length;
    }

    @Override
    public double byHand() {
        return RosenbrockGradientByHand.gradient(x, handGradient);
    }

    @Override
    public double hipparchus() {
        return RosenbrockHipparchus.gradient(x, hipparchusGradient);
    }

    @Override
    double[] handGradient() {
        byHand();
        return handGradient;
    }
}
