package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Values inside a loop body that the reverse sweep recomputes instead of recording: a variable
 * defined once, at the top of the body, from array elements that nothing writes, counted loop
 * indices, values fixed before the loop and other such values. Recomputing {@code a = x[i] * x[i]}
 * costs two loads and a multiply; recording it costs a tape push and pop per iteration and memory
 * that grows with the trip count. This is what keeps loops over read-only data off the tape.
 */
public final class Rematerialization {
  /** Per loop id, the recomputable definitions of its body, in source order. */
  private final Map<Integer, LinkedHashMap<Var, Expr>> byLoop = new HashMap<>();
  private final Set<Var> all = new HashSet<>();

  private Rematerialization() {}

  static Rematerialization of(Block body, Activity activity, AssignmentCounts counts, Set<Var> countedCounters) {
    Rematerialization r = new Rematerialization();
    r.visit(body, activity, counts, countedCounters, List.of(), List.of(), Set.of());
    return r;
  }

  boolean contains(Var v) {
    return all.contains(v);
  }

  /** The variables that the recomputable definitions of the loop with id {@code loopId} read. */
  Set<Var> readsOfDefinitions(int loopId) {
    Set<Var> out = new HashSet<>();
    for (Expr value : definitions(loopId).values()) {
      if (value != null) {
        out.addAll(Walk.reads(value));
      }
    }
    return out;
  }

