package dev.adjoint.sample.newton;

/**
 * Gradient descent with the same backtracking line search as {@link NewtonCg}: the first-order
 * baseline. Each line search starts from twice the previous step, so the step length adapts to
 * the problem's scale without tuning.
 */
final class SteepestDescent {
    private static final LineSearchDescent.Rule RULE = new LineSearchDescent.Rule() {
        @Override
        public void direction(Objective f, double[] x, double[] g, double[] direction) {
            for (int i = 0; i < g.length; i++) {
                direction[i] = -g[i];
            }
        }

        @Override
        public double initialStep(double previousStep) {
            return 2.0 * previousStep;
        }
    };

    private SteepestDescent() {
    }

    static Run minimise(Objective f, double tolerance, int maxIterations, double maxSeconds) {
        return LineSearchDescent.minimise("gradient descent", RULE, f, tolerance, maxIterations, maxSeconds);
    }
}
