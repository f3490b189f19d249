package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives each call of a method with a tangent that sits inside a larger expression a local of its own,
 * declared just before the statement: {@code xBar += Rules.dG(x)[0] * yBar} becomes
 * {@code double[] partials = Rules.dG(x); xBar += partials[0] * yBar}. The forward transform
 * differentiates a call only as a declaration's or assignment's whole value, through the callee's
 * tangent method; this is how second order reaches a {@code @DerivativeOf} partials method that is
 * itself {@code @Differentiable}. Calls in loop conditions stay where they are (they run once per
 * test), and {@link HessianVectorTransform#unsupported} refuses them.
 */
final class DerivativeCallHoisting {
  private int count;

  private DerivativeCallHoisting() {}

  static Function apply(Function f) {
    DerivativeCallHoisting h = new DerivativeCallHoisting();
    return new Function(f.name(), f.parameters(), f.returnType(), h.block(f.body()), f.pos());
  }

  private static boolean hasTangent(Expr.Invoke call) {
    return call.method().isDifferentiable() && call.method().derivatives().tangentMethod() != null;
  }

  private Block block(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      out.add(s.accept(new Hoisting(out)));
    }
    return out.build();
  }

  /**
   * Each statement with its nested calls replaced; their declarations go to {@code out} first. A
   * visitor, so that a new kind of statement does not compile until it says what it does here.
   */
  private final class Hoisting implements Stmt.Visitor<Stmt> {
    private final Block.Builder out;

    Hoisting(Block.Builder out) {
      this.out = out;
    }

    @Override
    public Stmt visitDeclare(Stmt.Declare d) {
      return d.init() == null ? d : new Stmt.Declare(d.var(), whole(d.init(), out), d.pos());
    }

    @Override
    public Stmt visitAssign(Stmt.Assign a) {
      return new Stmt.Assign(a.target(), whole(a.value(), out), a.pos());
    }

    @Override
    public Stmt visitArrayStore(Stmt.ArrayStore st) {
      return new Stmt.ArrayStore(st.array(), st.index(), nested(st.value(), out), st.pos());
    }

    /** Never produced (and refused by {@link HessianVectorTransform#unsupported}). */
    @Override
    public Stmt visitArrayCopy(Stmt.ArrayCopy c) {
      return c;
    }

    @Override
    public Stmt visitIf(Stmt.If i) {
      return new Stmt.If(nested(i.condition(), out), block(i.then()), block(i.otherwise()), i.pos());
    }

    /** The condition runs once per test: a call in it stays, and is refused. */
    @Override
    public Stmt visitLoop(Stmt.Loop l) {
      return new Stmt.Loop(l.kind(), block(l.init()), block(l.header()), l.condition(), block(l.body()),
          block(l.update()), l.id(), l.sourceLabel(), l.pos(), l.checkpoint());
    }

    @Override
    public Stmt visitBreak(Stmt.Break b) {
      return b;
    }

    @Override
    public Stmt visitContinue(Stmt.Continue c) {
      return c;
    }

    /** A reverse method returns a record of variables, or an adjoint variable. */
    @Override
    public Stmt visitReturn(Stmt.Return r) {
      return r;
    }

    @Override
    public Stmt visitPush(Stmt.Push p) {
      return new Stmt.Push(nested(p.value(), out), p.pos());
    }

    @Override
    public Stmt visitEvaluate(Stmt.Evaluate e) {
      return new Stmt.Evaluate(whole(e.value(), out), e.pos());
    }

    @Override
    public Stmt visitComment(Stmt.Comment c) {
      return c;
    }

    @Override
    public Stmt visitRepeat(Stmt.Repeat r) {
      return new Stmt.Repeat(r.counter(), r.count(), block(r.body()), r.pos());
    }
  }

  /** A statement's whole value: a call there stays (the forward transform takes it), its arguments are hoisted. */
  private Expr whole(Expr e, Block.Builder out) {
    if (e instanceof Expr.Invoke call) {
      List<Expr> args = new ArrayList<>();
      for (Expr a : call.args()) {
        args.add(nested(a, out));
      }
      return new Expr.Invoke(call.method(), args, call.pos());
    }
    return nested(e, out);
  }

  private Expr nested(Expr e, Block.Builder out) {
    return Rewrite.ofCalls(call -> {
      if (!hasTangent(call)) {
        return call;
      }
      count++;
      Var local = new Var(call.method().name() + "Value" + (count == 1 ? "" : String.valueOf(count)), call.type(),
          Var.Role.TEMPORARY);
      out.add(new Stmt.Declare(local, call, call.pos()));
      return local;
    }).expr(e);
  }
}
