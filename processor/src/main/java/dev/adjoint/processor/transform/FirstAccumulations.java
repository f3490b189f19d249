package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an accumulation {@code xBar += e} (or {@code xBar -= e}) into {@code xBar = e} (or
 * {@code xBar = -e}) where the local {@code double xBar} holds the constant 0.0 on every path
 * that reaches it: its declaration with 0.0, or its reset to 0.0 after the adjoint of the
 * previous statement or loop iteration used it.
 *
 * <p>Why: the reverse sweep gives every intermediate value an adjoint that starts at 0.0 and
 * receives its contributions by {@code +=}. The JIT cannot drop {@code 0.0 + e} (it is not
 * {@code e} when {@code e} is -0.0), so each first contribution costs an addition on the
 * critical path; in the Rosenbrock gradient's loop they were 40 % of its reverse sweep. The
 * rewritten code can differ from the old only in the sign of a zero (old {@code 0.0 + -0.0 =
 * 0.0}, new {@code -0.0}), as {@link Exprs#add} already does when it folds {@code 0.0 + e}.
 *
 * <p>The analysis is a forward pass over the IR with the set of variables known to be 0.0:
 * branches meet in the intersection of their sets; a {@link Stmt.Repeat} (the reverse sweep's
 * loops, which no jump leaves or restarts) keeps, on entry to its body, what is zero on entry and
 * again at the end of the body, found by iterating to a fixed point; any other loop keeps only the
 * variables it never assigns. Java locals change only by assignment, so nothing else can make a
 * known zero wrong.
 */
public final class FirstAccumulations {
  private FirstAccumulations() {
  }

  /** {@code f} with its first accumulations into known zeros made assignments. */
  public static Function apply(Function f) {
    if (f == null) {
      return null;
    }
    Block body = block(f.body(), new HashSet<>(), true);
    return new Function(f.name(), f.parameters(), f.returnType(), body, f.pos());
  }

  /**
   * Walks {@code b} from the known zeros {@code zero}, which it leaves as they are at the end of
   * {@code b}; rewrites only when {@code rewrite} (fixed-point rounds only analyse).
   */
  private static Block block(Block b, Set<Var> zero, boolean rewrite) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      out.add(statement(s, zero, rewrite));
    }
    return out.build();
  }

  private static Stmt statement(Stmt s, Set<Var> zero, boolean rewrite) {
    if (s instanceof Stmt.Declare d) {
      setZero(zero, d.var(), d.init() != null && isZero(d.var(), d.init()));
      return s;
    }
    if (s instanceof Stmt.Assign a) {
      return assignment(a, zero);
    }
    if (s instanceof Stmt.If i) {
      Set<Var> otherwise = new HashSet<>(zero);
      Block then = block(i.then(), zero, rewrite);
      Block elseBlock = block(i.otherwise(), otherwise, rewrite);
      zero.retainAll(otherwise);
      return rewrite ? new Stmt.If(i.condition(), then, elseBlock, i.pos()) : s;
    }
    if (s instanceof Stmt.Repeat r) {
      return repeat(r, zero, rewrite);
    }
    if (s instanceof Stmt.Loop l) {
      return loop(l, zero, rewrite);
    }
    // Stores, copies, pushes, evaluations, jumps and comments assign no local.
    return s;
  }

  private static Stmt assignment(Stmt.Assign a, Set<Var> zero) {
    Var target = a.target();
    if (isZero(target, a.value())) {
      zero.add(target);
      return a;
    }
    boolean known = zero.remove(target);
    if (known && a.value() instanceof Expr.Binary b && b.left() == target && b.type().equals(Type.DOUBLE)
        && b.right().type().equals(Type.DOUBLE) && !Walk.reads(b.right()).contains(target)) {
      if (b.op() == Expr.BinaryOp.ADD) {
        return new Stmt.Assign(target, b.right(), a.pos());
      }
      if (b.op() == Expr.BinaryOp.SUB) {
        return new Stmt.Assign(target, Exprs.neg(b.right()), a.pos());
      }
    }
    return a;
  }

  /**
   * The body runs zero or more times, entered each time from the loop head; what is zero at the head
   * is what was zero on entry and is still zero at the end of every pass through the body.
   */
  private static Stmt repeat(Stmt.Repeat r, Set<Var> zero, boolean rewrite) {
    Set<Var> head = new HashSet<>(zero);
    while (true) {
      Set<Var> end = new HashSet<>(head);
      block(r.body(), end, false);
      end.retainAll(zero);
      if (end.equals(head)) {
        break;
      }
      head = end;
    }
    zero.retainAll(head);
    if (!rewrite) {
      return r;
    }
    return new Stmt.Repeat(r.counter(), r.count(), block(r.body(), new HashSet<>(head), true), r.pos());
  }

  /**
   * A loop of the forward sweep may be left or restarted by a jump from anywhere in it: inside, and
   * after it, only the variables it never assigns keep what they held after its initialisation. A
   * loop without jumps runs its parts in order, and is analysed as a {@link Stmt.Repeat} is.
   */
  private static Stmt loop(Stmt.Loop l, Set<Var> zero, boolean rewrite) {
    if (!hasJumps(l)) {
      return loopWithoutJumps(l, zero, rewrite);
    }
    Block init = block(l.init(), zero, rewrite);
    zero.removeAll(Walk.assigned(List.of(l.header(), l.body(), l.update())));
    Block header = block(l.header(), new HashSet<>(zero), rewrite);
    Block body = block(l.body(), new HashSet<>(zero), rewrite);
    Block update = block(l.update(), new HashSet<>(zero), rewrite);
    if (!rewrite) {
      return l;
    }
    return new Stmt.Loop(l.kind(), init, header, l.condition(), body, update, l.id(), l.sourceLabel(), l.pos(),
        l.checkpoint());
  }

  private static boolean hasJumps(Stmt.Loop l) {
    boolean[] found = {false};
    Walk.statements(new Block(List.of(l)), s -> found[0] |= s instanceof Stmt.Break || s instanceof Stmt.Continue);
    return found[0];
  }

  /**
   * {@code init}, then passes of {@code header; body; update} (for a do-while, {@code body;
   * header}) while the condition holds, the loop ending after a header: what is zero at the head is
   * what was zero after {@code init} and is still zero after every pass.
   */
  private static Stmt loopWithoutJumps(Stmt.Loop l, Set<Var> zero, boolean rewrite) {
    Block init = block(l.init(), zero, rewrite);
    boolean testFirst = l.kind().testFirst();
    List<Block> pass = testFirst ? List.of(l.header(), l.body(), l.update()) : List.of(l.body(), l.header());
    Set<Var> head = new HashSet<>(zero);
    while (true) {
      Set<Var> next = new HashSet<>(head);
      for (Block b : pass) {
        block(b, next, false);
      }
      next.retainAll(zero);
      if (next.equals(head)) {
        break;
      }
      head = next;
    }
    // The rewrite walks one pass from the head; the loop ends after a header (a test-first loop's
    // first one, from the head; a do-while's, after its body).
    Set<Var> state = new HashSet<>(head);
    Block header;
    Block body;
    Block update;
    Set<Var> atExit;
    if (testFirst) {
      header = block(l.header(), state, rewrite);
      atExit = new HashSet<>(state);
      body = block(l.body(), state, rewrite);
      update = block(l.update(), state, rewrite);
    } else {
      body = block(l.body(), state, rewrite);
      header = block(l.header(), state, rewrite);
      update = l.update();
      atExit = state;
    }
    zero.clear();
    zero.addAll(atExit);
    if (!rewrite) {
      return l;
    }
    return new Stmt.Loop(l.kind(), init, header, l.condition(), body, update, l.id(), l.sourceLabel(), l.pos(),
        l.checkpoint());
  }

  private static boolean isZero(Var v, Expr value) {
    return v.type().equals(Type.DOUBLE) && Exprs.isConst(value, 0.0);
  }

  private static void setZero(Set<Var> zero, Var v, boolean isZero) {
    if (isZero) {
      zero.add(v);
    } else {
      zero.remove(v);
    }
  }
}
