package dev.adjoint.spark;

import dev.adjoint.Differentiable;

/** Rosenbrock's function in n dimensions, minimum 0 at (1, ..., 1). */
final class Rosenbrock {
    private Rosenbrock() {
    }

    @Differentiable
    static double value(double[] p) {
        double sum = 0.0;
        for (int i = 0; i + 1 < p.length; i++) {
            double a = p[i + 1] - p[i] * p[i];
            double b = 1.0 - p[i];
            sum += 100.0 * a * a + b * b;
        }
        return sum;
    }
}
