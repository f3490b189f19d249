package dev.adjoint.processor.ir;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Traversals of IR shared by the analyses and transforms. */
public final class Walk {
  private Walk() {}

  /** Every statement, nested ones included, in source order. */
  public static void statements(Block block, Consumer<Stmt> visit) {
    for (Stmt s : block.statements()) {
      visit.accept(s);
      for (Block child : children(s)) {
        statements(child, visit);
      }
    }
  }

  /** The blocks nested directly in a statement. */
  public static List<Block> children(Stmt s) {
    return s.accept(CHILDREN);
  }

  /** The expressions a statement evaluates itself (not those of nested blocks). */
  public static List<Expr> expressions(Stmt s) {
    return s.accept(EXPRESSIONS);
  }

  /** The direct sub-expressions of an expression. */
  public static List<Expr> operands(Expr e) {
    return e.accept(OPERANDS);
  }

  private static final Stmt.Visitor<List<Block>> CHILDREN = new Stmt.Visitor<>() {
    @Override
    public List<Block> visitDeclare(Stmt.Declare s) {
      return List.of();
    }

    @Override
    public List<Block> visitAssign(Stmt.Assign s) {
      return List.of();
    }

    @Override
    public List<Block> visitArrayStore(Stmt.ArrayStore s) {
      return List.of();
    }

    @Override
    public List<Block> visitArrayCopy(Stmt.ArrayCopy s) {
      return List.of();
    }

    @Override
    public List<Block> visitIf(Stmt.If s) {
      return List.of(s.then(), s.otherwise());
    }

    @Override
    public List<Block> visitLoop(Stmt.Loop s) {
      return List.of(s.init(), s.header(), s.body(), s.update());
    }

    @Override
    public List<Block> visitBreak(Stmt.Break s) {
      return List.of();
    }

    @Override
    public List<Block> visitContinue(Stmt.Continue s) {
      return List.of();
    }

    @Override
    public List<Block> visitReturn(Stmt.Return s) {
      return List.of();
    }

    @Override
    public List<Block> visitPush(Stmt.Push s) {
      return List.of();
    }

    @Override
    public List<Block> visitEvaluate(Stmt.Evaluate s) {
      return List.of();
    }

    @Override
    public List<Block> visitComment(Stmt.Comment s) {
      return List.of();
    }

    @Override
    public List<Block> visitRepeat(Stmt.Repeat s) {
      return List.of(s.body());
    }
  };

  private static final Stmt.Visitor<List<Expr>> EXPRESSIONS = new Stmt.Visitor<>() {
    @Override
    public List<Expr> visitDeclare(Stmt.Declare s) {
      return s.init() == null ? List.of() : List.of(s.init());
    }

    @Override
    public List<Expr> visitAssign(Stmt.Assign s) {
      return List.of(s.value());
    }

    @Override
    public List<Expr> visitArrayStore(Stmt.ArrayStore s) {
      return List.of(s.array(), s.index(), s.value());
    }

    @Override
    public List<Expr> visitArrayCopy(Stmt.ArrayCopy s) {
      return List.of(s.source(), s.target());
    }

    @Override
    public List<Expr> visitIf(Stmt.If s) {
      return List.of(s.condition());
    }

    @Override
    public List<Expr> visitLoop(Stmt.Loop s) {
      return List.of(s.condition());
    }

    @Override
    public List<Expr> visitBreak(Stmt.Break s) {
      return List.of();
    }

    @Override
    public List<Expr> visitContinue(Stmt.Continue s) {
      return List.of();
    }

    @Override
    public List<Expr> visitReturn(Stmt.Return s) {
      return List.of(s.value());
    }

    @Override
    public List<Expr> visitPush(Stmt.Push s) {
      return List.of(s.value());
    }

    @Override
    public List<Expr> visitEvaluate(Stmt.Evaluate s) {
      return List.of(s.value());
    }

    @Override
    public List<Expr> visitComment(Stmt.Comment s) {
      return List.of();
    }

    @Override
    public List<Expr> visitRepeat(Stmt.Repeat s) {
      return List.of(s.count());
    }
  };

