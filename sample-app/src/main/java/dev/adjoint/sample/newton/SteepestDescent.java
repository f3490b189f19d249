package dev.adjoint.sample.newton;

/**
 * Gradient descent with the same backtracking line search as {@link NewtonCg}: the first-order
 * baseline. Each line search starts from twice the previous step, so the step length adapts to
 * the problem's scale without tuning.
 */
final class SteepestDescent {
    private SteepestDescent() {
    }

    static Run minimise(Objective f, double tolerance, int maxIterations, double maxSeconds) {
        f.resetCounts();
        long start = System.nanoTime();
        double[] x = f.start();
        int n = x.length;
        double[] g = new double[n];
        double[] direction = new double[n];
        double[] trial = new double[n];
        double fx = f.valueAndGradient(x, g);
        double step = 1.0;
        int iteration = 0;
        long deadline = start + (long) (maxSeconds * 1e9);
        while (Vectors.norm(g) > tolerance && iteration < maxIterations && System.nanoTime() < deadline) {
            for (int i = 0; i < n; i++) {
                direction[i] = -g[i];
            }
            step = Backtracking.search(f, x, fx, -Vectors.dot(g, g), direction, 2.0 * step, trial);
            if (step == 0.0) {
                break;
            }
            System.arraycopy(trial, 0, x, 0, n);
            fx = f.valueAndGradient(x, g);
            iteration++;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        double norm = Vectors.norm(g);
        return new Run("gradient descent", iteration, f.values(), f.gradients(), f.hessianVectors(), seconds, fx,
                norm, norm <= tolerance, x);
    }
}
