package dev.adjoint.processor;

import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.emit.BytecodeSize;
import dev.adjoint.processor.emit.DerivativeSet;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the generated code compilable: a method whose code would be larger than the JVM allows is
 * never written. Second-order methods are optional, so a Hessian-vector method that is too large
 * is left out (with every one that calls it), and the registry says why; a first-order method that
 * is too large is a compile error at the method it differentiates.
 */
final class MethodSizeLimits {
  static final String TOO_LARGE = "its Hessian-vector method would be too large for the JVM, which allows 64 KiB"
      + " of bytecode for one method; split the method into helpers, or use gradients only";

  private MethodSizeLimits() {}

  /** Whether every first-order method of a set fits the JVM's limit on the bytecode of one method. */
  static boolean fits(DerivativeSet set) {
    return firstOrderAtMost(set, BytecodeSize.JVM_LIMIT);
  }

  /**
   * Whether HotSpot JIT-compiles every first-order method of a set: none has more than 8,000 bytes
   * of bytecode. A larger one runs interpreted, tens of times slower.
   */
  static boolean compiled(DerivativeSet set) {
    return firstOrderAtMost(set, BytecodeSize.HUGE_METHOD_LIMIT);
  }

  private static boolean firstOrderAtMost(DerivativeSet set, int bytes) {
    for (Function f : new Function[] {set.tangent(), set.reverse(), set.adjoint()}) {
      if (f != null && BytecodeSize.of(f) > bytes) {
        return false;
      }
    }
    return true;
  }

  /** The sets with oversized second-order methods dropped; oversized first-order methods reported. */
  static List<DerivativeSet> apply(List<DerivativeSet> sets, Reporter reporter) {
    for (DerivativeSet set : sets) {
      for (Function f : new Function[] {set.tangent(), set.reverse(), set.adjoint()}) {
        if (f != null && !BytecodeSize.fitsTheJvm(f)) {
          reporter.error(set.source().pos(), Message.DERIVATIVE_TOO_LARGE, f.name(), set.source().name(),
              BytecodeSize.of(f) / 1024, set.source().name());
        }
      }
    }
    // Adjoint tangents too large, and everything that calls one, until nothing more goes.
    Set<String> dropped = new HashSet<>();
    for (DerivativeSet set : sets) {
      if (set.adjointTangent() != null && !BytecodeSize.fitsTheJvm(set.adjointTangent())) {
        dropped.add(set.adjointTangent().name());
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (DerivativeSet set : sets) {
        Function at = set.adjointTangent();
        if (at != null && !dropped.contains(at.name()) && callsAny(at, dropped)) {
          changed |= dropped.add(at.name());
        }
      }
    }
    List<DerivativeSet> out = new ArrayList<>();
    for (DerivativeSet original : sets) {
      // The shared pullbacks are optional too: one pullback per row is the fallback.
      DerivativeSet set = original.pullbacks() == null || BytecodeSize.fitsTheJvm(original.pullbacks()) ? original
          : original.withPullbacks(null, "one forward sweep for all rows would make a method too large for the JVM");
      Function at = set.adjointTangent() != null && dropped.contains(set.adjointTangent().name()) ? null
          : set.adjointTangent();
      Function hv = set.hessianVector();
      if (hv != null && (callsAny(hv, dropped) || !BytecodeSize.fitsTheJvm(hv))) {
        out.add(set.withSecondOrder(at, null, TOO_LARGE));
      } else {
        out.add(set.withSecondOrder(at, hv, set.noHessianVector()));
      }
    }
    return out;
  }

  private static boolean callsAny(Function f, Set<String> names) {
    if (names.isEmpty()) {
      return false;
    }
    boolean[] calls = {false};
    Walk.statements(f.body(), s -> {
      for (Expr top : Walk.expressions(s)) {
        Walk.nodes(top, node -> calls[0] |= node instanceof Expr.InvokeDerivative d && names.contains(d.name()));
      }
    });
    return calls[0];
  }
}
