package dev.adjoint.sample.bench;

/** The Rosenbrock gradient derived by hand: each term touches only x[i] and x[i+1]. */
public final class RosenbrockGradientByHand {
    private RosenbrockGradientByHand() {
    }

    /** Writes the gradient at {@code x} into {@code gradient} and returns the value. */
    public static double gradient(double[] x, double[] gradient) {
        int n = x.length;
        java.util.Arrays.fill(gradient, 0.0);
        double sum = 0.0;
        for (int i = 0; i < n - 1; i++) {
            double valley = x[i + 1] - x[i] * x[i];
            double offset = 1.0 - x[i];
            sum += 100.0 * valley * valley + offset * offset;
            gradient[i] += -400.0 * valley * x[i] - 2.0 * offset;
            gradient[i + 1] += 200.0 * valley;
        }
        return sum;
    }
}
