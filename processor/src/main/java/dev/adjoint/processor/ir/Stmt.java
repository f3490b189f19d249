package dev.adjoint.processor.ir;

import java.util.List;

/** Statements. Control flow stays structured so that generated code reads like the source. */
public sealed interface Stmt {
  SourcePos pos();

  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of statement. A pass that must handle every kind implements it, so that a
   * new kind does not compile until each such pass says what it does with it. There are no default
   * methods on purpose: a default would let a new kind through silently.
   */
  interface Visitor<R> {
    R visitDeclare(Declare s);

    R visitAssign(Assign s);

    R visitArrayStore(ArrayStore s);

    R visitArrayCopy(ArrayCopy s);

    R visitIf(If s);

    R visitLoop(Loop s);

    R visitBreak(Break s);

    R visitContinue(Continue s);

    R visitReturn(Return s);

    R visitPush(Push s);

    R visitEvaluate(Evaluate s);

    R visitComment(Comment s);

    R visitRepeat(Repeat s);
  }

  /** Declares a variable, with an initial value or none ({@code init} null). */
  record Declare(Var var, Expr init, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitDeclare(this);
    }
  }

  record Assign(Var target, Expr value, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitAssign(this);
    }
  }

  /** {@code array[index] = value}. */
  record ArrayStore(Expr array, Expr index, Expr value, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitArrayStore(this);
    }
  }

  /** Copies the elements (row by row for matrices) of {@code source} into {@code target}. */
  record ArrayCopy(Expr source, Expr target, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitArrayCopy(this);
    }
  }

  record If(Expr condition, Block then, Block otherwise, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitIf(this);
    }
  }

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
      SourcePos pos,
      Checkpoint checkpoint)
      implements Stmt {
    /** A loop without {@code @Checkpointed}. */
    public Loop(LoopKind kind, Block init, Block header, Expr condition, Block body, Block update, int id,
        String sourceLabel, SourcePos pos) {
      this(kind, init, header, condition, body, update, id, sourceLabel, pos, null);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitLoop(this);
    }
  }

  /**
   * The {@code @Checkpointed} marker of a loop: the number of snapshots (0: chosen at run time) and
   * where the marker is, for errors.
   */
  record Checkpoint(int snapshots, SourcePos marker) {}

  enum LoopKind {
    FOR, WHILE, DO_WHILE;

    public boolean testFirst() {
      return this != DO_WHILE;
    }
  }

  /** Leaves the loop with the given id. */
  record Break(int loopId, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBreak(this);
    }
  }

  /** Goes on with the next iteration of the loop with the given id. */
  record Continue(int loopId, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitContinue(this);
    }
  }

  record Return(Expr value, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitReturn(this);
    }
  }

  /** Pushes a value on the tape (forward sweep of reverse mode). */
  record Push(Expr value, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitPush(this);
    }
  }

  /** Evaluates an expression for its effect (a call whose result is not needed). */
  record Evaluate(Expr value, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitEvaluate(this);
    }
  }

  /** A comment line in the generated code. */
  record Comment(String text, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitComment(this);
    }
  }

  /** Statements run {@code count} times, counting down (reverse sweep of a loop). */
  record Repeat(Var counter, Expr count, Block body, SourcePos pos) implements Stmt {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitRepeat(this);
    }
  }
}
