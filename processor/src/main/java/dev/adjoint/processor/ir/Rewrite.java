package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Rebuilds IR with its variables, loop ids, comments and calls mapped: the copy of a callee's body
 * that inlining puts in the caller, or a body whose calls are redirected to specialised derivatives.
 */
public final class Rewrite {
  private final UnaryOperator<Var> vars;
  private final IntUnaryOperator loopIds;
  private final UnaryOperator<String> comments;
  private final java.util.function.Function<Expr.Invoke, ? extends Expr> calls;
  /** What stands for a variable where an expression reads it (by default, the mapped variable). */
  private final java.util.function.Function<Var, ? extends Expr> reads;
  /** What stands for a {@code Math} call, after its arguments are rebuilt; null: the call itself. */
  private final java.util.function.Function<Expr.MathCall, ? extends Expr> mathCalls;

  public Rewrite(UnaryOperator<Var> vars, IntUnaryOperator loopIds, UnaryOperator<String> comments) {
    this(vars, loopIds, comments, UnaryOperator.identity());
  }

  /** {@code calls} maps each call, after its arguments are rebuilt, to what stands in its place. */
  public Rewrite(UnaryOperator<Var> vars, IntUnaryOperator loopIds, UnaryOperator<String> comments,
      java.util.function.Function<Expr.Invoke, ? extends Expr> calls) {
    this.vars = vars;
    this.loopIds = loopIds;
    this.comments = comments;
    this.calls = calls;
    this.reads = vars;
    this.mathCalls = m -> null;
  }

  private Rewrite(java.util.function.Function<Var, ? extends Expr> reads,
      java.util.function.Function<Expr.MathCall, ? extends Expr> mathCalls) {
    this.vars = UnaryOperator.identity();
    this.loopIds = id -> id;
    this.comments = UnaryOperator.identity();
    this.calls = UnaryOperator.identity();
    this.reads = reads;
    this.mathCalls = mathCalls;
  }

  /** Rebuilds an expression with each variable it reads replaced by what {@code reads} gives for it. */
  public static Expr substitute(Expr e, java.util.function.Function<Var, ? extends Expr> reads) {
    return new Rewrite(reads, m -> null).expr(e);
  }

  /**
   * Rebuilds an expression with each {@code Math} call that {@code replacement} gives something for
   * (after its arguments are rebuilt) replaced by that; null from it keeps the call.
   */
  public static Expr replacingMathCalls(Expr e, java.util.function.Function<Expr.MathCall, ? extends Expr> replacement) {
    return new Rewrite(v -> v, replacement).expr(e);
  }

  /** Rebuilds IR with only its calls mapped. */
  public static Rewrite ofCalls(java.util.function.Function<Expr.Invoke, ? extends Expr> calls) {
    return new Rewrite(UnaryOperator.identity(), id -> id, UnaryOperator.identity(), calls);
  }

  public Var var(Var v) {
    return vars.apply(v);
  }

