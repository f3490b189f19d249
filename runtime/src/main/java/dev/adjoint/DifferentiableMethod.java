package dev.adjoint;

import java.util.List;

/**
 * A {@link Differentiable} method together with its generated derivatives, called with boxed
 * arguments. Get one from {@link Derivatives#of(Class, String)}.
 *
 * <p>This is the untyped door to the generated code, for tools that handle many methods alike
 * (optimisers, gradient checkers, {@link Jacobian}). Code that knows the method at compile time can
 * call the generated companion class ({@code FooDerivatives.fGradient(...)}) directly instead.
 *
 * <p>Arguments are passed as an {@code Object[]} in parameter order: a {@code double} parameter takes
 * a {@link Double}, an {@code int} parameter an {@link Integer} (numbers are not converted), and an
 * array parameter the array itself. Derivatives come back in the same shape: {@link Double} for a
 * {@code double} parameter, {@code double[]} and {@code double[][]} for array parameters, always fresh
 * arrays. Every call checks its arguments first and throws {@link IllegalArgumentException} or
 * {@link NullPointerException} with a message naming the method and the offending parameter.
 *
 * <p>Example, for {@code static double f(double x, double[] w, int n)}:
 * <pre>{@code
 * DifferentiableMethod f = Derivatives.of(Foo.class, "f");
 * Object[] g = f.gradient(2.0, new double[] {1, 2}, 3);
 * double dfdx = (Double) g[0];
 * double[] dfdw = (double[]) g[1];
 * // g[2] is null: an int parameter has no derivative
 * }</pre>
 *
 * <p>Implementations are immutable and safe to use from several threads at once.
 */
public interface DifferentiableMethod {

  /** @return the class that declares the method */
  Class<?> owner();

  /** @return the method's name */
  String name();

  /** @return the parameter names as written in the source, in order */
  List<String> parameterNames();

  /** @return the parameter types, in order ({@code double.class}, {@code double[].class}, ...) */
  List<Class<?>> parameterTypes();

  /** @return {@code double.class}, {@code double[].class}, or {@code void.class} for a method that
   *     writes its result into an array parameter (see {@link #outputParameter}) */
  Class<?> returnType();

  /**
   * The {@code double[]} parameter a {@code void} method writes its result into. The registry treats
   * that array, as the call leaves it, as the method's result: {@link #invoke} returns it,
   * {@link #pullback} takes its adjoint, {@link #tangent} returns its tangent, and {@link Jacobian}
   * has one row per element of it. The method's derivatives with respect to that parameter are
   * with respect to the values it held before the call.
   *
   * @return the parameter's index, or -1 when the method returns its result
   */
  default int outputParameter() {
    return -1;
  }

  /**
   * Whether derivatives are computed with respect to a parameter. This follows
   * {@link Differentiable#wrt()} and {@link NoDerivative}.
   *
   * @param parameterIndex zero-based position of the parameter
   * @return true when {@link #gradient}, {@link #pullback} and {@link #tangent} treat the parameter as
   *     a variable
   * @throws IndexOutOfBoundsException when there is no such parameter
   */
  boolean isDifferentiable(int parameterIndex);

  /**
   * Calls the original method.
   *
   * @param args one argument per parameter
   * @return the result, a {@link Double} or a {@code double[]}; for a {@code void} method the array
   *     argument it wrote its result into (see {@link #outputParameter})
   */
  Object invoke(Object... args);

  /**
   * The gradient of a method returning {@code double}: the derivative of the result with respect to
   * each parameter, at the given arguments.
   *
   * @param args one argument per parameter
   * @return one entry per parameter: {@link Double}, {@code double[]} or {@code double[][]} for a
   *     differentiable parameter, {@code null} for any other
   * @throws UnsupportedOperationException when the method returns {@code double[]} or writes its
   *     result into an array ({@code void}); use {@link #pullback} or {@link Jacobian} then
   */
  Object[] gradient(Object... args);

  /**
   * The vector-Jacobian product: for each parameter {@code p}, {@code resultBar} times the derivative
   * of the result with respect to {@code p}. This is what reverse mode computes in one pass.
   *
   * @param args one argument per parameter
   * @param resultBar a {@link Double} (or any {@link Number}) when the method returns {@code double},
   *     a {@code double[]} as long as the result when it returns {@code double[]}, and as long as
   *     its output array when it returns {@code void}
   * @return one entry per parameter, as for {@link #gradient}
   */
  Object[] pullback(Object[] args, Object resultBar);

  /**
   * Several vector-Jacobian products at one point: entry {@code r} is {@code pullback(args,
   * resultBars[r])}, every row at the arguments as they are on entry. The generated code of a method
   * returning {@code double[]} runs the method's forward sweep once for all rows where its reverse
   * sweep can run again, so k rows cost less than k pullbacks; {@link Jacobian} takes its rows this
   * way.
   *
   * @param args one argument per parameter
   * @param resultBars one result bar per row, each as {@link #pullback} takes it: as long as the
   *     result (or the output array of a {@code void} method); one number for a method returning
   *     {@code double}
   * @return one entry per row, each as {@link #pullback} returns it
   */
  default Object[][] pullbacks(Object[] args, double[][] resultBars) {
    Object[][] rows = new Object[resultBars.length][];
    for (int r = 0; r < rows.length; r++) {
      Object[] rowArgs = r == rows.length - 1 ? args : (Object[]) Flattening.deepCopy(args);
      rows[r] = pullback(rowArgs, returnType() == double.class ? (Object) resultBars[r][0] : resultBars[r]);
    }
    return rows;
  }

  /**
   * The Jacobian-vector product: the directional derivative of the result along the given tangents.
   * This is what forward mode computes in one pass.
   *
   * @param args one argument per parameter
   * @param tangents as many entries as {@code args}; for each differentiable parameter a value of the
   *     parameter's type and shape (the direction), others are ignored and may be {@code null}
   * @return a {@link Double} or a {@code double[]}, matching the method's return type; for a
   *     {@code void} method the tangent of its output array after the call
   */
  Object tangent(Object[] args, Object[] tangents);

  /**
   * The Hessian-vector product of a method returning {@code double}: for each parameter {@code p},
   * its part of H times the direction, where H is the Hessian of the result with respect to all the
   * differentiable parameters. One forward-over-reverse pass, about two to three gradients' cost.
   *
   * @param args one argument per parameter
   * @param directions as many entries as {@code args}; for each differentiable parameter a value of
   *     the parameter's type and shape, others are ignored and may be {@code null}
   * @return one entry per parameter, as for {@link #gradient}
   * @throws UnsupportedOperationException when the method returns {@code double[]} or {@code void}, or when no
   *     second-order code was generated for it (the message says why); implementations that are not
   *     generated by Adjoint may have none
   */
  default Object[] hessianVector(Object[] args, Object[] directions) {
    throw new UnsupportedOperationException(this + " has no Hessian-vector products");
  }
}
