package dev.adjoint.optim;

/** Why an optimizer stopped. */
public enum StopReason {
  /** The gradient's Euclidean norm fell to the gradient tolerance: converged. */
  GRADIENT_TOLERANCE,
  /** The value changed by less than the value tolerance (relative) in one iteration. */
  VALUE_TOLERANCE,
  /** The iteration limit was reached. */
  MAX_ITERATIONS,
  /** The evaluation limit was reached. */
  MAX_EVALUATIONS,
  /**
   * No step along the search direction satisfied the strong Wolfe conditions, even along the
   * steepest descent direction; usually the point is as good as rounding allows.
   */
  LINE_SEARCH_FAILED,
  /** The objective returned NaN or an infinity at the starting point or during an Adam step. */
  NOT_FINITE
}
