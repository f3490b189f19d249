package dev.adjoint.hipparchus;

/**
 * A function from parameters to a vector, such as the residuals of a fit: a method reference or
 * lambda around the original {@code @Differentiable} method, {@code p -> Model.residuals(p, t, y)}.
 */
@FunctionalInterface
public interface VectorFunction {
  /**
   * @param point the parameters; do not change or keep the array
   * @return the values
   */
  double[] value(double[] point);
}
