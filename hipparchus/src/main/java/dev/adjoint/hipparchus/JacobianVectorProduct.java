package dev.adjoint.hipparchus;

/**
 * Forward mode: the Jacobian times a direction, J(point) * direction. Fits the generated tangent,
 * {@code (p, pDot) -> ModelDerivatives.residualsTangent(p, pDot, t, y).tangent()}.
 */
@FunctionalInterface
public interface JacobianVectorProduct {
  /**
   * @param point the parameters; do not change or keep the array
   * @param direction a vector as long as the point
   * @return a vector as long as the result
   */
  double[] apply(double[] point, double[] direction);
}
