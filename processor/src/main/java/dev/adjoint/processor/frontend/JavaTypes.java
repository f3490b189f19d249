package dev.adjoint.processor.frontend;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.ir.Type;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Maps javac types to IR types: the primitives and arrays the IR knows, and every other type as a
 * {@link Type#constant} type. {@code null} only for what is not a type of a value (void, an
 * erroneous type javac reports itself).
 */
public final class JavaTypes {
  private JavaTypes() {}

  /** The boxes a call's result is unboxed from: {@code list.get(i)} of a {@code List<Double>} is a double. */
  private static final Map<String, Type> UNBOXED = Map.of(
      "java.lang.Double", Type.DOUBLE, "java.lang.Integer", Type.INT, "java.lang.Long", Type.LONG,
      "java.lang.Boolean", Type.BOOLEAN, "java.lang.Character", Type.CHAR);

  public static Type toIr(TypeMirror t) {
    if (t == null) {
      return null;
    }
    Type known = known(t);
    if (known != null) {
      return known;
    }
    switch (t.getKind()) {
      case ERROR:
      case VOID:
      case NONE:
      case NULL:
      case EXECUTABLE:
      case PACKAGE:
      case MODULE:
      case OTHER:
        return null;
      default:
        try {
          return Type.constant(TypeName.get(t));
        } catch (RuntimeException e) {
          return null; // an intersection or union type: nothing a value is declared with
        }
    }
  }

  /** The type of a call's result: a boxed number is unboxed, as Java does where a number is needed. */
  static Type toIrUnboxed(TypeMirror t) {
    if (t instanceof DeclaredType d && d.asElement() instanceof TypeElement e) {
      Type unboxed = UNBOXED.get(e.getQualifiedName().toString());
      if (unboxed != null) {
        return unboxed;
      }
    }
    return toIr(t);
  }

  /** The primitive a boxed constant type holds ({@code double} for {@code java.lang.Double}), or null. */
  static Type unboxed(Type t) {
    return t.kind() == Type.Kind.CONSTANT ? UNBOXED.get(t.javaName()) : null;
  }

  /** The primitive and array types the IR knows by kind, or null. */
  private static Type known(TypeMirror t) {
    if (t.getKind().isPrimitive()) {
      return primitive(t.getKind());
    }
    switch (t.getKind()) {
      case ARRAY:
        TypeMirror c = ((ArrayType) t).getComponentType();
        if (c.getKind() == TypeKind.DOUBLE) {
          return Type.DOUBLE_ARRAY;
        }
        if (c.getKind() == TypeKind.INT) {
          return Type.INT_ARRAY;
        }
        if (c.getKind() == TypeKind.ARRAY
            && ((ArrayType) c).getComponentType().getKind() == TypeKind.DOUBLE) {
          return Type.DOUBLE_MATRIX;
        }
        return null;
      default:
        return null;
    }
  }

  /** The IR type of a primitive kind, or {@code null} for float, short and byte (constants of their own type). */
  static Type primitive(TypeKind kind) {
    switch (kind) {
      case DOUBLE:
        return Type.DOUBLE;
      case INT:
        return Type.INT;
      case LONG:
        return Type.LONG;
      case BOOLEAN:
        return Type.BOOLEAN;
      case CHAR:
        return Type.CHAR;
      default:
        return null;
    }
  }

  /** Binary numeric promotion (JLS 5.6.2) over the IR's numeric types. */
  static Type promote(Type a, Type b) {
    if (a.equals(Type.DOUBLE) || b.equals(Type.DOUBLE)) {
      return Type.DOUBLE;
    }
    if (a.equals(Type.LONG) || b.equals(Type.LONG)) {
      return Type.LONG;
    }
    return Type.INT;
  }
}
