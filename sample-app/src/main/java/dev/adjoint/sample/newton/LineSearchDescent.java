package dev.adjoint.sample.newton;

/**
 * The loop both optimisers share: from the objective's start, take a direction, search along it
 * with {@link Backtracking}, and stop at the gradient-norm tolerance, an iteration limit or a time
 * limit. The optimisers differ only in their {@link Rule}.
 */
final class LineSearchDescent {
    /** How one optimiser picks its search direction and first trial step. */
    interface Rule {
        /** Writes a descent direction at x (gradient g) into {@code direction}. */
        void direction(Objective f, double[] x, double[] g, double[] direction);

        /** The first step the line search tries, given the step it took last time (1 at first). */
        double initialStep(double previousStep);
    }

    private LineSearchDescent() {
    }

    static Run minimise(String method, Rule rule, Objective f, double tolerance, int maxIterations,
            double maxSeconds) {
        f.resetCounts();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        double[] x = f.start();
        int n = x.length;
        double[] g = new double[n];
        double[] direction = new double[n];
        double[] trial = new double[n];
        double fx = f.valueAndGradient(x, g);
        double step = 1.0;
        int iteration = 0;
        while (Vectors.norm(g) > tolerance && iteration < maxIterations && System.nanoTime() < deadline) {
            rule.direction(f, x, g, direction);
            double slope = Vectors.dot(g, direction);
            step = Backtracking.search(f, x, fx, slope, direction, rule.initialStep(step), trial);
            if (step == 0.0) {
                break; // no decrease along the direction: f is flat at rounding level
            }
            System.arraycopy(trial, 0, x, 0, n);
            fx = f.valueAndGradient(x, g);
            iteration++;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        double norm = Vectors.norm(g);
        return new Run(method, iteration, f.values(), f.gradients(), f.hessianVectors(), seconds, fx, norm,
                norm <= tolerance, x);
    }
}
