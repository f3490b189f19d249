package dev.adjoint.sample.bench;

/** The benchmark's only contact with the code generated for {@link Rosenbrock} (CONTRACT.md naming). */
final class RosenbrockGenerated implements GeneratedForm {
    private final double[] x;
    private final double[] xDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    RosenbrockGenerated(double[] x) {
        this.x = x;
        this.xDot = AllOnes.like(x);
    }

    @Override
    public double value() {
        return Rosenbrock.value(x);
    }

    @Override
    public double gradient() {
        var g = RosenbrockDerivatives.valueGradient(x);
        last = g;
        return g.value() + g.x()[0];
    }

    @Override
    public double tangent() {
        var t = RosenbrockDerivatives.valueTangent(x, xDot);
        last = t;
        return t.value() + t.tangent();
    }

    @Override
    public double[] flatGradient() {
        return RosenbrockDerivatives.valueGradient(x).x();
    }

    @Override
    public double[][] parameterRows() {
        return new double[][] {x};
    }
}
