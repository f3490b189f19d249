package dev.adjoint.processor.ir;

import java.util.List;

/**
 * Builders for {@code double} expressions used by derivative rules and transforms. They fold the
 * cases that keep generated code readable ({@code 1.0 * x} is {@code x}, {@code -1.0 * x} is
 * {@code -x}) and nothing that could change a value: {@code 0.0 * x} stays, because it is NaN when
 * x is.
 */
public final class Exprs {
  private Exprs() {}

  public static final Expr.Const ZERO = Expr.Const.ofDouble(0.0);
  public static final Expr.Const ONE = Expr.Const.ofDouble(1.0);
  /** What a {@code void} method returns: {@code return;} is {@code Return(NOTHING)}. */
  public static final Expr.Const NOTHING = new Expr.Const(Type.VOID, null);

  public static Expr constant(double v) {
    return Expr.Const.ofDouble(v);
  }

  public static boolean isConst(Expr e, double v) {
    return e instanceof Expr.Const c && c.isDouble(v);
  }

  public static Expr add(Expr a, Expr b) {
    if (isConst(a, 0.0)) {
      return b;
    }
    if (isConst(b, 0.0)) {
      return a;
    }
    if (b instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return new Expr.Binary(Expr.BinaryOp.SUB, a, u.operand(), Type.DOUBLE);
    }
    return new Expr.Binary(Expr.BinaryOp.ADD, a, b, Type.DOUBLE);
  }

  public static Expr sub(Expr a, Expr b) {
    if (isConst(b, 0.0)) {
      return a;
    }
    return new Expr.Binary(Expr.BinaryOp.SUB, a, b, Type.DOUBLE);
  }

  public static Expr mul(Expr a, Expr b) {
    if (isConst(a, 1.0)) {
      return b;
    }
    if (isConst(b, 1.0)) {
      return a;
    }
    if (isConst(a, -1.0)) {
      return neg(b);
    }
    if (isConst(b, -1.0)) {
      return neg(a);
    }
    if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return neg(mul(u.operand(), b));
    }
    return new Expr.Binary(Expr.BinaryOp.MUL, a, b, Type.DOUBLE);
  }

  public static Expr div(Expr a, Expr b) {
    if (isConst(b, 1.0)) {
      return a;
    }
    return new Expr.Binary(Expr.BinaryOp.DIV, a, b, Type.DOUBLE);
  }

  public static Expr neg(Expr a) {
    if (a instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return u.operand();
    }
    if (a instanceof Expr.Const c && c.value() instanceof Double d) {
      return constant(-d);
    }
    return new Expr.Unary(Expr.UnaryOp.NEG, a, Type.DOUBLE);
  }

  public static Expr math(String method, Expr... args) {
    return new Expr.MathCall("java.lang.Math", method, List.of(args), Type.DOUBLE);
  }

  public static Expr compare(Expr.BinaryOp op, Expr a, Expr b) {
    return new Expr.Binary(op, a, b, Type.BOOLEAN);
  }

  public static Expr choose(Expr condition, Expr ifTrue, Expr ifFalse) {
    return new Expr.Conditional(condition, ifTrue, ifFalse, Type.DOUBLE);
  }
}
