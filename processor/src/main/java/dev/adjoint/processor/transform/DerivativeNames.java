package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.Map;

/** One derivative variable per primal variable, named after it: {@code x} gives {@code xDot} or {@code xBar}. */
final class DerivativeNames {
  private final String suffix;
  private final Map<Var, Var> derivatives = new HashMap<>();

  DerivativeNames(String suffix) {
    this.suffix = suffix;
  }

  Var of(Var primal) {
    return derivatives.computeIfAbsent(primal,
        p -> new Var(p.name() + suffix, p.type(), p.role() == Var.Role.PARAMETER ? Var.Role.PARAMETER : Var.Role.TEMPORARY));
  }
}
