package dev.adjoint.processor.ir;

import java.util.function.UnaryOperator;

/**
 * A statement rebuilt with each block it holds mapped, for passes that work block by block: the
 * branches of an {@code if}, the parts of a loop, the body of a reversed loop. Statements without
 * blocks come back as they are. Every statement kind is named, so a new one does not compile until
 * it says whether it holds blocks.
 */
public final class ChildBlocks {
  private ChildBlocks() {}

  public static Stmt map(Stmt s, UnaryOperator<Block> change) {
    return s.accept(new Mapper(change));
  }

  private record Mapper(UnaryOperator<Block> change) implements Stmt.Visitor<Stmt> {
    @Override
    public Stmt visitIf(Stmt.If s) {
      return new Stmt.If(s.condition(), change.apply(s.then()), change.apply(s.otherwise()), s.pos());
    }

    @Override
    public Stmt visitLoop(Stmt.Loop s) {
      return new Stmt.Loop(s.kind(), change.apply(s.init()), change.apply(s.header()), s.condition(),
          change.apply(s.body()), change.apply(s.update()), s.id(), s.sourceLabel(), s.pos(), s.checkpoint());
    }

    @Override
    public Stmt visitRepeat(Stmt.Repeat s) {
      return new Stmt.Repeat(s.counter(), s.count(), change.apply(s.body()), s.pos());
    }

    @Override
    public Stmt visitDeclare(Stmt.Declare s) {
      return s;
    }

    @Override
    public Stmt visitAssign(Stmt.Assign s) {
      return s;
    }

    @Override
    public Stmt visitArrayStore(Stmt.ArrayStore s) {
      return s;
    }

    @Override
    public Stmt visitArrayCopy(Stmt.ArrayCopy s) {
      return s;
    }

    @Override
    public Stmt visitEvaluate(Stmt.Evaluate s) {
      return s;
    }

    @Override
    public Stmt visitBreak(Stmt.Break s) {
      return s;
    }

    @Override
    public Stmt visitContinue(Stmt.Continue s) {
      return s;
    }

    @Override
    public Stmt visitReturn(Stmt.Return s) {
      return s;
    }

    @Override
    public Stmt visitPush(Stmt.Push s) {
      return s;
    }

    @Override
    public Stmt visitComment(Stmt.Comment s) {
      return s;
    }
  }
}
