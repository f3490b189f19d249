package dev.adjoint.processor.ir;

import java.util.List;

/** The names of generated classes, methods and records, as the public contract fixes them. */
public final class GeneratedNames {
  private GeneratedNames() {}

  /** {@code p.Foo} gives {@code p.FooDerivatives}; {@code p.Outer.Inner} gives {@code p.Outer_InnerDerivatives}. */
  public static String companionSimpleName(List<String> enclosingSimpleNames) {
    return String.join("_", enclosingSimpleNames) + "Derivatives";
  }

  public static String capitalized(String method) {
    return Character.toUpperCase(method.charAt(0)) + method.substring(1);
  }

  public static String gradientMethod(String method) {
    return method + "Gradient";
  }

  public static String gradientRecord(String method) {
    return capitalized(method) + "Gradient";
  }

  public static String pullbackMethod(String method) {
    return method + "Pullback";
  }

  public static String pullbackRecord(String method) {
    return capitalized(method) + "Pullback";
  }

  public static String tangentMethod(String method) {
    return method + "Tangent";
  }

  public static String tangentRecord(String method) {
    return capitalized(method) + "Tangent";
  }

  public static String hessianVectorMethod(String method) {
    return method + "HessianVector";
  }

  public static String hessianVectorRecord(String method) {
    return capitalized(method) + "HessianVector";
  }

  /** The companion's copy of the private static final field {@code owner.field}: {@code Owner_FIELD}. */
  public static String privateFieldCopy(String owner, String field) {
    return owner.substring(owner.lastIndexOf('.') + 1) + "_" + field;
  }
}
