package dev.adjoint.sample.bench;

/** The benchmark's only contact with the code generated for {@link Rosenbrock} (CONTRACT.md naming). */
final class RosenbrockGenerated {
    private final double[] x;
    private final double[] xDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    RosenbrockGenerated(double[] x) {
        this.x = x;
        this.xDot = new double[x.length];
        java.util.Arrays.fill(xDot, 1.0);
    }

    double gradient() {
        var g = RosenbrockDerivatives.valueGradient(x);
        last = g;
        return g.value() + g.x()[0];
    }

    double tangent() {
        var t = RosenbrockDerivatives.valueTangent(x, xDot);
        last = t;
        return t.value() + t.tangent();
    }

    double[] flatGradient() {
        return RosenbrockDerivatives.valueGradient(x).x();
    }

    Object last() {
        return last;
    }
}
