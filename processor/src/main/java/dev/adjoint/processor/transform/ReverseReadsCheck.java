package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the reverse sweep the transform wrote against its {@link ReversePlan}: every primal
 * variable it reads or sets must be one the plan said it reads (unless it is assigned once, at the
 * top level), since only those are recorded where the forward sweep overwrites them and declared
 * where the reverse sweep can see them. A
 * variable missing from the plan would be read at its last value instead of the one it had at
 * its statement: a wrong derivative. The check turns that into an internal error at the method.
 *
 * <p>The code that runs a checkpointed loop's iterations again ({@code rerun}) computes afresh what
 * it assigns: of what it reads, only the variables it does not assign count.
 */
final class ReverseReadsCheck {
  private final ReversePlan plan;
  private final Set<Stmt> rerun;
  private final Set<Var> reads = new HashSet<>();
  private final Set<Var> rerunReads = new HashSet<>();
  private final Set<Var> rerunAssigned = new HashSet<>();

  private ReverseReadsCheck(ReversePlan plan, Set<Stmt> rerun) {
    this.plan = plan;
    this.rerun = rerun;
  }

  static void check(Block reverseSweep, ReversePlan plan, Set<Stmt> rerun, Function f) {
    ReverseReadsCheck c = new ReverseReadsCheck(plan, rerun);
    for (Stmt s : reverseSweep.statements()) {
      c.collect(s, false);
    }
    c.rerunReads.removeAll(c.rerunAssigned);
    c.reads.addAll(c.rerunReads);
    Set<String> missing = new TreeSet<>();
    for (Var v : c.reads) {
      // Assigned once at the top level, a variable holds its value and is in scope for the whole sweep.
      boolean matters = plan.mayBeOverwritten(v) || !plan.isTopLevel(v);
      if (plan.isPrimal(v) && matters && !plan.readInReverse(v)) {
        missing.add(v.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("the reverse sweep of " + f.name() + " reads " + missing
          + ", which its reverse plan does not record");
    }
  }

  private void collect(Stmt s, boolean inRerun) {
    boolean rerunning = inRerun || rerun.contains(s);
    Set<Var> into = rerunning ? rerunReads : reads;
    for (Expr e : Walk.expressions(s)) {
      into.addAll(Walk.reads(e));
    }
    if (s instanceof Stmt.Assign a) {
      (rerunning ? rerunAssigned : reads).add(a.target());
    } else if (rerunning && s instanceof Stmt.Declare d) {
      rerunAssigned.add(d.var());
    }
    for (Block child : Walk.children(s)) {
      for (Stmt inner : child.statements()) {
        collect(inner, rerunning);
      }
    }
  }
}