  private static final Expr.Visitor<List<Expr>> OPERANDS = new Expr.Visitor<>() {
    @Override
    public List<Expr> visitVar(Var v) {
      return List.of();
    }

    @Override
    public List<Expr> visitConst(Expr.Const c) {
      return List.of();
    }

    @Override
    public List<Expr> visitStaticField(Expr.StaticField f) {
      return List.of();
    }

    @Override
    public List<Expr> visitBinary(Expr.Binary b) {
      return List.of(b.left(), b.right());
    }

    @Override
    public List<Expr> visitUnary(Expr.Unary u) {
      return List.of(u.operand());
    }

    @Override
    public List<Expr> visitCast(Expr.Cast c) {
      return List.of(c.operand());
    }

    @Override
    public List<Expr> visitConditional(Expr.Conditional c) {
      return List.of(c.cond(), c.ifTrue(), c.ifFalse());
    }

    @Override
    public List<Expr> visitMathCall(Expr.MathCall m) {
      return m.args();
    }

    @Override
    public List<Expr> visitArrayLoad(Expr.ArrayLoad l) {
      return List.of(l.array(), l.index());
    }

    @Override
    public List<Expr> visitArrayLength(Expr.ArrayLength l) {
      return List.of(l.array());
    }

    @Override
    public List<Expr> visitNewArray(Expr.NewArray n) {
      return n.dimensions();
    }

    @Override
    public List<Expr> visitArrayInit(Expr.ArrayInit a) {
      return a.elements();
    }

    @Override
    public List<Expr> visitArrayClone(Expr.ArrayClone c) {
      return List.of(c.array());
    }

    @Override
    public List<Expr> visitZerosLike(Expr.ZerosLike z) {
      return List.of(z.array());
    }

    @Override
    public List<Expr> visitInvoke(Expr.Invoke i) {
      return i.args();
    }

    @Override
    public List<Expr> visitInvokeInstance(Expr.InvokeInstance i) {
      List<Expr> all = new java.util.ArrayList<>();
      all.add(i.receiver());
      all.addAll(i.args());
      return all;
    }

    @Override
    public List<Expr> visitInvokeDerivative(Expr.InvokeDerivative i) {
      return i.args();
    }

    @Override
    public List<Expr> visitRecordGet(Expr.RecordGet r) {
      return List.of(r.record());
    }

    @Override
    public List<Expr> visitNewRecord(Expr.NewRecord r) {
      return r.components();
    }

    @Override
    public List<Expr> visitTapePop(Expr.TapePop t) {
      return List.of();
    }
  };

  /**
   * The array variable whose storage an array expression refers to: {@code a} for {@code a} and for
   * {@code a[i]} (a row), or null for an array that is not held in a variable.
   */
  public static Var storage(Expr array) {
    if (array instanceof Var v && v.type().isArray()) {
      return v;
    }
    if (array instanceof Expr.ArrayLoad l) {
      return storage(l.array());
    }
    return null;
  }

  /** Every variable the statements of the blocks (nested ones included) assign or declare. */
  public static Set<Var> assigned(List<Block> blocks) {
    Set<Var> out = new LinkedHashSet<>();
    for (Block b : blocks) {
      statements(b, s -> {
        if (s instanceof Stmt.Assign a) {
          out.add(a.target());
        } else if (s instanceof Stmt.Declare d) {
          out.add(d.var());
        }
      });
    }
    return out;
  }

  /** Every variable an expression reads. */
  public static Set<Var> reads(Expr e) {
    Set<Var> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<Var> out) {
    if (e instanceof Var v) {
      out.add(v);
      return;
    }
    for (Expr o : operands(e)) {
      collect(o, out);
    }
  }

  /** Every expression node of a tree, the root included. */
  public static void nodes(Expr e, Consumer<Expr> visit) {
    visit.accept(e);
    for (Expr o : operands(e)) {
      nodes(o, visit);
    }
  }
}
