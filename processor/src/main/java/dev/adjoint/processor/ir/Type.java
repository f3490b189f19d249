package dev.adjoint.processor.ir;

import java.util.Objects;

/**
 * The types a value can have inside a differentiated method. Only {@code double} and arrays of it
 * carry derivatives; the other primitive types are always constants for differentiation.
 * {@link #record} types only appear in generated code (the records returned by other methods'
 * derivatives).
 */
public final class Type {
  public enum Kind {
    DOUBLE, INT, LONG, BOOLEAN, DOUBLE_ARRAY, DOUBLE_MATRIX, INT_ARRAY, RECORD, VOID
  }

  public static final Type DOUBLE = new Type(Kind.DOUBLE, "double");
  public static final Type INT = new Type(Kind.INT, "int");
  public static final Type LONG = new Type(Kind.LONG, "long");
  public static final Type BOOLEAN = new Type(Kind.BOOLEAN, "boolean");
  public static final Type DOUBLE_ARRAY = new Type(Kind.DOUBLE_ARRAY, "double[]");
  public static final Type DOUBLE_MATRIX = new Type(Kind.DOUBLE_MATRIX, "double[][]");
  public static final Type INT_ARRAY = new Type(Kind.INT_ARRAY, "int[]");
  /** The result of a call made for its effect. */
  public static final Type VOID = new Type(Kind.VOID, "void");

  private final Kind kind;
  private final String name;

  private Type(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  /** A generated record, for example {@code p.FooDerivatives.GGradient}. */
  public static Type record(String qualifiedName) {
    return new Type(Kind.RECORD, qualifiedName);
  }

  public Kind kind() {
    return kind;
  }

  /** Java spelling: {@code double[]}, or the record's qualified name. */
  public String javaName() {
    return name;
  }

  /** Whether values of this type carry derivatives. */
  public boolean isDifferentiable() {
    return kind == Kind.DOUBLE || kind == Kind.DOUBLE_ARRAY || kind == Kind.DOUBLE_MATRIX;
  }

  public boolean isArray() {
    return kind == Kind.DOUBLE_ARRAY || kind == Kind.DOUBLE_MATRIX || kind == Kind.INT_ARRAY;
  }

  /** Primitive types that are numbers (for arithmetic and casts). */
  public boolean isNumeric() {
    return kind == Kind.DOUBLE || kind == Kind.INT || kind == Kind.LONG;
  }

  public boolean isIntegral() {
    return kind == Kind.INT || kind == Kind.LONG;
  }

  /** The type of {@code a[i]} for an array type. */
  public Type element() {
    switch (kind) {
      case DOUBLE_ARRAY:
        return DOUBLE;
      case DOUBLE_MATRIX:
        return DOUBLE_ARRAY;
      case INT_ARRAY:
        return INT;
      default:
        throw new IllegalStateException(name + " is not an array type");
    }
  }

  /** Number of array dimensions (0 for scalars). */
  public int rank() {
    return kind == Kind.DOUBLE_MATRIX ? 2 : isArray() ? 1 : 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Type && ((Type) o).kind == kind && ((Type) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name);
  }

  @Override
  public String toString() {
    return name;
  }
}
