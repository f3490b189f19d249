package dev.adjoint.processor.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
 * Which accumulations {@link FirstAccumulations} turns into assignments: only those into a variable
 * that is 0.0 on every path reaching them. (Every behavioural test runs generated code that went
 * through it; these pin the cases where a wrong rewrite would drop a contribution.)
 */
class FirstAccumulationsTest {
  private static final SourcePos POS = SourcePos.NONE;
  private final Var bar = new Var("bar", Type.DOUBLE, Var.Role.TEMPORARY);
  private final Var x = new Var("x", Type.DOUBLE, Var.Role.PARAMETER);
  private final Var flag = new Var("flag", Type.BOOLEAN, Var.Role.PARAMETER);
  private final Var counter = new Var("k", Type.INT, Var.Role.TEMPORARY);

  private static Block block(Stmt... statements) {
    return new Block(List.of(statements));
  }

  private Stmt declareZero() {
    return new Stmt.Declare(bar, Exprs.ZERO, POS);
  }

  private Stmt reset() {
    return new Stmt.Assign(bar, Exprs.ZERO, POS);
  }

  private Stmt addX() {
    return new Stmt.Assign(bar, new Expr.Binary(Expr.BinaryOp.ADD, bar, x, Type.DOUBLE), POS);
  }

  private Stmt subtractX() {
    return new Stmt.Assign(bar, new Expr.Binary(Expr.BinaryOp.SUB, bar, x, Type.DOUBLE), POS);
  }

  private Stmt assignX() {
    return new Stmt.Assign(bar, x, POS);
  }

  private Stmt repeat(Stmt... body) {
    return new Stmt.Repeat(counter, Expr.Const.ofInt(3), block(body), POS);
  }

  private static Block rewritten(Stmt... statements) {
    Function f = new Function("f", List.of(), Type.VOID, block(statements), POS);
    return FirstAccumulations.apply(f).body();
  }

  @Test
  void theFirstAccumulationAfterTheDeclarationBecomesAnAssignmentAndTheNextStays() {
    Block b = rewritten(declareZero(), addX(), addX());
    assertEquals(assignX(), b.statements().get(1));
    assertEquals(addX(), b.statements().get(2));
  }

  @Test
  void aSubtractionFromZeroBecomesTheNegation() {
    Block b = rewritten(declareZero(), subtractX());
    assertEquals(new Stmt.Assign(bar, Exprs.neg(x), POS), b.statements().get(1));
  }

  @Test
  void aLoopBodyThatResetsItsAdjointAtTheEndAssignsTheFirstContribution() {
    Block b = rewritten(declareZero(), repeat(addX(), addX(), reset()));
    Stmt.Repeat loop = (Stmt.Repeat) b.statements().get(1);
    assertEquals(List.of(assignX(), addX(), reset()), loop.body().statements());
  }

  @Test
  void anAdjointCarriedFromOneIterationToTheNextKeepsAccumulating() {
    Block b = rewritten(declareZero(), repeat(addX()));
    Stmt.Repeat loop = (Stmt.Repeat) b.statements().get(1);
    assertEquals(List.of(addX()), loop.body().statements());
  }

  @Test
  void aResetOnOneBranchOnlyDoesNotMakeTheAdjointKnownZero() {
    Stmt onOneBranch = new Stmt.If(flag, block(reset()), Block.EMPTY, POS);
    Block b = rewritten(declareZero(), addX(), onOneBranch, addX());
    assertEquals(addX(), b.statements().get(3));
    Stmt onBoth = new Stmt.If(flag, block(reset()), block(reset()), POS);
    assertEquals(assignX(), rewritten(declareZero(), addX(), onBoth, addX()).statements().get(3));
  }

  @Test
  void anAccumulationOnlyOnOneBranchLeavesTheAdjointUnknownAfterTheBranch() {
    Stmt onOneBranch = new Stmt.If(flag, block(addX()), Block.EMPTY, POS);
    Block b = rewritten(declareZero(), onOneBranch, addX());
    Stmt.If branch = (Stmt.If) b.statements().get(1);
    assertEquals(List.of(assignX()), branch.then().statements());
    assertEquals(addX(), b.statements().get(2));
  }

  @Test
  void aLoopWithAJumpThatAssignsTheVariableForgetsItIsZero() {
    Stmt jump = new Stmt.Continue(1, POS);
    Stmt.Loop loop = new Stmt.Loop(Stmt.LoopKind.WHILE, Block.EMPTY, Block.EMPTY, flag,
        block(addX(), new Stmt.If(flag, block(jump), Block.EMPTY, POS), reset()), Block.EMPTY, 1, null, POS);
    Block b = rewritten(declareZero(), loop, addX());
    Stmt.Loop after = (Stmt.Loop) b.statements().get(1);
    // The jump may restart the body between the two statements: inside, only what the loop never assigns is known.
    assertEquals(addX(), after.body().statements().get(0));
    assertEquals(addX(), b.statements().get(2));
  }

  @Test
  void aLoopWithoutJumpsKeepsWhatEveryPassLeavesZero() {
    Stmt.Loop loop = new Stmt.Loop(Stmt.LoopKind.WHILE, Block.EMPTY, Block.EMPTY, flag, block(addX(), reset()),
        Block.EMPTY, 1, null, POS);
    Block b = rewritten(declareZero(), loop, addX());
    Stmt.Loop after = (Stmt.Loop) b.statements().get(1);
    // Each pass starts where the last one reset it (or from the declaration): the addition is the first.
    assertEquals(List.of(assignX(), reset()), after.body().statements());
    assertEquals(assignX(), b.statements().get(2));
  }

  @Test
  void aLoopWithoutJumpsThatLeavesTheVariableNonZeroForgetsIt() {
    Stmt.Loop loop = new Stmt.Loop(Stmt.LoopKind.FOR, Block.EMPTY, Block.EMPTY, flag, block(addX()), Block.EMPTY, 1,
        null, POS);
    Block b = rewritten(declareZero(), loop, addX());
    Stmt.Loop after = (Stmt.Loop) b.statements().get(1);
    assertEquals(List.of(addX()), after.body().statements());
    assertEquals(addX(), b.statements().get(2));
    Stmt.Loop doWhile = new Stmt.Loop(Stmt.LoopKind.DO_WHILE, Block.EMPTY, Block.EMPTY, flag, block(reset(), addX()),
        Block.EMPTY, 1, null, POS);
    Block c = rewritten(declareZero(), doWhile, addX());
    // A do-while ends after its body: there the variable holds x.
    assertEquals(List.of(reset(), assignX()), ((Stmt.Loop) c.statements().get(1)).body().statements());
    assertEquals(addX(), c.statements().get(2));
  }

  @Test
  void anAccumulationThatReadsTheVariableAgainIsLeftAlone() {
    Stmt doubled = new Stmt.Assign(bar, new Expr.Binary(Expr.BinaryOp.ADD, bar,
        new Expr.Binary(Expr.BinaryOp.MUL, bar, x, Type.DOUBLE), Type.DOUBLE), POS);
    Block b = rewritten(declareZero(), doubled);
    assertSame(doubled, b.statements().get(1));
  }

  @Test
  void aVariableDeclaredWithoutZeroOrAssignedSomethingElseIsNotKnownZero() {
    Block b = rewritten(new Stmt.Declare(bar, x, POS), addX());
    assertEquals(addX(), b.statements().get(1));
    Block c = rewritten(declareZero(), assignX(), addX());
    assertEquals(addX(), c.statements().get(2));
  }
}
