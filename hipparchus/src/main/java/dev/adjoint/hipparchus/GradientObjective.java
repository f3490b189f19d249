package dev.adjoint.hipparchus;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.optim.DifferentiableObjective;
import dev.adjoint.optim.ValueAndGradient;
import java.util.Arrays;
import java.util.Objects;
import org.hipparchus.optim.OptimizationData;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunctionGradient;

/**
 * An objective and its generated gradient as the {@link ObjectiveFunction} and
 * {@link ObjectiveFunctionGradient} that Hipparchus's gradient optimizers
 * ({@code NonLinearConjugateGradientOptimizer}) take. Hipparchus asks for the value and the gradient
 * separately, often at the same point; both come from one evaluation of the
 * {@link DifferentiableObjective} (one reverse pass), kept until a call at another point.
 *
 * <pre>{@code
 * GradientObjective objective = GradientObjective.of(w -> {
 *     LossDerivatives.LossGradient g = LossDerivatives.lossGradient(w, features, labels);
 *     return new ValueAndGradient(g.value(), g.w());
 * });
 * PointValuePair optimum = new NonLinearConjugateGradientOptimizer(Formula.POLAK_RIBIERE, checker)
 *     .optimize(objective.function(), objective.gradient(), GoalType.MINIMIZE,
 *               new InitialGuess(start), new MaxEval(10_000));
 * }</pre>
 *
 * <p>Safe to share between threads (the cache is guarded); Hipparchus's optimizers call it from one.
 */
public final class GradientObjective {
  private final DifferentiableObjective objective;
  private double[] cachedPoint;
  private ValueAndGradient cached;
  private int evaluations;

  private GradientObjective(DifferentiableObjective objective) {
    this.objective = Objects.requireNonNull(objective, "objective");
  }

  /**
   * @param objective value and gradient from generated code
   * @return the adapter
   */
  public static GradientObjective of(DifferentiableObjective objective) {
    return new GradientObjective(objective);
  }

  /**
   * From a registered method returning {@code double}, see
   * {@link DifferentiableObjective#of(DifferentiableMethod, String, Object...)}.
   *
   * @param method the method
   * @param parameter the name of the {@code double[]} parameter to optimise
   * @param args one argument per parameter; the optimised parameter's entry is ignored
   * @return the adapter
   */
  public static GradientObjective of(DifferentiableMethod method, String parameter, Object... args) {
    return new GradientObjective(DifferentiableObjective.of(method, parameter, args));
  }

  /** @return the value, for Hipparchus */
  public ObjectiveFunction function() {
    return new ObjectiveFunction(point -> at(point).value());
  }

  /** @return the gradient, for Hipparchus */
  public ObjectiveFunctionGradient gradient() {
    return new ObjectiveFunctionGradient(point -> at(point).gradient().clone());
  }

  /** @return {@link #function()} and {@link #gradient()}, to pass to {@code optimize(...)} with the rest */
  public OptimizationData[] optimizationData() {
    return new OptimizationData[] {function(), gradient()};
  }

  /** @return how many times the objective has been evaluated (a cache hit is not an evaluation) */
  public synchronized int evaluations() {
    return evaluations;
  }

  private synchronized ValueAndGradient at(double[] point) {
    if (cached == null || !Arrays.equals(point, cachedPoint)) {
      cachedPoint = point.clone();
      cached = objective.evaluate(point.clone());
      evaluations++;
    }
    return cached;
  }
}
