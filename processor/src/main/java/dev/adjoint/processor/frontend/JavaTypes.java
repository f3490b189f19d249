package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Type;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Maps javac types to IR types; {@code null} for types Adjoint cannot handle. */
public final class JavaTypes {
  private JavaTypes() {}

  public static Type toIr(TypeMirror t) {
    if (t == null) {
      return null;
    }
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

  /** The IR type of a primitive kind, or {@code null} for float, char, short and byte. */
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
