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
  private final UnaryOperator<Expr.Invoke> calls;

  public Rewrite(UnaryOperator<Var> vars, IntUnaryOperator loopIds, UnaryOperator<String> comments) {
    this(vars, loopIds, comments, UnaryOperator.identity());
  }

  /** {@code calls} maps each call after its arguments are rebuilt. */
  public Rewrite(UnaryOperator<Var> vars, IntUnaryOperator loopIds, UnaryOperator<String> comments,
      UnaryOperator<Expr.Invoke> calls) {
    this.vars = vars;
    this.loopIds = loopIds;
    this.comments = comments;
    this.calls = calls;
  }

  /** Rebuilds IR with only its calls mapped. */
  public static Rewrite ofCalls(UnaryOperator<Expr.Invoke> calls) {
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
    if (s instanceof Stmt.Declare d) {
      return new Stmt.Declare(var(d.var()), opt(d.init()), d.pos());
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(var(a.target()), expr(a.value()), a.pos());
    }
    if (s instanceof Stmt.ArrayStore st) {
      return new Stmt.ArrayStore(expr(st.array()), expr(st.index()), expr(st.value()), st.pos());
    }
    if (s instanceof Stmt.ArrayCopy c) {
      return new Stmt.ArrayCopy(expr(c.source()), expr(c.target()), c.pos());
    }
    if (s instanceof Stmt.If i) {
      return new Stmt.If(expr(i.condition()), block(i.then()), block(i.otherwise()), i.pos());
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(l.kind(), block(l.init()), block(l.header()), expr(l.condition()), block(l.body()),
          block(l.update()), loopIds.applyAsInt(l.id()), l.sourceLabel(), l.pos());
    }
    if (s instanceof Stmt.Break b) {
      return new Stmt.Break(loopIds.applyAsInt(b.loopId()), b.pos());
    }
    if (s instanceof Stmt.Continue c) {
      return new Stmt.Continue(loopIds.applyAsInt(c.loopId()), c.pos());
    }
    if (s instanceof Stmt.Return r) {
      return new Stmt.Return(expr(r.value()), r.pos());
    }
    if (s instanceof Stmt.Push p) {
      return new Stmt.Push(expr(p.value()), p.pos());
    }
    if (s instanceof Stmt.Evaluate e) {
      return new Stmt.Evaluate(expr(e.value()), e.pos());
    }
    if (s instanceof Stmt.Comment c) {
      return new Stmt.Comment(comments.apply(c.text()), c.pos());
    }
    if (s instanceof Stmt.Repeat r) {
      return new Stmt.Repeat(var(r.counter()), expr(r.count()), block(r.body()), r.pos());
    }
    throw new IllegalArgumentException("cannot rewrite " + s);
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
    if (e instanceof Var v) {
      return var(v);
    }
    if (e instanceof Expr.Const || e instanceof Expr.StaticField || e instanceof Expr.TapePop) {
      return e;
    }
    if (e instanceof Expr.Binary b) {
      return new Expr.Binary(b.op(), expr(b.left()), expr(b.right()), b.type());
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), expr(u.operand()), u.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), expr(c.operand()), c.implicit());
    }
    if (e instanceof Expr.Conditional c) {
      return new Expr.Conditional(expr(c.cond()), expr(c.ifTrue()), expr(c.ifFalse()), c.type());
    }
    if (e instanceof Expr.MathCall m) {
      return new Expr.MathCall(m.owner(), m.method(), exprs(m.args()), m.type());
    }
    if (e instanceof Expr.ArrayLoad l) {
      return new Expr.ArrayLoad(expr(l.array()), expr(l.index()), l.type());
    }
    if (e instanceof Expr.ArrayLength l) {
      return new Expr.ArrayLength(expr(l.array()));
    }
    if (e instanceof Expr.NewArray n) {
      return new Expr.NewArray(n.type(), exprs(n.dimensions()));
    }
    if (e instanceof Expr.ArrayInit a) {
      return new Expr.ArrayInit(a.type(), exprs(a.elements()));
    }
    if (e instanceof Expr.ArrayClone c) {
      return new Expr.ArrayClone(expr(c.array()));
    }
    if (e instanceof Expr.ZerosLike z) {
      return new Expr.ZerosLike(expr(z.array()));
    }
    if (e instanceof Expr.Invoke i) {
      return calls.apply(new Expr.Invoke(i.method(), exprs(i.args()), i.pos()));
    }
    if (e instanceof Expr.InvokeDerivative i) {
      return new Expr.InvokeDerivative(i.owner(), i.name(), exprs(i.args()), i.type());
    }
    if (e instanceof Expr.RecordGet r) {
      return new Expr.RecordGet(expr(r.record()), r.component(), r.type());
    }
    if (e instanceof Expr.NewRecord r) {
      return new Expr.NewRecord(r.type(), exprs(r.components()));
    }
    throw new IllegalArgumentException("cannot rewrite " + e);
  }
}