  /** Adds to {@code needed} the recomputable values that the needed ones are computed from. */
  void addDependencies(Set<Var> needed) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map<Var, Expr> defs : byLoop.values()) {
        for (Map.Entry<Var, Expr> d : defs.entrySet()) {
          if (needed.contains(d.getKey()) && d.getValue() != null) {
            for (Var w : Walk.reads(d.getValue())) {
              if (needed.add(w)) {
                changed = true;
              }
            }
          }
        }
      }
    }
  }

  /** The definitions to recompute at the start of each reversed iteration of a loop, in order. */
  Map<Var, Expr> definitions(int loopId) {
    return byLoop.getOrDefault(loopId, new LinkedHashMap<>());
  }

  /**
   * Adds to {@code elementWrites} the arrays whose elements the statements of {@code body} (nested
   * ones included) may write, and to {@code rowWrites} those whose rows they may replace: stores,
   * copies, and the array arguments of calls that may write into them.
   */
  public static void writes(Block body, List<Var> elementWrites, List<Var> rowWrites) {
    Walk.statements(body, s -> {
      // A called method may write into an array it is given: a static method without derivatives,
      // or any method of an object (rng.nextDoubles(buffer), filler.refill(buffer, i)). (A
      // @Differentiable callee that writes is inlined, or refused, before this runs; one from a jar
      // is taken not to.)
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> {
          List<Expr> args = node instanceof Expr.Invoke call && !call.method().isDifferentiable() ? call.args()
              : node instanceof Expr.InvokeInstance call ? call.args() : List.of();
          for (Expr arg : args) {
            Var v = Walk.storage(arg);
            if (v != null) {
              elementWrites.add(v);
              rowWrites.add(v);
            }
          }
        });
      }
      if (s instanceof Stmt.ArrayStore st) {
        Var v = Walk.storage(st.array());
        if (v != null) {
          (st.value().type().isArray() ? rowWrites : elementWrites).add(v);
        }
      }
      if (s instanceof Stmt.ArrayCopy c) {
        Var v = Walk.storage(c.target());
        if (v != null) {
          elementWrites.add(v);
          rowWrites.add(v);
        }
      }
    });
  }

  /**
   * Finds the recomputable definitions of the loops in {@code b}. {@code laterElements} and
   * {@code laterRows} are the arrays written after {@code b} (by the statements that follow it, and
   * by the rest of an enclosing loop, which runs again).
   */
  private void visit(Block b, Activity activity, AssignmentCounts counts, Set<Var> counters,
      List<Var> laterElements, List<Var> laterRows, Set<Var> outer) {
    List<Stmt> statements = b.statements();
    int n = statements.size();
    // Per statement, the arrays it and everything after it write. A loop's reverse sweep sees the
    // contents its forward sweep read only if none of these is written: writes that are over before
    // the loop starts (w[i] filled just before a loop over w in the same branch) do not matter.
    List<List<Var>> fromElements = new ArrayList<>(Collections.nCopies(n + 1, laterElements));
    List<List<Var>> fromRows = new ArrayList<>(Collections.nCopies(n + 1, laterRows));
    Set<Var> elements = new LinkedHashSet<>(laterElements);
    Set<Var> rows = new LinkedHashSet<>(laterRows);
    for (int j = n - 1; j >= 0; j--) {
      List<Var> e = new ArrayList<>();
      List<Var> r = new ArrayList<>();
      writes(new Block(List.of(statements.get(j))), e, r);
      elements.addAll(e);
      rows.addAll(r);
      fromElements.set(j, List.copyOf(elements));
      fromRows.set(j, List.copyOf(rows));
    }
    for (int j = 0; j < n; j++) {
      Stmt s = statements.get(j);
      if (s instanceof Stmt.Loop l) {
        List<Var> written = fromElements.get(j);
        List<Var> rowWrites = fromRows.get(j);
        LinkedHashMap<Var, Expr> defs = new LinkedHashMap<>();
        // Values an enclosing loop recomputes are there again when this loop is reversed.
        for (Var v : outer) {
          defs.put(v, null);
        }
        Set<Var> assignedInLoop = Walk.assigned(List.of(l.header(), l.body(), l.update()));
        for (Stmt inner : l.body().statements()) {
          // doubles, and the ints, longs and booleans computed from indices (a column's start)
          boolean scalar = d(inner) != null && !d(inner).var().type().isArray()
              && (d(inner).var().type().equals(Type.DOUBLE) || d(inner).var().type().isIntegral()
                  || d(inner).var().type().equals(Type.BOOLEAN));
          boolean alias = d(inner) != null && d(inner).var().type().isArray()
              && (d(inner).init() instanceof Var || d(inner).init() instanceof Expr.ArrayLoad);
          if (inner instanceof Stmt.Declare d && d.init() != null && (scalar || alias)
              && countsOnce(d.var(), l)
              && recomputable(d.init(), defs, assignedInLoop, counts, counters, alias ? rowWrites : written, activity)) {
            defs.put(d.var(), d.init());
            all.add(d.var());
          }
        }
        defs.keySet().removeAll(outer);
        byLoop.put(l.id(), defs);
        Set<Var> inner = new HashSet<>(outer);
        inner.addAll(defs.keySet());
        // Inside the loop everything in it runs again on the next iteration: its own writes count.
        for (Block child : Walk.children(s)) {
          visit(child, activity, counts, counters, written, rowWrites, child == l.body() ? inner : outer);
        }
        continue;
      }
      for (Block child : Walk.children(s)) {
        visit(child, activity, counts, counters, fromElements.get(j + 1), fromRows.get(j + 1), outer);
      }
    }
  }

  /** Defined by this one statement only (not also assigned elsewhere in the loop). */
  private static Stmt.Declare d(Stmt s) {
    return s instanceof Stmt.Declare d && d.init() != null ? d : null;
  }

  private static boolean countsOnce(Var v, Stmt.Loop l) {
    int[] n = {0};
    Walk.statements(l.body(), s -> {
      if (s instanceof Stmt.Assign a && a.target() == v || s instanceof Stmt.Declare d && d.var() == v) {
        n[0]++;
      }
    });
    return n[0] == 1;
  }

  private static boolean recomputable(Expr e, Map<Var, Expr> defs, Set<Var> assignedInLoop, AssignmentCounts counts,
      Set<Var> counters, List<Var> written, Activity activity) {
    if (e instanceof Expr.Const || e instanceof Expr.StaticField) {
      return true;
    }
    if (e instanceof Var v) {
      if (defs.containsKey(v) || counters.contains(v)) {
        return true;
      }
      // Fixed while the loop runs. The reverse sweep reads it, so it is restored (or never changes)
      // by the time the loop is reversed; an array must also keep its contents.
      return !assignedInLoop.contains(v) && !(v.type().isArray() && isWritten(v, written, activity));
    }
    if (e instanceof Expr.ArrayLoad l) {
      Var array = Walk.storage(l.array());
      if (array == null || isWritten(array, written, activity)) {
        return false;
      }
    } else if (!(e instanceof Expr.Binary || e instanceof Expr.Unary || e instanceof Expr.Cast
        || (e instanceof Expr.MathCall m && m.rule() == null) || e instanceof Expr.ArrayLength
        || e instanceof Expr.Conditional)) {
      // Never a call (Invoke, InvokeInstance): it may have side effects (rng.nextGaussian()), so its
      // result is recorded, not made again.
      return false;
    }
    for (Expr o : Walk.operands(e)) {
      if (!recomputable(o, defs, assignedInLoop, counts, counters, written, activity)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWritten(Var array, List<Var> written, Activity activity) {
    for (Var w : written) {
      if (w == array || activity.mayAlias(w, array)) {
        return true;
      }
    }
    return false;
  }
}
