package dev.adjoint.processor.rules;

import static dev.adjoint.processor.ir.Exprs.ZERO;

import dev.adjoint.processor.ir.Expr;

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
 * <p>Each question is an {@link Expr.Visitor} ({@link ScalarLinearization}, {@link
 * StorageLinearization}), so a new kind of expression does not compile until both say what it
 * does. Activity is not decided here: terms come for every operand that could carry a derivative,
 * and each mode skips those that do not.
 */
public final class Linearization {
  private Linearization() {}

  /**
   * The operands and local partials of a {@code double} expression; {@code result} stands for its
   * value in rules that reuse it ({@code exp}, {@code sqrt}): the variable it is assigned to, or
   * the expression itself.
   */
  public static Linear.Sum scalar(Expr e, Expr result) {
    return e.accept(new ScalarLinearization(result));
  }

  /** Where the derivative of an array value, or of a {@code double} variable or element, is kept. */
  public static Linear.Storage storage(Expr e) {
    return e.accept(StorageLinearization.INSTANCE);
  }

  /**
   * The derivative of a value that carries none: {@code 0.0}, zeros of an array's shape, and
   * {@code null} for an array not created yet.
   */
  public static Expr zero(Expr e) {
    if (e instanceof Expr.Const c && c.value() == null) {
      return c;
    }
    if (e instanceof Expr.NewArray || e instanceof Expr.ZerosLike) {
      return e; // evaluated again, it is another array of zeros of the same shape
    }
    return e.type().isArray() ? new Expr.ZerosLike(e) : ZERO;
  }
}
