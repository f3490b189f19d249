package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which variables may be assigned more than once in one call: assigned in several statements, or
 * inside a loop. Only those can be overwritten, so only those may need the tape.
 */
public final class AssignmentCounts {
  private final Map<Var, Integer> counts = new HashMap<>();
  private final Set<Var> inLoop = new HashSet<>();
  private final Set<Var> topLevel = new HashSet<>();

  public static AssignmentCounts of(java.util.List<dev.adjoint.processor.ir.Function.Parameter> parameters, Block body) {
    AssignmentCounts c = new AssignmentCounts();
    for (dev.adjoint.processor.ir.Function.Parameter p : parameters) {
      // A parameter already holds a value on entry: one assignment in the body overwrites it.
      c.counts.put(p.var(), 1);
      c.topLevel.add(p.var());
    }
    for (Stmt s : body.statements()) {
      if (s instanceof Stmt.Declare d) {
        c.topLevel.add(d.var());
      }
    }
    c.visit(body, 0);
    return c;
  }

  private void visit(Block b, int loopDepth) {
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        count(d.var(), loopDepth);
      } else if (s instanceof Stmt.Assign a) {
        count(a.target(), loopDepth);
      }
      if (s instanceof Stmt.Loop l) {
        // The init runs once; the header, body and update run again on each iteration.
        visit(l.init(), loopDepth);
        visit(l.header(), loopDepth + 1);
        visit(l.body(), loopDepth + 1);
        visit(l.update(), loopDepth + 1);
      } else {
        for (Block child : Walk.children(s)) {
          visit(child, loopDepth);
        }
      }
    }
  }

  private void count(Var v, int loopDepth) {
    counts.merge(v, 1, Integer::sum);
    if (loopDepth > 0) {
      inLoop.add(v);
    }
  }

  public boolean mayBeOverwritten(Var v) {
    return counts.getOrDefault(v, 0) > 1 || inLoop.contains(v);
  }

  /** Assigned by exactly one statement of the body, and not a parameter (which holds a value on entry). */
  public boolean assignedAtOneStatement(Var v) {
    return v.role() != Var.Role.PARAMETER && counts.getOrDefault(v, 0) == 1;
  }

  /** Declared in the method's outermost block, so visible to the reverse sweep where it stands. */
  public boolean isTopLevel(Var v) {
    return topLevel.contains(v);
  }
}
