package dev.adjoint.processor.transform;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Expr.BinaryOp;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reverse sweep that reads a value its plan does not record is an internal error, not a wrong derivative. */
class ReverseReadsCheckTest {
  private static final SourcePos AT = SourcePos.NONE;
  private final Var x = new Var("x", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
  private final Var i = new Var("i", Type.INT, Var.Role.LOCAL);
  private final Var s = new Var("s", Type.DOUBLE, Var.Role.LOCAL);
  private final Var sBar = new Var("sBar", Type.DOUBLE, Var.Role.TEMPORARY);

  /** {@code double s = 0; for (i...) s = s + x[i]; return s;}: no partial reads s. */
  private Function sum() {
    Block init = new Block(List.of(new Stmt.Declare(i, Expr.Const.ofInt(0), AT)));
    Expr test = new Expr.Binary(BinaryOp.LT, i, new Expr.ArrayLength(x), Type.BOOLEAN);
    Block update = new Block(List.of(new Stmt.Assign(i, new Expr.Binary(BinaryOp.ADD, i, Expr.Const.ofInt(1),
        Type.INT), AT)));
    Stmt add = new Stmt.Assign(s, new Expr.Binary(BinaryOp.ADD, s, new Expr.ArrayLoad(x, i, Type.DOUBLE),
        Type.DOUBLE), AT);
    Stmt.Loop loop = new Stmt.Loop(Stmt.LoopKind.FOR, init, Block.EMPTY, test, new Block(List.of(add)), update, 1,
        null, AT);
    Block body = new Block(List.of(new Stmt.Declare(s, Expr.Const.ofDouble(0), AT), loop, new Stmt.Return(s, AT)));
    return new Function("sum", List.of(new Function.Parameter(x, true)), Type.DOUBLE, body, AT);
  }

  @Test
  void aReadThePlanHasPasses() {
    Function f = sum();
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    Block reverse = new Block(List.of(new Stmt.Assign(i, Expr.Const.ofInt(0), AT),
        new Stmt.Assign(sBar, new Expr.Binary(BinaryOp.MUL, sBar, new Expr.ArrayLoad(x, i, Type.DOUBLE), Type.DOUBLE),
            AT)));
    assertDoesNotThrow(() -> ReverseReadsCheck.check(reverse, plan, Set.of(), f));
  }

  @Test
  void aReadOfAnOverwrittenValueThePlanDoesNotRecordFails() {
    Function f = sum();
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    Block reverse = new Block(List.of(
        new Stmt.Assign(sBar, new Expr.Binary(BinaryOp.MUL, sBar, s, Type.DOUBLE), AT)));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ReverseReadsCheck.check(reverse, plan, Set.of(), f));
    assertTrue(e.getMessage().contains("[s]"), e.getMessage());
  }
}
