package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a method writes into an array it was given, itself or through the methods it calls, or
 * returns it (so that the caller may write into it through the result). Such a
 * write changes the caller's array, and its derivative reaches the caller only when the callee's code
 * is part of the caller's (inlined): the callee's own gradient is with respect to the values on entry
 * and says nothing of the write. Callees from jars are assumed not to write their arguments.
 */
public final class ArrayWrites {
  private final Inliner.Callees callees;
  private final Set<String> visiting = new HashSet<>();

  private ArrayWrites(Inliner.Callees callees) {
    this.callees = callees;
  }

  public static boolean writesParameter(Function f, Inliner.Callees callees) {
    return new ArrayWrites(callees).writes(f, "");
  }

  private boolean writes(Function f, String key) {
    if (!visiting.add(key + "/" + f.name())) {
      return false; // recursion: the other calls of the cycle decide
    }
    Activity aliases = Activity.of(f);
    boolean[] found = {false};
    Walk.statements(f.body(), s -> {
      Var target = s instanceof Stmt.ArrayStore st ? Walk.storage(st.array())
          : s instanceof Stmt.ArrayCopy c ? Walk.storage(c.target()) : null;
      if (target != null && aliasesParameter(f, aliases, target)) {
        found[0] = true;
      }
      // Returning a parameter (or a row of one) hands the caller an alias: writes through it are
      // writes into the argument.
      if (s instanceof Stmt.Return r && r.value().type().isArray()) {
        Var returned = Walk.storage(r.value());
        if (returned != null && aliasesParameter(f, aliases, returned)) {
          found[0] = true;
        }
      }
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> {
          if (found[0] || !(node instanceof Expr.Invoke call) || !call.method().isDifferentiable()) {
            return;
          }
          boolean passesParameter = call.args().stream().map(Walk::storage)
              .anyMatch(v -> v != null && aliasesParameter(f, aliases, v));
          Function callee = passesParameter ? callees.body(call.method()) : null;
          if (callee != null && writes(callee, call.method().owner())) {
            found[0] = true;
          }
        });
      }
    });
    return found[0];
  }

  private static boolean aliasesParameter(Function f, Activity aliases, Var v) {
    for (Function.Parameter p : f.parameters()) {
      if (p.var().type().isArray() && aliases.mayAlias(p.var(), v)) {
        return true;
      }
    }
    return false;
  }
}
