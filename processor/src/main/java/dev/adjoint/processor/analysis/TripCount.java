package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.List;
import java.util.Set;

/**
 * How the reverse sweep learns how many times a loop ran, and from which index it started.
 *
 * <p>A counted loop {@code for (int i = start; i < bound; i++)} (or {@code <=}) whose start and bound
 * read nothing the loop changes runs {@code bound - start} times (none when that is negative), which
 * the reverse sweep can compute again from the same variables: it sees every variable it reads as it
 * was at the loop, as for any other statement. Nothing is recorded then, not even inside other loops.
 * Every other loop counts its iterations in the forward sweep, and keeps its counter's start.
 */
public sealed interface TripCount {
  /** The forward sweep counts iterations (recorded on the tape when the loop is inside another loop). */
  record Counted() implements TripCount {}

  /**
   * The reverse sweep computes the trip count and the counter's start again.
   *
   * @param start the counter's first value, as the loop's init computes it
   * @param trips the number of iterations, over the same variables
   */
  record Recomputed(Expr start, Expr trips) implements TripCount {}

  /** The trip count of a loop of flattened IR (jumps already turned into flags, see ExitFlattening). */
  public static TripCount of(Stmt.Loop l) {
    Var counter = CountedLoops.counter(l);
    if (counter == null || l.checkpoint() != null || hasStatements(l.header())
        || !(l.condition() instanceof Expr.Binary test) || test.left() != counter
        || test.op() != Expr.BinaryOp.LT && test.op() != Expr.BinaryOp.LE) {
      return new Counted();
    }
    Expr start = ((Stmt.Declare) l.init().statements().stream().filter(s -> s instanceof Stmt.Declare).findFirst()
        .orElseThrow()).init();
    Expr bound = test.right();
    Set<Var> changed = Walk.assigned(List.of(l.init(), l.header(), l.body(), l.update()));
    if (!bound.type().equals(Type.INT) || !invariant(start, changed) || !invariant(bound, changed)) {
      return new Counted();
    }
    // i < bound: bound - start iterations; i <= bound: one more. Never negative.
    boolean fromZero = start instanceof Expr.Const c && Integer.valueOf(0).equals(c.value());
    Expr span = fromZero ? bound : new Expr.Binary(Expr.BinaryOp.SUB, bound, start, Type.INT);
    Expr trips = test.op() == Expr.BinaryOp.LT ? span
        : new Expr.Binary(Expr.BinaryOp.ADD, span, Expr.Const.ofInt(1), Type.INT);
    Expr runs = new Expr.Binary(test.op() == Expr.BinaryOp.LT ? Expr.BinaryOp.GT : Expr.BinaryOp.GE, bound, start,
        Type.BOOLEAN);
    return new Recomputed(start, new Expr.Conditional(runs, trips, Expr.Const.ofInt(0), Type.INT));
  }

  private static boolean hasStatements(Block b) {
    return b.statements().stream().anyMatch(s -> !(s instanceof Stmt.Comment));
  }

  /**
   * Whether an int expression gives the same value before the loop and after it: integer
   * arithmetic over constants, variables the loop leaves alone and lengths of arrays. Anything else
   * (element reads, calls, fields) is taken to vary.
   */
  private static boolean invariant(Expr e, Set<Var> changed) {
    if (e instanceof Expr.Const) {
      return true;
    }
    if (e instanceof Var v) {
      return !changed.contains(v);
    }
    if (e instanceof Expr.ArrayLength length) {
      // An array's length never changes; only which array a variable names can.
      return length.array() instanceof Var array && !changed.contains(array);
    }
    if (e instanceof Expr.Binary b) {
      return b.type().isIntegral() && invariant(b.left(), changed) && invariant(b.right(), changed);
    }
    if (e instanceof Expr.Unary u) {
      return u.type().isIntegral() && invariant(u.operand(), changed);
    }
    return false;
  }
}
