package dev.adjoint.spi;

import java.util.List;
import java.util.Map;

/**
 * How a generated method is named in messages and in {@code toString()}. Kept apart so every
 * message spells the method, its parameters and the expected types the same way.
 */
final class Signature {
  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      double.class, Double.class, float.class, Float.class, long.class, Long.class,
      int.class, Integer.class, short.class, Short.class, byte.class, Byte.class,
      char.class, Character.class, boolean.class, Boolean.class);

  private final Class<?> owner;
  private final String name;
  private final List<String> parameterNames;
  private final List<Class<?>> parameterTypes;
  private final Class<?> returnType;
  /** The output array of a void method, or -1. */
  private final int outputParameter;

  Signature(Class<?> owner, String name, List<String> parameterNames, List<Class<?>> parameterTypes,
      Class<?> returnType, int outputParameter) {
    this.outputParameter = outputParameter;
    this.owner = owner;
    this.name = name;
    this.parameterNames = parameterNames;
    this.parameterTypes = parameterTypes;
    this.returnType = returnType;
  }

  int arity() {
    return parameterTypes.size();
  }

  Class<?> type(int i) {
    return parameterTypes.get(i);
  }

  boolean returnsScalar() {
    return returnType == double.class;
  }

  /** The output array of a void method, or -1. */
  int outputParameter() {
    return outputParameter;
  }

  /**
   * {@code returns double[]}, or {@code returns void and writes its result into dydt}: how a
   * message names the result.
   */
  String resultDescription() {
    return outputParameter < 0 ? "returns " + returnTypeName()
        : "returns void and writes its result into " + parameterNames.get(outputParameter);
  }

  /** {@code Foo.f}, or {@code Outer.Inner.f}: short enough for the start of a message. */
  String shortName() {
    String qualified = qualifiedOwner();
    String pkg = owner.getPackageName();
    return (pkg.isEmpty() ? qualified : qualified.substring(pkg.length() + 1)) + "." + name;
  }

  /** {@code double x}: how the parameter was declared. */
  String parameter(int i) {
    return display(parameterTypes.get(i)) + " " + parameterNames.get(i);
  }

  /** {@code double x, double[] w, int n}. */
  String parameterList() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < arity(); i++) {
      out.append(i == 0 ? "" : ", ").append(parameter(i));
    }
    return out.toString();
  }

  String returnTypeName() {
    return display(returnType);
  }

  /** {@code p.Foo.f(double x, double[] w, int n) -> double}. */
  @Override
  public String toString() {
    return qualifiedOwner() + "." + name + "(" + parameterList() + ") -> " + returnTypeName();
  }

  /** The class a boxed argument must have: the wrapper for a primitive, the type itself otherwise. */
  static Class<?> boxed(Class<?> type) {
    return type.isPrimitive() ? BOXES.get(type) : type;
  }

  /** The name a user wrote for a type: {@code double[]}, {@code Integer}, {@code String}. */
  static String display(Class<?> type) {
    return type.getSimpleName();
  }

  /** {@code a Double}, {@code an Integer}: a type name for the middle of a sentence. */
  static String aOrAn(Class<?> type) {
    String name = display(type);
    return ("aeiouAEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
  }

  /** What a value was, for "but was given ..." messages. */
  static String describe(Object value) {
    return value == null ? "null" : display(value.getClass());
  }

  private String qualifiedOwner() {
    // Canonical names write nested classes as Outer.Inner, as in the source; local classes have none.
    String canonical = owner.getCanonicalName();
    return canonical != null ? canonical : owner.getName();
  }
}
