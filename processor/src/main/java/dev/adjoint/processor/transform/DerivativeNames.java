package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.Map;

/** One derivative variable per primal variable, named after it: {@code x} gives {@code xDot} or {@code xBar}. */
final class DerivativeNames {
  private final String suffix;
  private final Map<Var, Var> derivatives = new HashMap<>();
  private final java.util.Set<Var> made = new java.util.HashSet<>();

  DerivativeNames(String suffix) {
    this.suffix = suffix;
  }

  Var of(Var primal) {
    return derivatives.computeIfAbsent(primal, p -> {
      Var d = new Var(p.name() + suffix, p.type(), p.role() == Var.Role.PARAMETER ? Var.Role.PARAMETER : Var.Role.TEMPORARY);
      made.add(d);
      return d;
    });
  }

  /** Whether a variable is one of the derivative variables made here. */
  boolean isDerivative(Var v) {
    return made.contains(v);
  }
}
