package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Var;
import java.lang.reflect.Method;
import java.util.Map;

/** Evaluates the double expressions that rules build, for testing them numerically. */
final class ExprEvaluator {
  private final Map<Var, Double> values;

  ExprEvaluator(Map<Var, Double> values) {
    this.values = values;
  }

  double eval(Expr e) {
    if (e instanceof Var v) {
      return values.get(v);
    }
    if (e instanceof Expr.Const c) {
      return ((Number) c.value()).doubleValue();
    }
    if (e instanceof Expr.Unary u) {
      return -eval(u.operand());
    }
    if (e instanceof Expr.Conditional c) {
      return test(c.cond()) ? eval(c.ifTrue()) : eval(c.ifFalse());
    }
    if (e instanceof Expr.Binary b) {
      double l = eval(b.left());
      double r = eval(b.right());
      switch (b.op()) {
        case ADD:
          return l + r;
        case SUB:
          return l - r;
        case MUL:
          return l * r;
        case DIV:
          return l / r;
        case REM:
          return l % r;
        default:
          throw new IllegalArgumentException(b.op().toString());
      }
    }
    if (e instanceof Expr.MathCall m) {
      return call(m.method(), m.args().stream().mapToDouble(this::eval).toArray());
    }
    throw new IllegalArgumentException("cannot evaluate " + e);
  }

  boolean test(Expr e) {
    Expr.Binary b = (Expr.Binary) e;
    double l = eval(b.left());
    double r = eval(b.right());
    switch (b.op()) {
      case EQ:
        return l == r;
      case GE:
        return l >= r;
      case LE:
        return l <= r;
      case GT:
        return l > r;
      case LT:
        return l < r;
      default:
        throw new IllegalArgumentException(b.op().toString());
    }
  }

  /** Calls {@code Math.name} with double arguments (scalb takes an int second argument). */
  static double call(String name, double... args) {
    try {
      if (name.equals("scalb")) {
        return Math.scalb(args[0], (int) args[1]);
      }
      Class<?>[] types = new Class<?>[args.length];
      Object[] boxed = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        types[i] = double.class;
        boxed[i] = args[i];
      }
      Method m = Math.class.getMethod(name, types);
      return (Double) m.invoke(null, boxed);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
