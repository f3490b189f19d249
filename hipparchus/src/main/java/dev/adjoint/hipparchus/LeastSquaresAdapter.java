package dev.adjoint.hipparchus;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Jacobian;
import dev.adjoint.optim.BoundArguments;
import java.util.Objects;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * Residuals and their exact Jacobian, from generated code, as the {@link MultivariateJacobianFunction}
 * that Hipparchus's {@code LeastSquaresBuilder.model(...)} takes for {@code LevenbergMarquardtOptimizer}
 * or {@code GaussNewtonOptimizer}.
 *
 * <p>For {@code @Differentiable static double[] residuals(double[] p, @NoDerivative double[] t,
 * @NoDerivative double[] y)}:
 * <pre>{@code
 * // through the registry
 * MultivariateJacobianFunction model =
 *     LeastSquaresAdapter.of(Derivatives.of(Model.class, "residuals"), "p", null, t, y);
 * // or typed, with the generated forward and reverse modes; the adapter picks one by shape
 * MultivariateJacobianFunction model = LeastSquaresAdapter.of(
 *     p -> Model.residuals(p, t, y),
 *     (p, pDot) -> ModelDerivatives.residualsTangent(p, pDot, t, y).tangent(),
 *     (p, bar) -> ModelDerivatives.residualsPullback(p, t, y, bar).p());
 * LeastSquaresProblem problem = new LeastSquaresBuilder().model(model)
 *     .target(new double[t.length]).start(guess).maxEvaluations(1000).maxIterations(1000).build();
 * }</pre>
 * The residuals are the model minus the data (or the other way round); the target is then zeros.
 */
public final class LeastSquaresAdapter {
  private LeastSquaresAdapter() {}

  /**
   * From a registered method returning {@code double[]}, or returning {@code void} and writing the
   * residuals into a {@code double[]} parameter (whose argument gives their number); the parameter named {@code parameter}
   * (a {@code double[]}) is fitted, every other argument stays as given. Each evaluation calls the
   * method once and builds the Jacobian with {@link Jacobian#of} in its automatic mode: one tangent
   * per column when there are no more columns than residuals, else one pullback per residual.
   * Mark the data {@code @NoDerivative}, so that the Jacobian has columns for the fitted parameter
   * only; columns of other differentiable parameters are computed and dropped.
   *
   * @param residuals a {@code @Differentiable} method returning {@code double[]}
   * @param parameter the name of the fitted {@code double[]} parameter
   * @param args one argument per parameter; the fitted parameter's entry is ignored and may be null
   * @return the model function
   */
  public static MultivariateJacobianFunction of(DifferentiableMethod residuals, String parameter, Object... args) {
    if (residuals.returnType() != double[].class && residuals.outputParameter() < 0) {
      throw new IllegalArgumentException(residuals + " returns " + residuals.returnType().getSimpleName()
          + "; a least-squares model returns the residuals as a double[] or writes them into one");
    }
    BoundArguments bound = BoundArguments.of(residuals, parameter, args);
    return point -> {
      double[] p = point.toArray();
      Object[] at = bound.at(p);
      // A void model writes into the array it was given, which the next evaluation writes again: keep a copy.
      double[] value = ((double[]) residuals.invoke(at)).clone();
      double[][] full = Jacobian.of(residuals, at);
      int first = bound.firstColumn(p);
      double[][] jacobian = new double[value.length][];
      for (int r = 0; r < value.length; r++) {
        jacobian[r] = java.util.Arrays.copyOfRange(full[r], first, first + p.length);
      }
      return pair(value, jacobian);
    };
  }

  /**
   * From typed generated code, forward mode: one tangent per parameter.
   *
   * @param residuals the residuals
   * @param tangent the generated tangent with respect to the fitted parameters
   * @return the model function
   */
  public static MultivariateJacobianFunction forward(VectorFunction residuals, JacobianVectorProduct tangent) {
    Objects.requireNonNull(tangent, "tangent");
    return model(residuals, (p, rows) -> JacobianColumns.forward(tangent, p, rows));
  }

  /**
   * From typed generated code, reverse mode: one pullback per residual.
   *
   * @param residuals the residuals
   * @param pullback the generated pullback's component for the fitted parameters
   * @return the model function
   */
  public static MultivariateJacobianFunction reverse(VectorFunction residuals, VectorJacobianProduct pullback) {
    Objects.requireNonNull(pullback, "pullback");
    return model(residuals, (p, rows) -> JacobianColumns.reverse(pullback, p, rows));
  }

  /**
   * From typed generated code, both modes: at each point the one with fewer passes (forward when
   * there are no more parameters than residuals, which is the usual case for a fit).
   *
   * @param residuals the residuals
   * @param tangent the generated tangent
   * @param pullback the generated pullback's component for the fitted parameters
   * @return the model function
   */
  public static MultivariateJacobianFunction of(VectorFunction residuals, JacobianVectorProduct tangent,
      VectorJacobianProduct pullback) {
    Objects.requireNonNull(tangent, "tangent");
    Objects.requireNonNull(pullback, "pullback");
    return model(residuals, (p, rows) -> JacobianColumns.forwardIsCheaper(rows, p.length)
        ? JacobianColumns.forward(tangent, p, rows)
        : JacobianColumns.reverse(pullback, p, rows));
  }

  /** Builds the Jacobian at a point once the number of residuals is known. */
  private interface JacobianBuilder {
    double[][] at(double[] point, int rows);
  }

  private static MultivariateJacobianFunction model(VectorFunction residuals, JacobianBuilder jacobian) {
    Objects.requireNonNull(residuals, "residuals");
    return point -> {
      double[] p = point.toArray();
      double[] value = residuals.value(p.clone());
      return pair(value, jacobian.at(p, value.length));
    };
  }

  private static Pair<RealVector, RealMatrix> pair(double[] value, double[][] jacobian) {
    RealMatrix matrix = jacobian.length == 0 ? new Array2DRowRealMatrix() : new Array2DRowRealMatrix(jacobian, false);
    return new Pair<>(new ArrayRealVector(value, false), matrix);
  }
}
