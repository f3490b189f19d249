package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the forward sweep keeps what the reverse sweep reads: it declares variables where the
 * reverse sweep can see them (at the top of the method when they are declared in a nested block),
 * and saves a value the forward sweep overwrites in a local outside loops or on the tape inside
 * them, as the {@link ReversePlan} says. It also knows where the statement being transformed
 * stands: block depth, loop depth and the index of its top-level statement.
 */
final class SweepStorage {
  private final Activity activity;
  private final ReversePlan plan;
  private final Map<Var, Stmt.Declare> hoisted = new LinkedHashMap<>();
  private int loopDepth;
  private int blockDepth;
  /** Index of the top-level statement being transformed. */
  private int topIndex;

  SweepStorage(Activity activity, ReversePlan plan) {
    this.activity = activity;
    this.plan = plan;
  }

  // ---- where the statement being transformed stands ------------------------------------------

  void enterBlock() {
    blockDepth++;
  }

  void leaveBlock() {
    blockDepth--;
  }

  /** Notes the index of a statement of the method's outermost block, when that is where it stands. */
  void atStatement(int index) {
    if (blockDepth == 1) {
      topIndex = index;
    }
  }

  int topIndex() {
    return topIndex;
  }

  void enterLoop() {
    loopDepth++;
  }

  void leaveLoop() {
    loopDepth--;
  }

  /** Inside a loop of the method: a value kept for the reverse sweep goes on the tape. */
  boolean inLoop() {
    return loopDepth > 0;
  }

  /** Inside a block other than the method's outermost one. */
  boolean nested() {
    return blockDepth > 1;
  }

  // ---- declarations -----------------------------------------------------------------------------

  /** Declares a variable at the top of the method (with its type's default), if it is not yet. */
  void hoist(Var v, SourcePos pos) {
    hoisted.putIfAbsent(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
  }

  /** Declares a variable at the top of the method with a value computed once per call. */
  void hoist(Var v, Expr value, SourcePos pos) {
    hoisted.put(v, new Stmt.Declare(v, value, pos));
  }

  /** The declarations that go at the top of the method, in the order they were made. */
  Iterable<Stmt.Declare> hoistedDeclarations() {
    return hoisted.values();
  }

  /**
   * Whether the reverse sweep may name a variable, so that its declaration must be where the reverse
   * sweep sees it. Recomputed array aliases with derivatives are set again at each reversed iteration
   * of their loop, whether or not the plan found a read of them there.
   */
  private boolean visibleToReverse(Var v) {
    return plan.readInReverse(v) || v.type().isArray() && plan.recomputed(v) && activity.isActive(v);
  }

  // ---- values kept for the reverse sweep -------------------------------------------------------

  /**
   * Writes {@code v = value} in the forward sweep, declaring v there when the reverse sweep can see
   * that spot, or at the top of the method otherwise.
   */
  private void declare(Var v, Expr value, StatementCode st, SourcePos pos) {
    boolean visibleLater = visibleToReverse(v) || !plan.isPrimal(v);
    if (blockDepth > 1 && visibleLater && !plan.isTopLevel(v)) {
      hoisted.putIfAbsent(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
      st.forward.add(new Stmt.Assign(v, value, pos));
    } else if (hoisted.containsKey(v)) {
      st.forward.add(new Stmt.Assign(v, value, pos));
    } else {
      st.forward.add(new Stmt.Declare(v, value, pos));
    }
  }

  /**
   * {@code double y;}: where the declaration moves to the top of the method it writes nothing here
   * (writing a default would overwrite a value the reverse sweep restores); in place it gets a
   * default so javac sees it assigned on every path the reverse sweep may read it.
   */
  void declareWithoutValue(Var v, StatementCode st, SourcePos pos) {
    boolean visibleLater = visibleToReverse(v) || !plan.isPrimal(v);
    if (blockDepth > 1 && visibleLater && !plan.isTopLevel(v) || hoisted.containsKey(v)) {
      hoisted.putIfAbsent(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
      return;
    }
    st.forward.add(new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
  }

  /** A variable made by this transform, read by the reverse sweep; saved on the tape inside loops. */
  Var helper(String name, Type type, Expr value, StatementCode st, SourcePos pos) {
    Var v = new Var(name, type, Var.Role.TEMPORARY);
    if (loopDepth > 0) {
      hoisted.put(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(type), pos));
      st.forward.add(new Stmt.Push(v, pos));
      st.forward.add(new Stmt.Assign(v, value, pos));
      st.restore.add(new Stmt.Assign(v, new Expr.TapePop(type), pos));
    } else {
      declare(v, value, st, pos);
    }
    return v;
  }

  void saveBeforeOverwrite(Var v, Expr value, StatementCode st, SourcePos pos, boolean isDeclaration) {
    // A declaration outside loops runs once: there is no earlier value to save.
    boolean firstValue = isDeclaration && loopDepth == 0 && v.role() != Var.Role.PARAMETER;
    Expr inverse = inverseStep(v, value);
    if (plan.recorded(v) && !firstValue && inverse != null) {
      // i += c on an integer is undone exactly by i -= c: nothing to record.
      st.restore.add(new Stmt.Assign(v, inverse, pos));
      return;
    }
    if (plan.recorded(v) && !firstValue) {
      if (loopDepth == 0) {
        // Outside loops the assignment runs at most once: a local keeps the old value, no tape.
        Var saved = helper(v.name() + "Before", v.type(), v, st, pos);
        st.restore.add(new Stmt.Assign(v, saved, pos));
      } else {
        st.forward.add(new Stmt.Push(v, pos));
        st.restore.add(new Stmt.Assign(v, new Expr.TapePop(v.type()), pos));
      }
    }
  }

  /** For {@code v = v + c} or {@code v = v - c} on an integer v and constant c, the expression that undoes it. */
  private static Expr inverseStep(Var v, Expr value) {
    if (!v.type().isIntegral() || !(value instanceof Expr.Binary b) || b.left() != v
        || !(b.right() instanceof Expr.Const)) {
      return null;
    }
    if (b.op() == Expr.BinaryOp.ADD) {
      return new Expr.Binary(Expr.BinaryOp.SUB, v, b.right(), v.type());
    }
    if (b.op() == Expr.BinaryOp.SUB) {
      return new Expr.Binary(Expr.BinaryOp.ADD, v, b.right(), v.type());
    }
    return null;
  }

  /** {@code v = value} in the forward sweep, declaring v where the reverse sweep can see it. */
  void write(Var v, Expr value, SourcePos pos, StatementCode st, boolean isDeclaration) {
    if (isDeclaration) {
      declare(v, value, st, pos);
    } else {
      st.forward.add(new Stmt.Assign(v, value, pos));
    }
  }

}
