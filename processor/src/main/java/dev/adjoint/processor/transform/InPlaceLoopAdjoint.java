package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A loop whose iterations are independent in reverse runs each iteration's adjoint inside the loop,
 * right after the iteration, instead of in a second loop that runs them backwards.
 *
 * <p>Why: a loop that records nothing still costs two passes over its data, the forward loop and a
 * reverse loop that computes each iteration's values again before its adjoint. The sum of the
 * Rosenbrock function, a least-squares loss, a log-likelihood over samples: each iteration only adds
 * to the result and to the parameters' adjoints, so the order in which the adjoints of iterations
 * run does not matter, and the values each one needs are there at the end of its own iteration.
 *
 * <p>When: the loop is the method's last loop, followed only by assignments of doubles whose adjoint
 * can run before it ({@link InPlaceLayout}: the adjoint of its sum is then known before the loop
 * runs), and its code, as the reverse transform wrote it, shows that iterations do not talk to each
 * other in reverse:
 * <ul>
 *   <li>nothing goes on or comes off the tape, and nothing is undone (no value of one iteration is
 *       restored for another);
 *   <li>the iteration's adjoint calls nothing and copies nothing;
 *   <li>each double adjoint it touches is either only read (the seed of an accumulator such as
 *       {@code sum += ...}, whose adjoint no iteration changes), or only added into ({@code xBar}
 *       of a value the loop reads and does not assign), or used within the iteration and reset to
 *       0.0 at its end (the adjoints of the iteration's own values), and the result's adjoint is
 *       never changed;
 *   <li>the elements of shadow arrays are only added into ({@code xBar[i] += ...}).
 * </ul>
 * <p>Then the adjoint of iteration k sees the primal values of iteration k (which the reverse loop
 * recomputes or restores), and adjoints that are the same in every order: the result is the one the
 * reverse loop gives, but for the order of the additions into each adjoint, as in any reordering of
 * a sum. Otherwise the loop is reversed as usual.
 */
final class InPlaceLoopAdjoint {
  private InPlaceLoopAdjoint() {}

  /**
   * A loop that can run its adjoint in place, with its usual code, for {@link InPlaceLayout} to choose.
   *
   * @param forwardLoop the loop as the forward sweep runs it when it is reversed as usual
   * @param reverseCode the statements of the reverse sweep that reverse it as usual
   * @param inPlace the loop with each iteration's adjoint inside it
   * @param iteration one iteration's adjoint
   */
  record Option(Stmt forwardLoop, List<Stmt> reverseCode, Stmt.Loop inPlace, Block iteration) {}

  /**
   * The loop with each iteration's adjoint inside it, or null when its iterations are not
   * independent in reverse.
   *
   * @param iteration the adjoint of one iteration (the body's)
   * @param isAdjoint which variables are adjoints or shadows
   * @param resultBar the adjoint of the method's result, seeded before the loop
   */
  static Stmt.Loop fuse(Stmt.Loop l, Sweeps init, Sweeps header, Sweeps body, Sweeps update, Block iteration,
      Predicate<Var> isAdjoint, Var resultBar) {
    if (!l.kind().testFirst() || l.checkpoint() != null) {
      return null;
    }
    if (!init.reverseIsEmpty() || !header.reverseIsEmpty() || !update.reverseIsEmpty()) {
      return null;
    }
    List<Block> forward = List.of(init.forward(), header.forward(), body.forward(), update.forward());
    if (jumpsOrTape(forward) || jumpsOrTape(List.of(iteration)) || assignsScalarAdjoint(forward, isAdjoint)) {
      return null;
    }
    if (assignsPrimal(iteration, isAdjoint, l) || callsOrCopies(iteration)
        || !shadowElementsOnlyAddedInto(iteration, isAdjoint)
        || !scalarAdjointsIndependent(iteration, isAdjoint, resultBar)) {
      return null;
    }
    if (!Collections.disjoint(declaredNames(forward), declaredNames(List.of(iteration)))) {
      // The iteration's adjoint was written for a scope of its own; a clash would not compile.
      return null;
    }
    Block fusedBody = new Block.Builder()
        .addAll(body.forward())
        .add(new Stmt.Comment("adjoint of this iteration, run right after it: iterations add into adjoints and"
            + " read nothing another one changes", l.pos()))
        .addAll(iteration)
        .build();
    return new Stmt.Loop(l.kind(), init.forward(), header.forward(), l.condition(), fusedBody, update.forward(),
        l.id(), l.sourceLabel(), l.pos());
  }

  // ---- what the code may not do ---------------------------------------------------------------

  static boolean jumpsOrTape(List<Block> blocks) {
    boolean[] found = {false};
    for (Block b : blocks) {
      Walk.statements(b, s -> {
        found[0] |= s instanceof Stmt.Push || s instanceof Stmt.Break || s instanceof Stmt.Continue;
        for (Expr e : Walk.expressions(s)) {
          Walk.nodes(e, node -> found[0] |= node instanceof Expr.TapePop || node == Var.TAPE
            || CheckpointedLoopCode.isCheckpointing(node));
        }
      });
    }
    return found[0];
  }

  /** The forward sweep never sets a double adjoint; if it did, the iteration's adjoint would see it early. */
  private static boolean assignsScalarAdjoint(List<Block> blocks, Predicate<Var> isAdjoint) {
    for (Var v : Walk.assigned(blocks)) {
      if (v.type().equals(Type.DOUBLE) && isAdjoint.test(v)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the iteration's adjoint assigns a variable other than an adjoint, one it declares, or one
   * the loop's body declares (an inner loop's index, which the next iteration declares again before
   * any use): it would undo or restore a value ({@code k -= 2}) that the rest of the loop still uses.
   */
  private static boolean assignsPrimal(Block iteration, Predicate<Var> isAdjoint, Stmt.Loop l) {
    Set<Var> declared = new HashSet<>();
    Walk.statements(l.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
    });
    return assignsPrimal(iteration, isAdjoint, declared);
  }

  /** Whether the code assigns a variable other than an adjoint, one it declares, or one of {@code mayAssign}. */
  static boolean assignsPrimal(Block code, Predicate<Var> isAdjoint, Set<Var> mayAssign) {
    Set<Var> declared = new HashSet<>(mayAssign);
    boolean[] found = {false};
    Walk.statements(code, s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      } else if (s instanceof Stmt.Assign a && !isAdjoint.test(a.target()) && !declared.contains(a.target())) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** Calls (a callee's adjoint may read what it adds into), copies and runtime updates of arrays. */
  static boolean callsOrCopies(Block iteration) {
    boolean[] found = {false};
    Walk.statements(iteration, s -> {
      found[0] |= s instanceof Stmt.ArrayCopy || s instanceof Stmt.Evaluate;
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> found[0] |= node instanceof Expr.Invoke || node instanceof Expr.InvokeInstance
            || node instanceof Expr.InvokeDerivative || node instanceof Expr.RecordGet
            || node instanceof Expr.NewRecord);
      }
    });
    return found[0];
  }

  // ---- shadow arrays ----------------------------------------------------------------------------

  /**
   * Every store of the iteration's adjoint is {@code s[j] = s[j] + e} (or {@code - e}) into a shadow,
   * and no other expression reads an element of a shadow: the elements are only added into.
   */
  static boolean shadowElementsOnlyAddedInto(Block iteration, Predicate<Var> isAdjoint) {
    Set<Expr> accumulated = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean[] ok = {true};
    Walk.statements(iteration, s -> {
      if (s instanceof Stmt.ArrayStore store) {
        Var storage = Walk.storage(store.array());
        if (storage == null || !isAdjoint.test(storage) || !(store.value() instanceof Expr.Binary b)
            || !(b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)
            || !b.left().equals(new Expr.ArrayLoad(store.array(), store.index(), Type.DOUBLE))) {
          ok[0] = false;
          return;
        }
        accumulated.add(b.left());
      }
    });
    if (!ok[0]) {
      return false;
    }
    Walk.statements(iteration, s -> {
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> {
          if (node instanceof Expr.ArrayLoad load && load.type().equals(Type.DOUBLE) && !accumulated.contains(node)) {
            Var storage = Walk.storage(load.array());
            ok[0] &= storage == null || !isAdjoint.test(storage);
          }
        });
      }
    });
    return ok[0];
  }

  // ---- double adjoints --------------------------------------------------------------------------

  /**
   * Each double adjoint the iteration touches and does not declare is only read, or only added
   * into, or (the result's excepted) 0.0 again at the end of the iteration ({@link #resetAtEnd}).
   */
  private static boolean scalarAdjointsIndependent(Block iteration, Predicate<Var> isAdjoint, Var resultBar) {
    Set<Var> declared = new HashSet<>();
    Set<Var> assigned = new LinkedHashSet<>();
    Set<Var> notOnlyAddedInto = new HashSet<>();
    Walk.statements(iteration, s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
      Var target = s instanceof Stmt.Assign a ? a.target() : null;
      if (target != null) {
        assigned.add(target);
        if (!isAddition(s, target)) {
          notOnlyAddedInto.add(target);
        }
      }
      for (Expr e : Walk.expressions(s)) {
        for (Var v : Walk.reads(e)) {
          if (!(v == target && isAddition(s, target))) {
            notOnlyAddedInto.add(v);
          }
        }
      }
    });
    // An adjoint the iteration only reads is the same in every iteration: only assigned ones matter.
    for (Var v : assigned) {
      boolean sharedAdjoint = v.type().equals(Type.DOUBLE) && isAdjoint.test(v) && !declared.contains(v);
      if (!sharedAdjoint || !notOnlyAddedInto.contains(v)) {
        continue;
      }
      if (v == resultBar || !resetAtEnd(iteration, v)) {
        return false;
      }
    }
    return true;
  }

  /** The adjoints the code assigns other than by adding into them ({@link #isAddition}). */
  static Set<Var> setOtherwiseThanByAddition(Block code, Predicate<Var> isAdjoint) {
    Set<Var> out = new HashSet<>();
    Walk.statements(code, s -> {
      if (s instanceof Stmt.Assign a && isAdjoint.test(a.target()) && !isAddition(s, a.target())) {
        out.add(a.target());
      }
    });
    return out;
  }

  /** {@code v = v + e} or {@code v = v - e}, e not reading v. */
  static boolean isAddition(Stmt s, Var v) {
    return s instanceof Stmt.Assign a && a.target() == v && a.value() instanceof Expr.Binary b
        && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB) && b.left() == v
        && !Walk.reads(b.right()).contains(v);
  }

  /**
   * Whether v, 0.0 at the start of the block, is 0.0 again at its end: the last statement that
   * assigns it sets it to 0.0, or is a branch or an inner reverse loop after which it is 0.0 again.
   */
  private static boolean resetAtEnd(Block block, Var v) {
    boolean zero = true;
    for (Stmt s : block.statements()) {
      if (!Walk.assigned(List.of(new Block(List.of(s)))).contains(v)) {
        // Read, not changed.
        continue;
      }
      if (s instanceof Stmt.Assign a && a.target() == v) {
        zero = Exprs.isConst(a.value(), 0.0);
      } else if (s instanceof Stmt.Repeat r && !Walk.reads(r.count()).contains(v)) {
        // Run zero times, it leaves v as it was; run once or more, each run starts where one ended.
        zero = zero && resetAtEnd(r.body(), v);
      } else if (s instanceof Stmt.If i && !Walk.reads(i.condition()).contains(v)) {
        zero = zero && resetAtEnd(i.then(), v) && resetAtEnd(i.otherwise(), v);
      } else {
        zero = false;
      }
    }
    return zero;
  }

  // ---- names ------------------------------------------------------------------------------------

  private static Set<String> declaredNames(List<Block> blocks) {
    Set<String> names = new HashSet<>();
    for (Block b : blocks) {
      Walk.statements(b, s -> {
        if (s instanceof Stmt.Declare d) {
          names.add(d.var().name());
        } else if (s instanceof Stmt.Repeat r) {
          names.add(r.counter().name());
        }
      });
    }
    return names;
  }
}
