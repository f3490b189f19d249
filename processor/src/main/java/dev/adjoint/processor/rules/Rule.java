package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import java.util.List;

/**
 * One row of the derivative table: the local partial derivatives of an operation, as expressions
 * over its arguments and its result. Forward mode emits {@code yDot = sum(partial_i * xiDot)},
 * reverse mode {@code xiBar += partial_i * yBar}: both read the same row.
 *
 * @param name the operation, for documentation and tests
 * @param partials builds the partials from the argument expressions and the result
 * @param convention what the rule does where the function has no derivative (a kink, a jump), or
 *     empty when it is smooth on its domain
 */
public record Rule(String name, int arity, Partials partials, String convention) {

  /** Builds the partials; entry i is d result / d argument i. */
  @FunctionalInterface
  public interface Partials {
    List<Expr> of(List<Expr> args, Expr result);
  }

  public List<Expr> partials(List<Expr> args, Expr result) {
    return partials.of(args, result);
  }

  /** Whether every partial is zero (floor, signum, ...): no derivative code is needed. */
  public boolean isPiecewiseConstant() {
    return convention.startsWith("piecewise constant");
  }
}
