package dev.adjoint.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where {@link DeclarationsAtFirstAssignment} moves a declaration: to the first assignment in the
 * same block when nothing between mentions the variable, and nowhere else.
 */
class DeclarationsAtFirstAssignmentTest {
  private static final SourcePos POS = SourcePos.NONE;
  private final Var bar = new Var("bar", Type.DOUBLE, Var.Role.TEMPORARY);
  private final Var other = new Var("other", Type.DOUBLE, Var.Role.TEMPORARY);
  private final Var x = new Var("x", Type.DOUBLE, Var.Role.PARAMETER);
  private final Var flag = new Var("flag", Type.BOOLEAN, Var.Role.PARAMETER);

  private static Block block(Stmt... statements) {
    return new Block(List.of(statements));
  }

  private static Block apply(Block body) {
    Function f = new Function("f", List.of(), Type.VOID, body, POS);
    return DeclarationsAtFirstAssignment.apply(f).body();
  }

  private Stmt declareZero() {
    return new Stmt.Declare(bar, Exprs.ZERO, POS);
  }

  private Stmt setOther() {
    return new Stmt.Assign(other, x, POS);
  }

  private Stmt assignBar(Expr value) {
    return new Stmt.Assign(bar, value, POS);
  }

  @Test
  void aZeroOverwrittenBeforeAnyReadIsDeclaredWhereItIsSet() {
    Block out = apply(block(declareZero(), setOther(), assignBar(x), new Stmt.Assign(other, bar, POS)));
    assertEquals(block(setOther(), new Stmt.Declare(bar, x, POS), new Stmt.Assign(other, bar, POS)), out);
  }

  @Test
  void aReadBeforeTheAssignmentKeepsTheDeclaration() {
    Block in = block(declareZero(), new Stmt.Assign(other, bar, POS), assignBar(x));
    assertEquals(in, apply(in));
  }

  @Test
  void anAssignmentThatReadsTheVariableKeepsTheDeclaration() {
    Block in = block(declareZero(), assignBar(new Expr.Binary(Expr.BinaryOp.ADD, bar, x, Type.DOUBLE)));
    assertEquals(in, apply(in));
  }

  /** Set in a branch first: moving the declaration below it would leave the branch's assignment undeclared. */
  @Test
  void aMentionInANestedBlockKeepsTheDeclaration() {
    Block in = block(declareZero(), new Stmt.If(flag, block(assignBar(x)), Block.EMPTY, POS), assignBar(x));
    assertEquals(in, apply(in));
  }

  /** Only within one block: an assignment inside a branch does not take a declaration from outside it. */
  @Test
  void anAssignmentInANestedBlockDoesNotTakeTheDeclaration() {
    Block in = block(declareZero(), new Stmt.If(flag, block(assignBar(x)), Block.EMPTY, POS),
        new Stmt.Assign(other, bar, POS));
    assertEquals(in, apply(in));
  }

  @Test
  void declarationsInsideBranchesMoveTooAndLoopHeadersStay() {
    Block inner = block(declareZero(), setOther(), assignBar(x));
    Stmt.Loop loop = new Stmt.Loop(Stmt.LoopKind.WHILE, block(new Stmt.Declare(bar, Exprs.ZERO, POS), assignBar(x)),
        Block.EMPTY, flag, inner, Block.EMPTY, 7, null, POS);
    Block out = apply(block(new Stmt.If(flag, inner, Block.EMPTY, POS), loop));
    Block moved = block(setOther(), new Stmt.Declare(bar, x, POS));
    Stmt.If branch = (Stmt.If) out.statements().get(0);
    Stmt.Loop after = (Stmt.Loop) out.statements().get(1);
    assertEquals(moved, branch.then());
    assertEquals(moved, after.body());
    assertEquals(loop.init(), after.init());
  }
}
