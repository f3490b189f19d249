package dev.adjoint.processor.rules;

import static dev.adjoint.processor.ir.Exprs.ONE;
import static dev.adjoint.processor.ir.Exprs.ZERO;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** {@link Linearization#scalar}: the operands and local partials of a {@code double} expression, kind by kind. */
final class ScalarLinearization implements Expr.Visitor<Linear.Sum> {
  private static final Linear.Sum NONE = new Linear.Sum(List.of());

  /** The value of the expression, for rules that reuse it. */
  private final Expr result;

  ScalarLinearization(Expr result) {
    this.result = result;
  }

  private static boolean isDouble(Expr e) {
    return e.type().equals(Type.DOUBLE);
  }

  /** A variable or an element holds its own derivative: partial 1. */
  private static Linear.Sum place(Expr e) {
    return isDouble(e) ? new Linear.Sum(List.of(new Linear.Term(e, ONE))) : NONE;
  }

  private Linear.Sum chain(Rule rule, List<Expr> operands) {
    return chain(operands, rule.partials(operands, result));
  }

  /** The terms of each operand, scaled by the partial with respect to that operand: the chain rule. */
  private static Linear.Sum chain(List<Expr> operands, List<Expr> partials) {
    List<Linear.Term> terms = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Expr operand = operands.get(i);
      for (Linear.Term inner : operand.accept(new ScalarLinearization(operand)).terms()) {
        terms.add(new Linear.Term(inner.operand(), Exprs.mul(partials.get(i), inner.partial())));
      }
    }
    return new Linear.Sum(terms);
  }

  @Override
  public Linear.Sum visitVar(Var v) {
    return place(v);
  }

  @Override
  public Linear.Sum visitArrayLoad(Expr.ArrayLoad l) {
    return place(l);
  }

  @Override
  public Linear.Sum visitConst(Expr.Const c) {
    return NONE;
  }

  @Override
  public Linear.Sum visitStaticField(Expr.StaticField f) {
    return NONE;
  }

  @Override
  public Linear.Sum visitBinary(Expr.Binary b) {
    Rule rule = DerivativeRules.arithmetic(b.op());
    return rule != null && isDouble(b) ? chain(rule, List.of(b.left(), b.right())) : NONE;
  }

  @Override
  public Linear.Sum visitUnary(Expr.Unary u) {
    return u.op() == Expr.UnaryOp.NEG && isDouble(u) ? chain(DerivativeRules.NEGATE, List.of(u.operand())) : NONE;
  }

  /** Between doubles a cast is the identity; from an integer it gives a constant. */
  @Override
  public Linear.Sum visitCast(Expr.Cast c) {
    return isDouble(c) && isDouble(c.operand()) ? c.operand().accept(this) : NONE;
  }

  /**
   * {@code c ? a : b} is {@code a} where c holds and {@code b} elsewhere: each branch's terms with
   * their partials chosen by c, not multiplied by 0 or 1, so that the branch not taken contributes
   * nothing even where its partial is infinite or NaN. (Second order differentiates the partials
   * of the rules: hypot's {@code r == 0 ? 0 : x / r} at r = 0 would otherwise give 0 * infinity.)
   */
  @Override
  public Linear.Sum visitConditional(Expr.Conditional c) {
    if (!isDouble(c)) {
      return NONE;
    }
    List<Linear.Term> terms = new ArrayList<>();
    addChosen(terms, c.ifTrue(), p -> Exprs.choose(c.cond(), p, ZERO));
    addChosen(terms, c.ifFalse(), p -> Exprs.choose(c.cond(), ZERO, p));
    return new Linear.Sum(terms);
  }

  private static void addChosen(List<Linear.Term> terms, Expr branch, UnaryOperator<Expr> choose) {
    for (Linear.Term t : branch.accept(new ScalarLinearization(branch)).terms()) {
      terms.add(new Linear.Term(t.operand(), choose.apply(t.partial())));
    }
  }

  /** Functions without a row are refused before this runs; piecewise constant ones have no terms. */
  @Override
  public Linear.Sum visitMathCall(Expr.MathCall m) {
    Rule rule = DerivativeRules.of(m);
    boolean constant = rule == null || rule.isPiecewiseConstant() || !isDouble(m);
    return constant ? NONE : chain(rule, m.args());
  }

  /** A call's derivative comes from the callee's derivative methods, which the modes call themselves. */
  @Override
  public Linear.Sum visitInvoke(Expr.Invoke i) {
    return NONE;
  }

  /** A constant object's method: its result is a constant (active arguments are refused before this runs). */
  @Override
  public Linear.Sum visitInvokeInstance(Expr.InvokeInstance i) {
    return NONE;
  }

  // Arrays are not double values: where their derivatives live is Linearization.storage.

  @Override
  public Linear.Sum visitArrayLength(Expr.ArrayLength l) {
    return NONE;
  }

  @Override
  public Linear.Sum visitNewArray(Expr.NewArray n) {
    return NONE;
  }

  @Override
  public Linear.Sum visitArrayInit(Expr.ArrayInit a) {
    return NONE;
  }

  @Override
  public Linear.Sum visitArrayClone(Expr.ArrayClone c) {
    return NONE;
  }

  @Override
  public Linear.Sum visitZerosLike(Expr.ZerosLike z) {
    return NONE;
  }

  // Made by the transforms, after linearization.

  @Override
  public Linear.Sum visitInvokeDerivative(Expr.InvokeDerivative i) {
    return NONE;
  }

  @Override
  public Linear.Sum visitRecordGet(Expr.RecordGet r) {
    return NONE;
  }

  @Override
  public Linear.Sum visitNewRecord(Expr.NewRecord r) {
    return NONE;
  }

  @Override
  public Linear.Sum visitTapePop(Expr.TapePop t) {
    return NONE;
  }
}
