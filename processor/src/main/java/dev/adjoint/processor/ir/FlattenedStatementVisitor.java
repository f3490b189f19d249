package dev.adjoint.processor.ir;

/**
 * A statement visitor for flattened IR, as the reverse-mode passes see it: jumps are gone (turned
 * into flags by exit flattening), and array copies, tape pushes and repeat loops are made only by
 * the transforms themselves. Meeting one of those is a processor bug, reported as one.
 */
public abstract class FlattenedStatementVisitor<R> implements Stmt.Visitor<R> {
  @Override
  public final R visitBreak(Stmt.Break b) {
    return unexpected(b);
  }

  @Override
  public final R visitContinue(Stmt.Continue c) {
    return unexpected(c);
  }

  @Override
  public final R visitArrayCopy(Stmt.ArrayCopy c) {
    return unexpected(c);
  }

  @Override
  public final R visitPush(Stmt.Push p) {
    return unexpected(p);
  }

  @Override
  public final R visitRepeat(Stmt.Repeat r) {
    return unexpected(r);
  }

  private R unexpected(Stmt s) {
    throw new IllegalStateException("unexpected statement in flattened IR: " + s);
  }
}
