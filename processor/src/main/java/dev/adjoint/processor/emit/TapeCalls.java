package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Type;

/** The names of the runtime tape's push and pop methods for each type (public for the cost report, which counts what each push takes). */
public final class TapeCalls {
  private TapeCalls() {}

  public static String push(Type t) {
    return "push" + suffix(t);
  }

  static String pop(Type t) {
    return "pop" + suffix(t);
  }

  private static String suffix(Type t) {
    switch (t.kind()) {
      case DOUBLE:
        return "Double";
      case INT:
      case CHAR: // pushed as an int; its pop is cast back (ExpressionWriter)
        return "Int";
      case LONG:
        return "Long";
      case BOOLEAN:
        return "Boolean";
      case DOUBLE_ARRAY:
        return "DoubleArray";
      case DOUBLE_MATRIX:
        return "DoubleMatrix";
      case INT_ARRAY:
        return "IntArray";
      default:
        return "Object";
    }
  }
}
