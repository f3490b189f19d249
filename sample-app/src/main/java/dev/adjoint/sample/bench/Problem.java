package dev.adjoint.sample.bench;

/**
 * One row of the benchmark: a function and the ways of differentiating it that are timed.
 * Each method computes its result into storage the problem keeps (so that no work is dead)
 * and returns a number from it for the timer's sink.
 */
public interface Problem {
    String name();

    /** Number of differentiable inputs (for bundle adjustment: per observation). */
    String parameters();

    /** How {@link #tangent()} relates to a full derivative, e.g. "1 pass of 1650". */
    String tangentMode();

    /** The function itself: the unit every ratio is measured in. */
    double function();

    /** The full gradient (or Jacobian) by Adjoint's generated reverse mode. */
    double reverse();

    /**
     * One top-level call of Adjoint's reverse mode, the unit of the memory columns: the full
     * gradient, or for bundle adjustment one reprojection-error pullback.
     */
    double singleGradient();

    /** Adjoint's generated forward mode, as described by {@link #tangentMode()}. */
    double tangent();

    /** The full gradient (or Jacobian) by the hand-written derivative. */
    double byHand();

    /** Whether the row has a {@link #hipparchus()} cell; rows without one print n/a there. */
    default boolean hasHipparchus() {
        return true;
    }

    /** The full gradient (or Jacobian) by Hipparchus forward-mode AD. */
    double hipparchus();

    /** The full gradient (or Jacobian) by central finite differences. */
    double finiteDifferences();

    /** Largest difference between reverse mode and the hand-written result, relative to its size. */
    double reverseVersusHand();
}
