package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Type;

/**
 * Whether a value may go where a type is expected (a declaration, an assignment, an argument).
 * javac has checked the source already; this only keeps out what the IR cannot carry: a value that
 * may hold a derivative going into a place that holds none ({@code Object o = x}).
 */
final class Assignability {
  private Assignability() {}

  static boolean allows(Type from, Type to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.isNumeric() && to.isNumeric()) {
      return true; // Java's widening, made explicit by ExpressionLowering.widen
    }
    // An int, long, boolean or char boxed into an Integer (or Object): a constant either way. A
    // double is not boxed: it may carry a derivative, which the box would lose.
    if (to.isReference() && !to.isDifferentiable() && (from.isIntegral() || from.equals(Type.BOOLEAN))) {
      return true;
    }
    // A String into a CharSequence, null into an array: references, which carry no derivative.
    return from.isReference() && to.isReference() && !from.isDifferentiable() && !to.isDifferentiable()
        || from.equals(Type.NULL) && to.isReference();
  }

  /**
   * For a call's argument Java boxes any primitive into an object parameter ({@code Objects.hash(c)}):
   * whether a boxed double carries a derivative is known after activity analysis, which refuses it.
   */
  static boolean allowsArgument(Type from, Type to) {
    return allows(from, to) || from.isNumeric() && to.isReference() && !to.isDifferentiable();
  }
}
