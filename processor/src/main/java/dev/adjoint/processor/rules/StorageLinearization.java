package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/** {@link Linearization#storage}: where the derivative of an array or a place lives, kind by kind. */
final class StorageLinearization implements Expr.Visitor<Linear.Storage> {
  static final StorageLinearization INSTANCE = new StorageLinearization();

  private static final Linear.Storage FRESH = new Linear.Fresh();

  private StorageLinearization() {}

  @Override
  public Linear.Storage visitVar(Var v) {
    return new Linear.Variable(v);
  }

  @Override
  public Linear.Storage visitArrayLoad(Expr.ArrayLoad l) {
    return new Linear.Alias(List.of(l.array()), d -> new Expr.ArrayLoad(d.get(0), l.index(), l.type()));
  }

  @Override
  public Linear.Storage visitConditional(Expr.Conditional c) {
    return new Linear.Alias(List.of(c.ifTrue(), c.ifFalse()),
        d -> new Expr.Conditional(c.cond(), d.get(0), d.get(1), c.type()));
  }

  @Override
  public Linear.Storage visitArrayInit(Expr.ArrayInit a) {
    if (a.type().equals(Type.DOUBLE_MATRIX)) {
      // The rows of the new matrix are the arrays given: their derivatives are its rows' derivatives.
      return new Linear.Alias(a.elements(), d -> new Expr.ArrayInit(a.type(), d));
    }
    if (!a.type().equals(Type.DOUBLE_ARRAY)) {
      return FRESH;
    }
    List<Linear.Sum> elements = new ArrayList<>();
    for (Expr x : a.elements()) {
      elements.add(Linearization.scalar(x, x));
    }
    return new Linear.Pack(a.type(), elements);
  }

  @Override
  public Linear.Storage visitArrayClone(Expr.ArrayClone c) {
    return new Linear.Copy(c.array());
  }

  // New storage whose values carry no derivative.

  @Override
  public Linear.Storage visitConst(Expr.Const c) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitStaticField(Expr.StaticField f) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitNewArray(Expr.NewArray n) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitZerosLike(Expr.ZerosLike z) {
    return FRESH;
  }

  /** A constant call's result (differentiable calls are the modes' business). */
  @Override
  public Linear.Storage visitInvoke(Expr.Invoke i) {
    return FRESH;
  }

  /** A constant object's method returns constant data, like a constant call. */
  @Override
  public Linear.Storage visitInvokeInstance(Expr.InvokeInstance i) {
    return FRESH;
  }

  // Values that are neither arrays nor places keep no derivative storage of their own.

  @Override
  public Linear.Storage visitBinary(Expr.Binary b) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitUnary(Expr.Unary u) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitCast(Expr.Cast c) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitMathCall(Expr.MathCall m) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitArrayLength(Expr.ArrayLength l) {
    return FRESH;
  }

  // Made by the transforms, after linearization.

  @Override
  public Linear.Storage visitInvokeDerivative(Expr.InvokeDerivative i) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitRecordGet(Expr.RecordGet r) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitNewRecord(Expr.NewRecord r) {
    return FRESH;
  }

  @Override
  public Linear.Storage visitTapePop(Expr.TapePop t) {
    return FRESH;
  }
}
