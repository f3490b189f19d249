package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.adjoint.processor.ir.Type;

/** JavaPoet type names for IR types. */
final class TypeNames {
  private TypeNames() {}

  static TypeName of(Type t) {
    switch (t.kind()) {
      case DOUBLE:
        return TypeName.DOUBLE;
      case INT:
        return TypeName.INT;
      case LONG:
        return TypeName.LONG;
      case BOOLEAN:
        return TypeName.BOOLEAN;
      case CHAR:
        return TypeName.CHAR;
      case CONSTANT:
        return t.javaType();
      case DOUBLE_ARRAY:
        return ArrayTypeName.of(TypeName.DOUBLE);
      case DOUBLE_MATRIX:
        return ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
      case INT_ARRAY:
        return ArrayTypeName.of(TypeName.INT);
      case VOID:
        return TypeName.VOID;
      default:
        return ClassNames.of(t.javaName());
    }
  }

  /** The type a class literal names: {@code List.class} for {@code List<Double>}. */
  static TypeName raw(TypeName t) {
    if (t instanceof ParameterizedTypeName p) {
      return p.rawType();
    }
    if (t instanceof ArrayTypeName a) {
      return ArrayTypeName.of(raw(a.componentType()));
    }
    return t;
  }

  /** Whether a cast from Object to the type is unchecked: type arguments other than {@code ?}. */
  static boolean castIsUnchecked(TypeName t) {
    if (t instanceof ArrayTypeName a) {
      return castIsUnchecked(a.componentType());
    }
    return t instanceof ParameterizedTypeName p && !p.typeArguments().stream().allMatch(TypeNames::isUnbounded);
  }

  private static boolean isUnbounded(TypeName argument) {
    return argument instanceof WildcardTypeName w && w.lowerBounds().isEmpty()
        && w.upperBounds().equals(java.util.List.of(com.palantir.javapoet.ClassName.OBJECT));
  }
}
