package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;

/** The extended Rosenbrock function: a long loop of cheap arithmetic and nothing else. */
public final class Rosenbrock {
    /** Benchmark dimension. */
    public static final int BENCH_SIZE = 10_000;

    private Rosenbrock() {
    }

    /** sum over i < n-1 of 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2. */
    @Differentiable
    public static double value(double[] x) {
        double sum = 0.0;
        for (int i = 0; i < x.length - 1; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1.0 - x[i];
            sum += 100.0 * valley * valley + offset * offset;
        }
        return sum;
    }

    /** The classic starting point (-1.2, 1, -1.2, 1, ...), away from the minimum at all ones. */
    public static double[] startingPoint(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }
}
