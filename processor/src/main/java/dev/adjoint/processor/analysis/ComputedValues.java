package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.Linear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code Math} calls that a partial needs and that a variable already holds. The partial of
 * {@code s = Math.sin(t)} is {@code Math.cos(t)}; a rotation computes {@code c = Math.cos(t)} just
 * before it, so the derivative code can read {@code c} instead of calling {@code cos} again (a
 * pullback of bundle adjustment called {@code sin} and {@code cos} once more per row of its
 * Jacobian for this).
 *
 * <p>A statement {@code v = Math.f(a, ...)} whose arguments are variables or constants makes
 * {@code Math.f(a, ...)} available in v to the statements after it in its block, until one of
 * them assigns v or an argument. Nothing is shared across control flow or into or out of a nested
 * block: within a run of straight-line code the value in v at a statement is the call's value at
 * that statement, which is what both modes read (forward mode before the statement assigns,
 * reverse mode at the values the plan restores for it). What the statement itself assigns is not
 * offered to it, so forward mode may compute the tangent after the assignment.
 */
public final class ComputedValues {
  private static final ComputedValues NONE = new ComputedValues(new IdentityHashMap<>());

  private final Map<Stmt, Map<Expr.MathCall, Var>> availableAt;

  private ComputedValues(Map<Stmt, Map<Expr.MathCall, Var>> availableAt) {
    this.availableAt = availableAt;
  }

  /** The calls available at each statement of a body, nested blocks included. */
  public static ComputedValues of(Block body) {
    Map<Stmt, Map<Expr.MathCall, Var>> at = new IdentityHashMap<>();
    collect(body, at);
    return at.isEmpty() ? NONE : new ComputedValues(at);
  }

  private static void collect(Block block, Map<Stmt, Map<Expr.MathCall, Var>> at) {
    Map<Expr.MathCall, Var> available = new HashMap<>();
    for (Stmt s : block.statements()) {
      List<Block> children = Walk.children(s);
      if (!children.isEmpty()) {
        available.clear();
        for (Block child : children) {
          collect(child, at);
        }
        continue;
      }
      Var assigned = s instanceof Stmt.Assign a ? a.target() : s instanceof Stmt.Declare d ? d.var() : null;
      if (assigned == null) {
        continue;
      }
      available.entrySet().removeIf(e -> e.getValue() == assigned || Walk.reads(e.getKey()).contains(assigned));
      if (!available.isEmpty()) {
        at.put(s, Map.copyOf(available));
      }
      Expr value = s instanceof Stmt.Assign a ? a.value() : ((Stmt.Declare) s).init();
      if (assigned.type().equals(Type.DOUBLE) && value instanceof Expr.MathCall call && isReusable(call)
          && !Walk.reads(call).contains(assigned)) {
        available.putIfAbsent(call, assigned);
      }
    }
  }

  /** A {@code java.lang.Math} function of variables and constants: the same arguments give the same value. */
  private static boolean isReusable(Expr.MathCall call) {
    if (call.rule() != null || !call.type().equals(Type.DOUBLE)
        || !(call.owner().equals("java.lang.Math") || call.owner().equals("java.lang.StrictMath"))) {
      return false;
    }
    for (Expr arg : call.args()) {
      if (!(arg instanceof Var || arg instanceof Expr.Const)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The linearization of statement {@code s}'s value with each available call in its partials read
   * from its variable; unchanged for a null {@code s} (an expression that is no statement's value).
   */
  public Linear.Sum reusing(Stmt s, Linear.Sum sum) {
    Map<Expr.MathCall, Var> available = s == null ? null : availableAt.get(s);
    if (available == null) {
      return sum;
    }
    List<Linear.Term> terms = new ArrayList<>();
    for (Linear.Term t : sum.terms()) {
      terms.add(new Linear.Term(t.operand(), Rewrite.replacingMathCalls(t.partial(), available::get)));
    }
    return new Linear.Sum(terms);
  }
}
