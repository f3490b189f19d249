package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.Rematerialization;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.ChildBlocks;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Element loads that do not change in a loop, made once before it. ADBench's {@code Qtimesx} reads
 * {@code x[i]} in its inner loop over j: {@code out[j] = out[j] + ltri[idx] * x[i]}. The partial with
 * respect to {@code ltri[idx]} is {@code x[i]}, and the next call overwrites x, so the reverse sweep
 * recorded {@code x[i]} once per (i, j): d(d-1)/2 values where d would do. Loaded before the j
 * loop, it is recorded once per i.
 *
 * <p>A statement {@code double t = a[k]} of a loop's body is moved before the loop when: it comes
 * before any jump of the body; the loop assigns neither {@code a} nor {@code k} and declares t only
 * there; the loop makes no call and writes into no array that may share storage with {@code a};
 * and the function writes into {@code a} somewhere from the outermost loop around it on (where
 * nothing does, the reverse sweep loads the element again instead of recording it, {@code
 * StableLoads}, and moving the load would only make it record). The moved load runs only where the
 * loop runs its body at least once: a {@code for} or {@code while} loop goes, with the loads before
 * it, into an {@code if} on the loop's first test (its condition with the initial values of the
 * variables its init declares), so that an index valid only inside the loop is never read. Loops
 * with a header block, an impure condition, an init that sets variables declared outside it, or a
 * checkpoint are left as they are.
 */
public final class InvariantLoads {
  private final Activity aliases;
  /** Each statement's position in a walk of the function in source order, nested statements included. */
  private final Map<Stmt, Integer> order = new IdentityHashMap<>();
  /** For each array alias class, the position of the last statement that may write into it. */
  private final Map<Var, Integer> lastWrite = new HashMap<>();

  private InvariantLoads(Function f, Activity aliases) {
    this.aliases = aliases;
    int[] next = {0};
    Walk.statements(f.body(), s -> {
      int at = next[0]++;
      order.put(s, at);
      // A compound statement counts the writes of its blocks too, at its own position; their own
      // statements count them again later, and the last position is what is kept.
      for (Var written : arraysWritten(new Block(List.of(s)))) {
        lastWrite.merge(root(written), at, Math::max);
      }
    });
  }

  /** {@code f} with the invariant loads of its loops moved before them; {@code aliases} gives f's array aliasing. */
  public static Function apply(Function f, Activity aliases) {
    InvariantLoads pass = new InvariantLoads(f, aliases);
    Block body = pass.block(f.body(), null);
    return body.equals(f.body()) ? f : new Function(f.name(), f.parameters(), f.returnType(), body, f.pos());
  }

