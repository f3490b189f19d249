package dev.adjoint.sample.newton;

/**
 * Armijo backtracking: halve the step until f falls by at least a small fraction of what the
 * slope promises. Both optimisers use it, so that they differ only in their search directions.
 */
final class Backtracking {
    /** The fraction of the predicted decrease that a step must achieve. */
    static final double SUFFICIENT_DECREASE = 1e-4;
    private static final int MAX_HALVINGS = 60;

    private Backtracking() {
    }

    /**
     * The step taken along {@code direction} from {@code x} (where f is {@code fx} and the slope
     * {@code g . direction} is negative), starting from {@code initialStep}; the new point is left in
     * {@code trial}. Returns 0 when no step decreases f (the direction is useless at rounding level).
     */
    static double search(Objective f, double[] x, double fx, double slope, double[] direction, double initialStep,
            double[] trial) {
        double t = initialStep;
        for (int halvings = 0; halvings < MAX_HALVINGS; halvings++) {
            Vectors.step(x, t, direction, trial);
            if (f.value(trial) <= fx + SUFFICIENT_DECREASE * t * slope) {
                return t;
            }
            t *= 0.5;
        }
        return 0.0;
    }
}