  public Block block(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      out.add(stmt(s));
    }
    return out.build();
  }

  public Stmt stmt(Stmt s) {
    return s.accept(statements);
  }

  private Expr opt(Expr e) {
    return e == null ? null : expr(e);
  }

  private List<Expr> exprs(List<Expr> list) {
    List<Expr> out = new ArrayList<>();
    for (Expr e : list) {
      out.add(expr(e));
    }
    return out;
  }

  public Expr expr(Expr e) {
    return e.accept(expressions);
  }

  private int loopId(int id) {
    return loopIds.applyAsInt(id);
  }

  private final Stmt.Visitor<Stmt> statements = new Stmt.Visitor<>() {
    @Override
    public Stmt visitDeclare(Stmt.Declare s) {
      return new Stmt.Declare(var(s.var()), opt(s.init()), s.pos());
    }

    @Override
    public Stmt visitAssign(Stmt.Assign s) {
      return new Stmt.Assign(var(s.target()), expr(s.value()), s.pos());
    }

    @Override
    public Stmt visitArrayStore(Stmt.ArrayStore s) {
      return new Stmt.ArrayStore(expr(s.array()), expr(s.index()), expr(s.value()), s.pos());
    }

    @Override
    public Stmt visitArrayCopy(Stmt.ArrayCopy s) {
      return new Stmt.ArrayCopy(expr(s.source()), expr(s.target()), s.pos());
    }

    @Override
    public Stmt visitIf(Stmt.If s) {
      return new Stmt.If(expr(s.condition()), block(s.then()), block(s.otherwise()), s.pos());
    }

    @Override
    public Stmt visitLoop(Stmt.Loop s) {
      return new Stmt.Loop(s.kind(), block(s.init()), block(s.header()), expr(s.condition()), block(s.body()),
          block(s.update()), loopId(s.id()), s.sourceLabel(), s.pos(), s.checkpoint());
    }

    @Override
    public Stmt visitBreak(Stmt.Break s) {
      return new Stmt.Break(loopId(s.loopId()), s.pos());
    }

    @Override
    public Stmt visitContinue(Stmt.Continue s) {
      return new Stmt.Continue(loopId(s.loopId()), s.pos());
    }

    @Override
    public Stmt visitReturn(Stmt.Return s) {
      return new Stmt.Return(expr(s.value()), s.pos());
    }

    @Override
    public Stmt visitPush(Stmt.Push s) {
      return new Stmt.Push(expr(s.value()), s.pos());
    }

    @Override
    public Stmt visitEvaluate(Stmt.Evaluate s) {
      return new Stmt.Evaluate(expr(s.value()), s.pos());
    }

    @Override
    public Stmt visitComment(Stmt.Comment s) {
      return new Stmt.Comment(comments.apply(s.text()), s.pos());
    }

    @Override
    public Stmt visitRepeat(Stmt.Repeat s) {
      return new Stmt.Repeat(var(s.counter()), expr(s.count()), block(s.body()), s.pos());
    }
  };

  private final Expr.Visitor<Expr> expressions = new Expr.Visitor<>() {
    @Override
    public Expr visitVar(Var v) {
      return reads.apply(v);
    }

    @Override
    public Expr visitConst(Expr.Const c) {
      return c;
    }

    @Override
    public Expr visitStaticField(Expr.StaticField f) {
      return f;
    }

    @Override
    public Expr visitBinary(Expr.Binary b) {
      return new Expr.Binary(b.op(), expr(b.left()), expr(b.right()), b.type());
    }

    @Override
    public Expr visitUnary(Expr.Unary u) {
      return new Expr.Unary(u.op(), expr(u.operand()), u.type());
    }

    @Override
    public Expr visitCast(Expr.Cast c) {
      return new Expr.Cast(c.type(), expr(c.operand()), c.implicit());
    }

    @Override
    public Expr visitConditional(Expr.Conditional c) {
      return new Expr.Conditional(expr(c.cond()), expr(c.ifTrue()), expr(c.ifFalse()), c.type());
    }

    @Override
    public Expr visitMathCall(Expr.MathCall m) {
      Expr.MathCall call = new Expr.MathCall(m.owner(), m.method(), exprs(m.args()), m.type(), m.rule());
      Expr replaced = mathCalls.apply(call);
      return replaced != null ? replaced : call;
    }

    @Override
    public Expr visitArrayLoad(Expr.ArrayLoad l) {
      return new Expr.ArrayLoad(expr(l.array()), expr(l.index()), l.type());
    }

    @Override
    public Expr visitArrayLength(Expr.ArrayLength l) {
      return new Expr.ArrayLength(expr(l.array()));
    }

    @Override
    public Expr visitNewArray(Expr.NewArray n) {
      return new Expr.NewArray(n.type(), exprs(n.dimensions()));
    }

    @Override
    public Expr visitArrayInit(Expr.ArrayInit a) {
      return new Expr.ArrayInit(a.type(), exprs(a.elements()));
    }

    @Override
    public Expr visitArrayClone(Expr.ArrayClone c) {
      return new Expr.ArrayClone(expr(c.array()));
    }

    @Override
    public Expr visitZerosLike(Expr.ZerosLike z) {
      return new Expr.ZerosLike(expr(z.array()));
    }

    @Override
    public Expr visitInvoke(Expr.Invoke i) {
      return calls.apply(new Expr.Invoke(i.method(), exprs(i.args()), i.pos()));
    }

    @Override
    public Expr visitInvokeInstance(Expr.InvokeInstance i) {
      return new Expr.InvokeInstance(expr(i.receiver()), i.method(), exprs(i.args()), i.type(), i.pos());
    }

    @Override
    public Expr visitInvokeDerivative(Expr.InvokeDerivative i) {
      return new Expr.InvokeDerivative(i.owner(), i.name(), exprs(i.args()), i.type());
    }

    @Override
    public Expr visitRecordGet(Expr.RecordGet r) {
      return new Expr.RecordGet(expr(r.record()), r.component(), r.type());
    }

    @Override
    public Expr visitNewRecord(Expr.NewRecord r) {
      return new Expr.NewRecord(r.type(), exprs(r.components()));
    }

    @Override
    public Expr visitTapePop(Expr.TapePop t) {
      return t;
    }
  };
}
