package dev.adjoint.optim;

import dev.adjoint.DifferentiableMethod;

/**
 * A function of {@code double[]} parameters that returns its value and gradient together, which is
 * what reverse mode computes in one pass. This is the objective every optimizer here minimises.
 *
 * <p>From the generated code, one pass per evaluation ({@code lossGradient} is what the processor
 * writes for {@code @Differentiable static double loss(double[] w, @NoDerivative double[][] x, ...)}):
 * <pre>{@code
 * DifferentiableObjective objective = w -> {
 *     LossDerivatives.LossGradient g = LossDerivatives.lossGradient(w, features, labels);
 *     return new ValueAndGradient(g.value(), g.w());
 * };
 * }</pre>
 * or through the registry, which needs no compile-time knowledge of the method:
 * <pre>{@code
 * DifferentiableObjective objective =
 *     DifferentiableObjective.of(Derivatives.of(Model.class, "loss"), "w", null, features, labels);
 * }</pre>
 *
 * <p>The optimizers never change the array they pass in, and keep no reference to it; an
 * implementation may keep or change the gradient array it returns once it has returned it only if it
 * returns a new one on every call.
 */
@FunctionalInterface
public interface DifferentiableObjective {

  /**
   * The value and the gradient at {@code x}.
   *
   * @param x the parameters; do not change or keep the array
   * @return the value and a gradient as long as {@code x}
   */
  ValueAndGradient evaluate(double[] x);

  /**
   * An objective from a registered method returning {@code double}: the parameter named
   * {@code parameter}, of type {@code double[]}, is the variable; every other argument stays as
   * given. Each evaluation is one call of the method and one reverse pass (the registry returns the
   * gradient without the value); a method reference to the generated {@code fGradient} saves the
   * first.
   *
   * @param method a {@code @Differentiable} method returning {@code double}
   * @param parameter the name of the {@code double[]} parameter to optimise
   * @param args one argument per parameter, as for {@link DifferentiableMethod#invoke}; the entry
   *     for {@code parameter} is ignored and may be {@code null}
   * @return the objective
   * @throws IllegalArgumentException when the method returns {@code double[]} or has no
   *     differentiable {@code double[]} parameter of that name
   */
  static DifferentiableObjective of(DifferentiableMethod method, String parameter, Object... args) {
    if (method.returnType() != double.class) {
      throw new IllegalArgumentException(method + " returns " + method.returnType().getSimpleName()
          + ", but an objective returns double; for residuals use a least-squares adapter");
    }
    BoundArguments bound = BoundArguments.of(method, parameter, args);
    return x -> {
      Object[] at = bound.at(x);
      double value = (Double) method.invoke(at);
      double[] gradient = (double[]) method.gradient(at)[bound.index()];
      return new ValueAndGradient(value, gradient);
    };
  }
}
