package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;

/**
 * Whether a method writes into an array it was given. Such a write changes the caller's array, and
 * its derivative reaches the caller only when the callee's code is part of the caller's (inlined):
 * the callee's own gradient is with respect to the values on entry and says nothing of the write.
 */
public final class ArrayWrites {
  private ArrayWrites() {}

  public static boolean writesParameter(Function f) {
    Activity aliases = Activity.of(f);
    boolean[] found = {false};
    Walk.statements(f.body(), s -> {
      Var target = s instanceof Stmt.ArrayStore st ? Walk.storage(st.array())
          : s instanceof Stmt.ArrayCopy c ? Walk.storage(c.target()) : null;
      if (target == null) {
        return;
      }
      for (Function.Parameter p : f.parameters()) {
        if (p.var().type().isArray() && aliases.mayAlias(p.var(), target)) {
          found[0] = true;
        }
      }
    });
    return found[0];
  }
}
