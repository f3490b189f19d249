package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.ChildBlocks;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves a declaration with a constant (or no) initial value down to the first assignment of its
 * variable in the same block, when nothing between mentions the variable: {@code double xBar = 0.0;
 * ... xBar = e;} becomes {@code ... double xBar = e;}.
 *
 * <p>Why: the reverse sweep declares each adjoint at zero where the sweep starts, and {@link
 * FirstAccumulations} turns many first contributions into assignments, after which the zero is
 * never read. Each such zero is a store in the bytecode: in a pullbacks method with two rows per
 * sweep there are hundreds, and the bytes decide whether HotSpot compiles the method at all (8,000).
 * The value is the same: the constant was overwritten before anything read it.
 *
 * <p>Only within one block, and only when no statement between mentions the variable, even inside
 * nested blocks: every later mention then follows the new declaration in its scope.
 */
public final class DeclarationsAtFirstAssignment {
  private DeclarationsAtFirstAssignment() {}

  public static Function apply(Function f) {
    if (f == null) {
      return null;
    }
    return new Function(f.name(), f.parameters(), f.returnType(), block(f.body()), f.pos());
  }

  private static Block block(Block b) {
    List<Stmt> stmts = new ArrayList<>();
    for (Stmt s : b.statements()) {
      stmts.add(nested(s));
    }
    for (int i = 0; i < stmts.size(); i++) {
      if (stmts.get(i) instanceof Stmt.Declare d && (d.init() == null || d.init() instanceof Expr.Const)) {
        int at = firstAssignment(stmts, i + 1, d.var());
        if (at > 0) {
          Stmt.Assign a = (Stmt.Assign) stmts.get(at);
          stmts.set(at, new Stmt.Declare(d.var(), a.value(), a.pos()));
          stmts.remove(i);
          i--;
        }
      }
    }
    return new Block(stmts);
  }

  /** The index of a plain assignment of v from {@code from} on with no mention of v before it, or -1. */
  private static int firstAssignment(List<Stmt> stmts, int from, Var v) {
    for (int k = from; k < stmts.size(); k++) {
      Stmt s = stmts.get(k);
      if (s instanceof Stmt.Assign a && a.target() == v) {
        return Walk.reads(a.value()).contains(v) ? -1 : k;
      }
      if (mentions(s, v)) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean mentions(Stmt s, Var v) {
    boolean[] found = {false};
    Walk.statements(new Block(List.of(s)), inner -> {
      if (inner instanceof Stmt.Assign a && a.target() == v || inner instanceof Stmt.Declare d && d.var() == v
          || inner instanceof Stmt.Repeat r && r.counter() == v) {
        found[0] = true;
      }
      for (Expr e : Walk.expressions(inner)) {
        found[0] |= Walk.reads(e).contains(v);
      }
    });
    return found[0];
  }

  /**
   * The statement with its nested blocks rewritten; of a loop, only the body: a declaration moved in
   * its init, header or update would change where the loop's Java puts it, and its scope.
   */
  private static Stmt nested(Stmt s) {
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.kind(), l.init(), l.header(), l.condition(), block(l.body()), l.update(),
          l.id(), l.sourceLabel(), l.pos(), l.checkpoint());
    }
    return ChildBlocks.map(s, DeclarationsAtFirstAssignment::block);
  }
}
