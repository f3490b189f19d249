package dev.adjoint.hipparchus;

/**
 * Reverse mode: a row vector times the Jacobian, resultBar^T * J(point). Fits the generated
 * pullback, {@code (p, bar) -> ModelDerivatives.residualsPullback(p, t, y, bar).p()}.
 */
@FunctionalInterface
public interface VectorJacobianProduct {
  /**
   * @param point the parameters; do not change or keep the array
   * @param resultBar a vector as long as the result
   * @return a vector as long as the point
   */
  double[] apply(double[] point, double[] resultBar);
}
