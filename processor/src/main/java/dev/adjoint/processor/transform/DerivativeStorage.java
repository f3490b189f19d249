package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.Linear;
import java.util.function.UnaryOperator;

/**
 * What both modes do with {@link Linear.Storage} that shares storage: derivatives alias exactly as
 * their primals do, so a variable's derivative is its derivative variable and an alias is rebuilt
 * over its parts' derivatives. Each mode says what fresh storage (copies, packs, new arrays) gets.
 */
abstract class DerivativeStorage implements Linear.Visitor<Expr> {
  private final DerivativeNames names;
  private final UnaryOperator<Expr> ofPart;

  /** {@code ofPart}: the derivative storage of a part, or zeros where the part carries none. */
  DerivativeStorage(DerivativeNames names, UnaryOperator<Expr> ofPart) {
    this.names = names;
    this.ofPart = ofPart;
  }

  @Override
  public final Expr variable(Var v) {
    return names.of(v);
  }

  @Override
  public final Expr alias(Linear.Alias a) {
    return a.over(ofPart);
  }
}
