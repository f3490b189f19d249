package dev.adjoint.processor.ir;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Objects;

/**
 * The types a value can have inside a differentiated method. Only {@code double} and arrays of it
 * carry derivatives; the other primitive types are always constants for differentiation.
 * {@link #record} types only appear in generated code (the records returned by other methods'
 * derivatives). Every other Java type ({@code String}, an enum, a {@code Random}, {@code long[]},
 * {@code float}) is an {@link #constant} type: its values never carry derivatives and pass
 * through both modes as they are, spelled by the JavaPoet name the frontend gives them.
 */
public final class Type {
  public enum Kind {
    DOUBLE, INT, LONG, BOOLEAN, CHAR, DOUBLE_ARRAY, DOUBLE_MATRIX, INT_ARRAY, RECORD, CONSTANT, VOID
  }

  public static final Type DOUBLE = new Type(Kind.DOUBLE, "double");
  public static final Type INT = new Type(Kind.INT, "int");
  public static final Type LONG = new Type(Kind.LONG, "long");
  public static final Type BOOLEAN = new Type(Kind.BOOLEAN, "boolean");
  public static final Type CHAR = new Type(Kind.CHAR, "char");
  public static final Type DOUBLE_ARRAY = new Type(Kind.DOUBLE_ARRAY, "double[]");
  public static final Type DOUBLE_MATRIX = new Type(Kind.DOUBLE_MATRIX, "double[][]");
  public static final Type INT_ARRAY = new Type(Kind.INT_ARRAY, "int[]");
  /** The result of a call made for its effect. */
  public static final Type VOID = new Type(Kind.VOID, "void");
  public static final Type STRING = constant(ClassName.get(String.class));
  private static final java.util.Map<TypeName, Type> PRIMITIVES = java.util.Map.of(
      TypeName.DOUBLE, DOUBLE, TypeName.INT, INT, TypeName.LONG, LONG, TypeName.BOOLEAN, BOOLEAN, TypeName.CHAR, CHAR);
  /** The type of the literal {@code null}: comparable with every reference. */
  public static final Type NULL = new Type(Kind.CONSTANT, "null", ClassName.OBJECT);

  private final Kind kind;
  private final String name;
  /** How a {@link Kind#CONSTANT} type is spelled in generated code; null for the others. */
  private final TypeName javaType;

  private Type(Kind kind, String name) {
    this(kind, name, null);
  }

  private Type(Kind kind, String name, TypeName javaType) {
    this.kind = kind;
    this.name = name;
    this.javaType = javaType;
  }

  /** A Java type whose values are constants for differentiation, for example {@code java.util.Random}. */
  public static Type constant(TypeName javaType) {
    return new Type(Kind.CONSTANT, javaType.toString(), javaType);
  }

  /** The JavaPoet spelling of a {@link #constant} type. */
  public TypeName javaType() {
    return javaType;
  }

  /** Whether values of this type are references (they can be {@code null} and are compared by identity). */
  public boolean isReference() {
    return kind == Kind.CONSTANT && !javaType.isPrimitive() || isArray() || kind == Kind.RECORD;
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
    return kind == Kind.DOUBLE || isIntegral();
  }

  public boolean isIntegral() {
    return kind == Kind.INT || kind == Kind.LONG || kind == Kind.CHAR;
  }

  /**
   * Whether this is a constant type of array ({@code String[]}, {@code long[]}, {@code double[][][]}):
   * its elements can be read and its length asked, and they carry no derivatives.
   */
  public boolean isConstantArray() {
    return kind == Kind.CONSTANT && javaType instanceof ArrayTypeName;
  }

  /** The type of {@code a[i]} for an array type or a constant array type. */
  public Type element() {
    if (isConstantArray()) {
      // Primitive elements are the IR's own constants; arrays and objects stay constant types, so that a
      // row of a double[][][] is never taken for a double[][] that could hold derivatives.
      TypeName component = ((ArrayTypeName) javaType).componentType();
      Type primitive = PRIMITIVES.get(component);
      return primitive != null ? primitive : constant(component);
    }
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
