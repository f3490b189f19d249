package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;

/**
 * The value javac gives a constant expression (JLS 15.29: literals, and operators, casts and
 * conditionals of them), which it compiles to one push of that value: {@code 3 > 0 ? 3 : 0} is
 * {@code iconst_3}. For {@link BytecodeSize}; null where the expression is not constant, or where
 * javac would not fold it (an integer division by zero).
 */
final class ConstantFolding {
  private ConstantFolding() {}

  /** The value, as an Integer, Long, Double or Boolean; null when javac would compute it at run time. */
  static Object fold(Expr e) {
    if (e instanceof Expr.Const c) {
      Object v = c.value();
      if (v instanceof Character ch) {
        return (int) ch;
      }
      return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Boolean ? v : null;
    }
    if (e instanceof Expr.Cast c) {
      Object v = fold(c.operand());
      return v instanceof Number n ? convert(n, c.type()) : null;
    }
    if (e instanceof Expr.Unary u) {
      Object v = fold(u.operand());
      if (v == null) {
        return null;
      }
      switch (u.op()) {
        case NOT:
          return v instanceof Boolean b ? !b : null;
        case NEG:
          return v instanceof Integer i ? (Object) (-i) : v instanceof Long l ? (Object) (-l)
              : v instanceof Double d ? (Object) (-d) : null;
        default:
          return v instanceof Integer i ? (Object) (~i) : v instanceof Long l ? (Object) (~l) : null;
      }
    }
    if (e instanceof Expr.Conditional c) {
      Object cond = fold(c.cond());
      Object a = fold(c.ifTrue());
      Object b = fold(c.ifFalse());
      return cond instanceof Boolean take && a != null && b != null ? (take ? a : b) : null;
    }
    if (e instanceof Expr.Binary b) {
      Object l = fold(b.left());
      Object r = fold(b.right());
      return l == null || r == null ? null : binary(b.op(), l, r);
    }
    return null;
  }

  private static Object convert(Number n, Type to) {
    switch (to.kind()) {
      case INT:
        return n.intValue();
      case LONG:
        return n.longValue();
      case DOUBLE:
        return n.doubleValue();
      case CHAR:
        return (int) (char) n.intValue();
      default:
        return null;
    }
  }

  private static Object binary(Expr.BinaryOp op, Object l, Object r) {
    if (l instanceof Boolean a && r instanceof Boolean b) {
      switch (op) {
        case AND:
        case BIT_AND:
          return a && b;
        case OR:
        case BIT_OR:
          return a || b;
        case BIT_XOR:
        case NE:
          return a ^ b;
        case EQ:
          return a == b;
        default:
          return null;
      }
    }
    if (!(l instanceof Number a) || !(r instanceof Number b)) {
      return null;
    }
    if (l instanceof Double || r instanceof Double) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      switch (op) {
        case ADD: return x + y;
        case SUB: return x - y;
        case MUL: return x * y;
        case DIV: return x / y;
        case REM: return x % y;
        case LT: return x < y;
        case LE: return x <= y;
        case GT: return x > y;
        case GE: return x >= y;
        case EQ: return x == y;
        case NE: return x != y;
        default: return null;
      }
    }
    boolean wide = l instanceof Long || r instanceof Long;
    long x = a.longValue();
    long y = b.longValue();
    if ((op == Expr.BinaryOp.DIV || op == Expr.BinaryOp.REM) && y == 0) {
      return null;
    }
    Object v;
    switch (op) {
      case ADD: v = x + y; break;
      case SUB: v = x - y; break;
      case MUL: v = x * y; break;
      case DIV: v = wide ? x / y : (long) ((int) x / (int) y); break;
      case REM: v = x % y; break;
      case SHL: v = wide ? x << y : (long) ((int) x << y); break;
      case SHR: v = x >> y; break;
      case USHR: v = wide ? x >>> y : (long) ((int) x >>> y); break;
      case BIT_AND: v = x & y; break;
      case BIT_OR: v = x | y; break;
      case BIT_XOR: v = x ^ y; break;
      case LT: return x < y;
      case LE: return x <= y;
      case GT: return x > y;
      case GE: return x >= y;
      case EQ: return x == y;
      case NE: return x != y;
      default: return null;
    }
    return wide ? v : (Object) (int) (long) (Long) v;
  }
}
