package dev.adjoint.processor.rules;

import static dev.adjoint.processor.ir.Exprs.ONE;
import static dev.adjoint.processor.ir.Exprs.ZERO;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The one linearization of IR expressions, read by both modes (JAX's linearize; the modes are its
 * application and its transpose). Forward mode emits {@code y' = sum(partial_i * x_i')}, reverse
 * mode {@code xiBar += partial_i * yBar}; neither looks at the operation itself.
 *
 * <p>Two questions, two answers:
 *
 * <ul>
 *   <li>{@link #scalar}: for a {@code double} expression, its operands and local partials, a
 *       {@link Linear.Sum}. Arithmetic operators and {@code Math} calls take their partials (and
 *       their kink conventions) from {@link DerivativeRules}; unary minus is the table's
 *       {@link DerivativeRules#NEGATE}; a cast between doubles passes its operand on, a cast from
 *       an integer has no derivative; {@code c ? a : b} gives {@code a} the partial
 *       {@code c ? 1 : 0} and {@code b} the partial {@code c ? 0 : 1}. An operand that is itself an
 *       operation (a tree) is linearized in turn and its terms scaled by the partial: the chain
 *       rule, so that operands need not be atoms.
 *   <li>{@link #storage}: for an array value, or a {@code double} place (variable, element), where
 *       its derivative lives. These are the linear structural operations, all in this one place:
 *       loads, rows and choices between arrays alias their parts ({@link Linear.Alias}, its own
 *       transpose), clones copy ({@link Linear.Copy}), vector initialisers pack scalars
 *       ({@link Linear.Pack}), everything else is fresh storage without a derivative.
 * </ul>
 *
 * <p>Activity is not decided here: terms come for every operand that could carry a derivative, and
 * each mode skips those that do not.
 */
public final class Linearization {
  private Linearization() {}

  /**
   * The operands and local partials of a {@code double} expression; {@code result} stands for its
   * value in rules that reuse it ({@code exp}, {@code sqrt}): the variable it is assigned to, or
   * the expression itself.
   */
  public static Linear.Sum scalar(Expr e, Expr result) {
    if (e instanceof Var || e instanceof Expr.ArrayLoad) {
      return new Linear.Sum(e.type().equals(Type.DOUBLE) ? List.of(new Linear.Term(e, ONE)) : List.of());
    }
    if (!e.type().equals(Type.DOUBLE)) {
      return new Linear.Sum(List.of());
    }
    if (e instanceof Expr.Binary b) {
      Rule rule = DerivativeRules.arithmetic(b.op());
      return rule == null ? new Linear.Sum(List.of()) : chain(rule, List.of(b.left(), b.right()), result);
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG) {
      return chain(DerivativeRules.NEGATE, List.of(u.operand()), result);
    }
    if (e instanceof Expr.Cast c && c.operand().type().equals(Type.DOUBLE)) {
      return scalar(c.operand(), result);
    }
    if (e instanceof Expr.MathCall m) {
      Rule rule = DerivativeRules.forMath(m.method(), m.args().size());
      boolean constant = rule == null || rule.isPiecewiseConstant();
      return constant ? new Linear.Sum(List.of()) : chain(rule, m.args(), result);
    }
    if (e instanceof Expr.Conditional c) {
      List<Expr> partials = List.of(Exprs.choose(c.cond(), ONE, ZERO), Exprs.choose(c.cond(), ZERO, ONE));
      return chain(List.of(c.ifTrue(), c.ifFalse()), partials);
    }
    // Constants, static fields, casts from integers, calls: nothing that carries a derivative here.
    return new Linear.Sum(List.of());
  }

  private static Linear.Sum chain(Rule rule, List<Expr> operands, Expr result) {
    return chain(operands, rule.partials(operands, result));
  }

  /** The terms of each operand, scaled by the partial with respect to that operand. */
  private static Linear.Sum chain(List<Expr> operands, List<Expr> partials) {
    List<Linear.Term> terms = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      Expr operand = operands.get(i);
      for (Linear.Term inner : scalar(operand, operand).terms()) {
        terms.add(new Linear.Term(inner.operand(), Exprs.mul(partials.get(i), inner.partial())));
      }
    }
    return new Linear.Sum(terms);
  }

  /** Where the derivative of an array value, or of a {@code double} variable or element, is kept. */
  public static Linear.Storage storage(Expr e) {
    if (e instanceof Var v) {
      return new Linear.Variable(v);
    }
    if (e instanceof Expr.ArrayLoad l) {
      return new Linear.Alias(List.of(l.array()), d -> new Expr.ArrayLoad(d.get(0), l.index(), l.type()));
    }
    if (e instanceof Expr.Conditional c) {
      return new Linear.Alias(List.of(c.ifTrue(), c.ifFalse()),
          d -> new Expr.Conditional(c.cond(), d.get(0), d.get(1), c.type()));
    }
    if (e instanceof Expr.ArrayInit a && a.type().equals(Type.DOUBLE_MATRIX)) {
      // The rows of the new matrix are the arrays given: their derivatives are its rows' derivatives.
      return new Linear.Alias(a.elements(), d -> new Expr.ArrayInit(a.type(), d));
    }
    if (e instanceof Expr.ArrayInit a && a.type().equals(Type.DOUBLE_ARRAY)) {
      List<Linear.Sum> elements = new ArrayList<>();
      for (Expr x : a.elements()) {
        elements.add(scalar(x, x));
      }
      return new Linear.Pack(a.type(), elements);
    }
    if (e instanceof Expr.ArrayClone c) {
      return new Linear.Copy(c.array());
    }
    return new Linear.Fresh();
  }

  /**
   * The derivative of a value that carries none: {@code 0.0}, zeros of an array's shape, and
   * {@code null} for an array not created yet.
   */
  public static Expr zero(Expr e) {
    if (e instanceof Expr.Const c && c.value() == null) {
      return c;
    }
    return e.type().isArray() ? new Expr.ZerosLike(e) : ZERO;
  }
}
