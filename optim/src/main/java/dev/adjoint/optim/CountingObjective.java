package dev.adjoint.optim;

/**
 * Counts evaluations, checks the gradient's length, and ends the run when the evaluation budget is
 * spent (by throwing {@link BudgetSpent}, which the optimizer catches).
 */
final class CountingObjective {
  /** Thrown when one more evaluation would pass the limit. */
  static final class BudgetSpent extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetSpent() {
      super(null, null, false, false);
    }
  }

  private final DifferentiableObjective objective;
  private final int maxEvaluations;
  private int evaluations;

  CountingObjective(DifferentiableObjective objective, int maxEvaluations) {
    this.objective = java.util.Objects.requireNonNull(objective, "objective");
    this.maxEvaluations = maxEvaluations;
  }

  ValueAndGradient evaluate(double[] x) {
    if (evaluations >= maxEvaluations) {
      throw new BudgetSpent();
    }
    evaluations++;
    ValueAndGradient result = objective.evaluate(x.clone());
    if (result == null || result.gradient().length != x.length) {
      throw new IllegalStateException("the objective returned "
          + (result == null ? "null" : "a gradient of length " + result.gradient().length)
          + " at a point of length " + x.length);
    }
    return result;
  }

  int evaluations() {
    return evaluations;
  }
}
