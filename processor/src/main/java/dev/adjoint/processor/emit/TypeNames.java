package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
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
}
