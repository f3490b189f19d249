package dev.adjoint.sample.bench;

/** The Rosenbrock function and its full gradient. */
final class RosenbrockProblem implements Problem {
    private final double[] x;
    private final RosenbrockGenerated ours;
    private final double[][] rows;
    private final double[] handGradient;
    private final double[] hipparchusGradient;
    private final double[] differencesGradient;

    RosenbrockProblem(int n) {
        this.x = Rosenbrock.startingPoint(n);
        this.ours = new RosenbrockGenerated(x);
        this.rows = new double[][] {x};
        this.handGradient = new double[n];
        this.hipparchusGradient = new double[n];
        this.differencesGradient = new double[n];
    }

    @Override
    public String name() {
        return "Rosenbrock n=" + x.length;
    }

    @Override
    public String parameters() {
        return Integer.toString(x.length);
    }

    @Override
    public String tangentMode() {
        return "1 pass of " + x.length;
    }

    @Override
    public double function() {
        return Rosenbrock.value(x);
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
        return RosenbrockGradientByHand.gradient(x, handGradient);
    }

    @Override
    public double hipparchus() {
        return RosenbrockHipparchus.gradient(x, hipparchusGradient);
    }

    @Override
    public double finiteDifferences() {
        CentralDifferences.gradient(this::function, rows, differencesGradient);
        return differencesGradient[0];
    }

    @Override
    public double reverseVersusHand() {
        byHand();
        return Agreement.maxRelativeDifference(handGradient, ours.flatGradient());
    }
}
