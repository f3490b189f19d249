package dev.adjoint.optim;

/**
 * What an optimizer ended with.
 *
 * @param point the best parameters found (for L-BFGS the last accepted point, for Adam the last one)
 * @param value the objective there
 * @param gradient the gradient there
 * @param gradientNorm the gradient's Euclidean norm
 * @param iterations iterations done
 * @param evaluations objective evaluations (value and gradient together count as one)
 * @param stopReason why it stopped
 */
public record OptimizationResult(
    double[] point,
    double value,
    double[] gradient,
    double gradientNorm,
    int iterations,
    int evaluations,
    StopReason stopReason) {

  /** @return true when the gradient tolerance was met */
  public boolean converged() {
    return stopReason == StopReason.GRADIENT_TOLERANCE;
  }

  /** The result at {@code x}, copying the arrays. */
  static OptimizationResult at(double[] x, ValueAndGradient evaluation, int iterations, int evaluations, StopReason reason) {
    return new OptimizationResult(x.clone(), evaluation.value(), evaluation.gradient().clone(),
        Vectors.norm(evaluation.gradient()), iterations, evaluations, reason);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT,
        "%s after %d iterations, %d evaluations: value %.6e, gradient norm %.3e",
        stopReason, iterations, evaluations, value, gradientNorm);
  }
}
