package dev.adjoint.optim;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Jacobian;
import java.util.Objects;

/**
 * The arguments of a registered method with one {@code double[]} parameter left free: the variable
 * an optimizer, a fit or an integrator moves, while every other argument stays as given. Used by
 * the adapters in this module and in adjoint-hipparchus.
 */
public final class BoundArguments {
  private final DifferentiableMethod method;
  private final Object[] args;
  private final int index;

  private BoundArguments(DifferentiableMethod method, Object[] args, int index) {
    this.method = method;
    this.args = args;
    this.index = index;
  }

  /**
   * Binds every argument but the named one.
   *
   * @param method the method
   * @param parameter the name of a differentiable {@code double[]} parameter
   * @param args one argument per parameter; the entry for {@code parameter} is ignored and may be
   *     {@code null}. The array is copied; the arguments in it are not.
   * @return the bound arguments
   * @throws IllegalArgumentException when there is no such parameter, it is not a {@code double[]},
   *     it is not differentiable, or {@code args} has the wrong length
   */
  public static BoundArguments of(DifferentiableMethod method, String parameter, Object... args) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(parameter, "parameter");
    Objects.requireNonNull(args, "args");
    int index = method.parameterNames().indexOf(parameter);
    if (index < 0) {
      throw new IllegalArgumentException(method + " has no parameter named \"" + parameter
          + "\"; its parameters are " + method.parameterNames());
    }
    if (method.parameterTypes().get(index) != double[].class) {
      throw new IllegalArgumentException("parameter \"" + parameter + "\" of " + method + " is a "
          + method.parameterTypes().get(index).getSimpleName() + "; the variable must be a double[]");
    }
    if (!method.isDifferentiable(index)) {
      throw new IllegalArgumentException("parameter \"" + parameter + "\" of " + method
          + " is not differentiable (see @Differentiable(wrt) and @NoDerivative)");
    }
    if (args.length != method.parameterNames().size()) {
      throw new IllegalArgumentException(method + " takes " + method.parameterNames().size()
          + " arguments, but " + args.length + " were given");
    }
    return new BoundArguments(method, args.clone(), index);
  }

  /** @return the position of the free parameter */
  public int index() {
    return index;
  }

  /** @return the method */
  public DifferentiableMethod method() {
    return method;
  }

  /**
   * The full argument list with {@code x} in the free parameter's place.
   *
   * @param x the free parameter's value (not copied)
   * @return a new array
   */
  public Object[] at(double[] x) {
    Object[] full = args.clone();
    full[index] = x;
    return full;
  }

  /**
   * The first column of the free parameter in {@link Jacobian#of}'s layout at {@code x}: it comes
   * after the columns of every differentiable parameter before it.
   *
   * @param x a value of the free parameter (only its length matters)
   * @return the column index
   */
  public int firstColumn(double[] x) {
    return firstColumn(method, index, at(x));
  }

  /**
   * The first column of a differentiable parameter in {@link Jacobian#of}'s layout.
   *
   * @param method the method
   * @param parameter the parameter's position
   * @param args one argument per parameter (only the shapes matter)
   * @return the column index
   */
  public static int firstColumn(DifferentiableMethod method, int parameter, Object... args) {
    if (!method.isDifferentiable(parameter)) {
      throw new IllegalArgumentException("parameter " + parameter + " of " + method + " has no columns");
    }
    int column = 0;
    while (Jacobian.column(method, column, args).parameter() != parameter) {
      column++;
    }
    return column;
  }
}
