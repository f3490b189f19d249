package dev.adjoint.sample.newton;

import dev.adjoint.Differentiable;

/**
 * The extended Rosenbrock function of Moré, Garbow and Hillstrom: n/2 independent copies of
 * Rosenbrock's valley, sum over pairs of 100 (x[2i+1] - x[2i]^2)^2 + (1 - x[2i])^2. Its Hessian
 * is block diagonal, which Newton-CG never needs to know: it sees only products H v.
 */
public final class ExtendedRosenbrock {
    private ExtendedRosenbrock() {
    }

    /** n must be even. */
    @Differentiable
    public static double value(double[] x) {
        double sum = 0.0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1.0 - x[i];
            sum += 100.0 * valley * valley + offset * offset;
        }
        return sum;
    }
}