  private Block block(Block b, Stmt.Loop outermost) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Loop l) {
        Stmt.Loop around = outermost == null ? l : outermost;
        Stmt.Loop rebuilt = (Stmt.Loop) ChildBlocks.map(l, child -> block(child, around));
        hoist(rebuilt, around, out);
      } else if (!Walk.children(s).isEmpty()) {
        out.add(ChildBlocks.map(s, child -> block(child, outermost)));
      } else {
        out.add(s);
      }
    }
    return out.build();
  }

  /** Adds the loop to {@code out}, after the loads moved out of it. */
  private void hoist(Stmt.Loop l, Stmt.Loop outermost, Block.Builder out) {
    // null: the body runs at least once (a do-while), so the loads need no guard
    Expr guard = l.kind().testFirst() ? firstTest(l) : null;
    if (guard == null && l.kind().testFirst() || l.checkpoint() != null || makesCalls(l)) {
      out.add(l);
      return;
    }
    List<Block> parts = List.of(l.init(), l.header(), l.body(), l.update());
    Map<Var, Integer> assignments = assignmentCounts(parts);
    Set<Var> writtenHere = new HashSet<>();
    for (Block part : parts) {
      for (Var written : arraysWritten(part)) {
        writtenHere.add(root(written));
      }
    }
    List<Stmt.Declare> moved = new ArrayList<>();
    Block.Builder body = new Block.Builder();
    boolean jumped = false;
    for (Stmt s : l.body().statements()) {
      if (!jumped && s instanceof Stmt.Declare d && isInvariantLoad(d, assignments, writtenHere, outermost)) {
        moved.add(d);
        continue;
      }
      jumped |= jumps(s);
      body.add(s);
    }
    if (moved.isEmpty()) {
      out.add(l);
      return;
    }
    out.add(new Stmt.Comment("the loads of the loop below that do not change in it, made once before it", l.pos()));
    Block.Builder hoisted = new Block.Builder();
    hoisted.addAll(moved);
    hoisted.add(new Stmt.Loop(l.kind(), l.init(), l.header(), l.condition(), body.build(), l.update(), l.id(),
        l.sourceLabel(), l.pos(), l.checkpoint()));
    if (guard == null) {
      out.addAll(hoisted.build());
    } else {
      // Where the first test fails the loop would only have set its own variables: it can be skipped.
      out.add(new Stmt.If(guard, hoisted.build(), Block.EMPTY, l.pos()));
    }
  }

  private boolean isInvariantLoad(Stmt.Declare d, Map<Var, Integer> assignments, Set<Var> writtenHere,
      Stmt.Loop outermost) {
    if (!d.var().type().equals(Type.DOUBLE) || !(d.init() instanceof Expr.ArrayLoad load)
        || !(load.array() instanceof Var array) || !(load.index() instanceof Expr.Atom index)) {
      return false;
    }
    boolean invariant = assignments.getOrDefault(d.var(), 0) == 1 && !assignments.containsKey(array)
        && !(index instanceof Var v && assignments.containsKey(v)) && !writtenHere.contains(root(array));
    return invariant && lastWrite.getOrDefault(root(array), -1) >= order.getOrDefault(outermost, Integer.MAX_VALUE);
  }

  /**
   * The loop's condition as its first test evaluates it: with each variable its init block sets
   * replaced by the value it sets; null where that cannot be written as one pure expression.
   */
  private static Expr firstTest(Stmt.Loop l) {
    if (!l.header().isEmpty() || !isPure(l.condition())) {
      return null;
    }
    Map<Var, Expr> initial = new HashMap<>();
    for (Stmt s : l.init().statements()) {
      Var v;
      Expr value;
      // Only the loop's own variables: a loop skipped where its first test fails changes nothing else.
      if (s instanceof Stmt.Declare d && d.init() != null) {
        v = d.var();
        value = d.init();
      } else if (s instanceof Stmt.Comment) {
        continue;
      } else {
        return null;
      }
      if (!isPure(value) || initial.containsKey(v)) {
        return null;
      }
      initial.put(v, Rewrite.substitute(value, w -> initial.getOrDefault(w, w)));
    }
    return Rewrite.substitute(l.condition(), w -> initial.getOrDefault(w, w));
  }

  /** No calls and no tape: evaluating it once more changes nothing. */
  private static boolean isPure(Expr e) {
    boolean[] pure = {true};
    Walk.nodes(e, node -> pure[0] &= !(node instanceof Expr.Invoke || node instanceof Expr.InvokeInstance
        || node instanceof Expr.InvokeDerivative || node instanceof Expr.TapePop));
    return pure[0];
  }

  /** Whether anything in the loop calls a method other than a {@code Math} function, which may write into arrays. */
  private static boolean makesCalls(Stmt.Loop l) {
    boolean[] calls = {false};
    for (Block part : List.of(l.init(), l.header(), l.body(), l.update())) {
      Walk.statements(part, s -> {
        calls[0] |= s instanceof Stmt.Evaluate;
        for (Expr e : Walk.expressions(s)) {
          calls[0] |= !isPure(e);
        }
      });
    }
    return calls[0] || !isPure(l.condition());
  }

  private static boolean jumps(Stmt s) {
    boolean[] jumps = {false};
    Walk.statements(new Block(List.of(s)), t -> jumps[0] |= t instanceof Stmt.Break || t instanceof Stmt.Continue
        || t instanceof Stmt.Return);
    return jumps[0];
  }

  private static Map<Var, Integer> assignmentCounts(List<Block> parts) {
    Map<Var, Integer> counts = new HashMap<>();
    for (Block part : parts) {
      Walk.statements(part, s -> {
        if (s instanceof Stmt.Assign a) {
          counts.merge(a.target(), 1, Integer::sum);
        } else if (s instanceof Stmt.Declare d) {
          counts.merge(d.var(), 1, Integer::sum);
        }
      });
    }
    return counts;
  }

  /** The arrays the statements of a block (nested ones included) may write into, elements or rows. */
  private static List<Var> arraysWritten(Block b) {
    List<Var> written = new ArrayList<>();
    Rematerialization.writes(b, written, written);
    return written;
  }

  private Var root(Var array) {
    return aliases.aliasRoot(array);
  }
}
