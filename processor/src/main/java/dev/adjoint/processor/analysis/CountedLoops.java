package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counted loops: {@code for (int i = start; cond; i++)} where nothing else changes i. The reverse
 * sweep recomputes i from its start and the iteration number instead of recording it.
 */
public final class CountedLoops {
  private CountedLoops() {}

  /** The counters of every counted loop in a body. */
  public static Set<Var> counters(Block body) {
    Set<Var> out = new HashSet<>();
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Loop l) {
        Var c = counter(l);
        if (c != null) {
          out.add(c);
        }
      }
    });
    return out;
  }

  /** The index of a counted for loop, or null. */
  public static Var counter(Stmt.Loop l) {
    if (l.kind() != Stmt.LoopKind.FOR) {
      return null;
    }
    List<Stmt> init = l.init().statements().stream().filter(s -> !(s instanceof Stmt.Comment)).toList();
    List<Stmt> update = l.update().statements().stream().filter(s -> !(s instanceof Stmt.Comment)).toList();
    if (init.size() != 1 || update.size() != 1 || !(init.get(0) instanceof Stmt.Declare d)
        || !d.var().type().equals(Type.INT) || d.init() == null) {
      return null;
    }
    Var i = d.var();
    if (!(update.get(0) instanceof Stmt.Assign a) || a.target() != i
        || !(a.value() instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.ADD || b.left() != i
        || !(b.right() instanceof Expr.Const c) || !Integer.valueOf(1).equals(c.value())) {
      return null;
    }
    boolean[] assignedElsewhere = {false};
    for (Block part : List.of(l.header(), l.body())) {
      Walk.statements(part, s -> {
        if (s instanceof Stmt.Assign x && x.target() == i) {
          assignedElsewhere[0] = true;
        }
      });
    }
    return assignedElsewhere[0] ? null : i;
  }
}
