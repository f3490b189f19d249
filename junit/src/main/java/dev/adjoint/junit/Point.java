package dev.adjoint.junit;

import dev.adjoint.DifferentiableMethod;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The arguments of one call of a method, as the user gave them. Every evaluation gets a deep copy of
 * the arrays, because a {@code @Differentiable} method may write into its array parameters and the
 * next evaluation must see the point unchanged.
 */
final class Point {
  private static final int SHOWN_ELEMENTS = 6;

  private final DifferentiableMethod method;
  private final Object[] arguments;

  Point(DifferentiableMethod method, Object[] arguments) {
    if (arguments.length != method.parameterNames().size()) {
      throw new IllegalArgumentException(method + " has " + method.parameterNames().size() + " parameters, but "
          + arguments.length + " arguments were given: " + Arrays.deepToString(arguments));
    }
    this.method = method;
    this.arguments = copy(arguments);
  }

  DifferentiableMethod method() {
    return method;
  }

  /** A fresh copy of the arguments, for one call. */
  Object[] arguments() {
    return copy(arguments);
  }

  /** Arrays copied to every depth; numbers and other objects shared. */
  static Object[] copy(Object[] values) {
    Object[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = copyValue(out[i]);
    }
    return out;
  }

  private static Object copyValue(Object value) {
    if (value instanceof double[] a) {
      return a.clone();
    }
    if (value instanceof Object[] a) {
      return copy(a);
    }
    if (value != null && value.getClass().isArray()) {
      return copyPrimitiveArray(value);
    }
    return value;
  }

  private static Object copyPrimitiveArray(Object array) {
    int n = java.lang.reflect.Array.getLength(array);
    Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), n);
    System.arraycopy(array, 0, out, 0, n);
    return out;
  }

  /** {@code f(x = 2.0, w = [1.0, 2.0])}, long arrays shortened to their type and length. */
  @Override
  public String toString() {
    List<String> names = method.parameterNames();
    StringJoiner text = new StringJoiner(", ", method.name() + "(", ")");
    for (int i = 0; i < arguments.length; i++) {
      text.add(names.get(i) + " = " + show(arguments[i]));
    }
    return text.toString();
  }

  private static String show(Object value) {
    if (value instanceof double[] a) {
      return a.length <= SHOWN_ELEMENTS ? Arrays.toString(a) : "double[" + a.length + "]";
    }
    if (value instanceof double[][] m) {
      return m.length <= 2 && Arrays.stream(m).allMatch(r -> r.length <= SHOWN_ELEMENTS)
          ? Arrays.deepToString(m) : "double[" + m.length + "][]";
    }
    if (value != null && value.getClass().isArray()) {
      return value.getClass().getComponentType().getSimpleName() + "[" + java.lang.reflect.Array.getLength(value)
          + "]";
    }
    return String.valueOf(value);
  }
}
