package dev.adjoint.processor.ir;

import java.util.List;

/** Statements. Control flow stays structured so that generated code reads like the source. */
public sealed interface Stmt {
  SourcePos pos();

  /** Declares a variable, with an initial value or none ({@code init} null). */
  record Declare(Var var, Expr init, SourcePos pos) implements Stmt {}

  record Assign(Var target, Expr value, SourcePos pos) implements Stmt {}

  /** {@code array[index] = value}. */
  record ArrayStore(Expr array, Expr index, Expr value, SourcePos pos) implements Stmt {}

  /** Copies the elements (row by row for matrices) of {@code source} into {@code target}. */
  record ArrayCopy(Expr source, Expr target, SourcePos pos) implements Stmt {}

  record If(Expr condition, Block then, Block otherwise, SourcePos pos) implements Stmt {}

  /**
   * A loop. {@code testFirst} (while, for): {@code init; while (true) { header; if (!condition)
   * break; body; update; }}; otherwise (do-while): {@code init; while (true) { body; header; if
   * (!condition) break; }}. {@code header} holds the statements that compute the condition.
   * {@code continue} goes to {@code update} (or to {@code header} for do-while).
   */
  record Loop(
      LoopKind kind,
      Block init,
      Block header,
      Expr condition,
      Block body,
      Block update,
      int id,
      String sourceLabel,
      SourcePos pos)
      implements Stmt {}

  enum LoopKind {
    FOR, WHILE, DO_WHILE;

    public boolean testFirst() {
      return this != DO_WHILE;
    }
  }

  /** Leaves the loop with the given id. */
  record Break(int loopId, SourcePos pos) implements Stmt {}

  /** Goes on with the next iteration of the loop with the given id. */
  record Continue(int loopId, SourcePos pos) implements Stmt {}

  record Return(Expr value, SourcePos pos) implements Stmt {}

  /** Pushes a value on the tape (forward sweep of reverse mode). */
  record Push(Expr value, SourcePos pos) implements Stmt {}

  /** Evaluates an expression for its effect (a call whose result is not needed). */
  record Evaluate(Expr value, SourcePos pos) implements Stmt {}

  /** A comment line in the generated code. */
  record Comment(String text, SourcePos pos) implements Stmt {}

  /** Statements run {@code count} times, counting down (reverse sweep of a loop). */
  record Repeat(Var counter, Expr count, Block body, SourcePos pos) implements Stmt {}
}
