package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Element loads whose value the reverse sweep can load again where a partial uses it, instead of
 * recording the variable that holds it. {@code out[j] = out[j] + ltri[off + idx] * x[i]} is lowered
 * to {@code t = ltri[off + idx]; ...; out[j] = ... + t * u}: the partial with respect to u is t,
 * which the next iteration overwrites, so t would go on the tape. When nothing writes into
 * {@code ltri} from here on and nothing between the load and the use assigns what the load reads,
 * the partial is {@code ltri[off + idx]} itself: the reverse sweep sees {@code off} and {@code idx} as
 * they were at the statement (it restores what it reads), and {@code ltri} holds the same elements.
 *
 * <p>A load of the element that its own iteration of a counted loop stored ({@code c[i] = ...; t =
 * c[i]}) is stable too when the loop writes {@code c} nowhere else ({@link
 * ReversePlan#loadsOwnIterationsStore}).
 *
 * <p>Both the {@link ReversePlan} (to know what the reverse sweep reads) and the reverse transform
 * (to write the partials) walk the blocks in the same order and ask this the same questions. A load
 * is used only by later statements of its own block; a nested block starts with none.
 */
public final class StableLoads {
  private final ReversePlan plan;
  private final Deque<Map<Var, Expr>> scopes = new ArrayDeque<>();

  public StableLoads(ReversePlan plan) {
    this.plan = plan;
  }

  public void enterBlock() {
    scopes.push(new HashMap<>());
  }

  public void leaveBlock() {
    scopes.pop();
  }

  /** Updates the loads available after statement {@code s} of the current block (in top-level statement {@code topIndex}). */
  public void after(Stmt s, int topIndex) {
    Map<Var, Expr> live = scopes.peek();
    if (!live.isEmpty()) {
      Set<Var> assigned = Walk.assigned(List.of(new Block(List.of(s))));
      live.entrySet().removeIf(e -> assigned.contains(e.getKey())
          || !Collections.disjoint(Walk.reads(e.getValue()), assigned));
    }
    Var target = null;
    Expr value = null;
    if (s instanceof Stmt.Declare d && d.init() != null) {
      target = d.var();
      value = d.init();
    } else if (s instanceof Stmt.Assign a) {
      target = a.target();
      value = a.value();
    }
    if (target != null && value instanceof Expr.ArrayLoad load && target.type().equals(Type.DOUBLE)
        && plan.assignedAtOneStatement(target) && !Walk.reads(load).contains(target)
        && (plan.contentsStable(load.array(), topIndex) || plan.loadsOwnIterationsStore(s))) {
      live.put(target, load);
    }
  }

  /** The partial with each variable that holds a stable load replaced by the load. */
  public Expr forwarded(Expr partial) {
    Map<Var, Expr> live = scopes.peek();
    if (live == null || live.isEmpty() || Collections.disjoint(Walk.reads(partial), live.keySet())) {
      return partial;
    }
    return Rewrite.substitute(partial, v -> live.getOrDefault(v, v));
  }
}
