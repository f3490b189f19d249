package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;

/**
 * Hears what {@link Inliner} and {@link CallSpecialization} decide for each call, with the reason
 * they give, for the cost report and the graph pictures. The passes decide; a listener only
 * writes it down, so what it says is what the code did.
 */
public interface CallDecisions {
  /** Listens to nothing. */
  CallDecisions NONE = new CallDecisions() {};

  /**
   * {@code call}, made {@code inside} the method named there ({@code Owner.name}), was replaced by
   * {@code copy}: the declarations of the callee's parameters, its body and the assignment of its
   * result, in that order and as they appear in the inlined method.
   */
  default void inlined(Expr.Invoke call, String inside, Block copy) {}

  /** {@code call} stays a call, for {@code reason}. */
  default void keptAsCall(Expr.Invoke call, String inside, String reason) {}

  /** What a call that stays a call runs for its derivatives ({@code how}), after inlining. */
  default void derivativesChosen(Expr.Invoke call, String how) {}
}
