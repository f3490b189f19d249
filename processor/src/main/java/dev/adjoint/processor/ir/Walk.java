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
    if (s instanceof Stmt.If i) {
      return List.of(i.then(), i.otherwise());
    }
    if (s instanceof Stmt.Loop l) {
      return List.of(l.init(), l.header(), l.body(), l.update());
    }
    if (s instanceof Stmt.Repeat r) {
      return List.of(r.body());
    }
    return List.of();
  }

  /** The expressions a statement evaluates itself (not those of nested blocks). */
  public static List<Expr> expressions(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null ? List.of() : List.of(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return List.of(a.value());
    }
    if (s instanceof Stmt.ArrayStore a) {
      return List.of(a.array(), a.index(), a.value());
    }
    if (s instanceof Stmt.ArrayCopy c) {
      return List.of(c.source(), c.target());
    }
    if (s instanceof Stmt.If i) {
      return List.of(i.condition());
    }
    if (s instanceof Stmt.Loop l) {
      return List.of(l.condition());
    }
    if (s instanceof Stmt.Return r) {
      return List.of(r.value());
    }
    if (s instanceof Stmt.Push p) {
      return List.of(p.value());
    }
    if (s instanceof Stmt.Evaluate e) {
      return List.of(e.value());
    }
    if (s instanceof Stmt.Repeat r) {
      return List.of(r.count());
    }
    return List.of();
  }

  /** The direct sub-expressions of an expression. */
  public static List<Expr> operands(Expr e) {
    if (e instanceof Expr.Binary b) {
      return List.of(b.left(), b.right());
    }
    if (e instanceof Expr.Unary u) {
      return List.of(u.operand());
    }
    if (e instanceof Expr.Cast c) {
      return List.of(c.operand());
    }
    if (e instanceof Expr.Conditional c) {
      return List.of(c.cond(), c.ifTrue(), c.ifFalse());
    }
    if (e instanceof Expr.MathCall m) {
      return m.args();
    }
    if (e instanceof Expr.ArrayLoad a) {
      return List.of(a.array(), a.index());
    }
    if (e instanceof Expr.ArrayLength a) {
      return List.of(a.array());
    }
    if (e instanceof Expr.NewArray n) {
      return n.dimensions();
    }
    if (e instanceof Expr.ArrayInit a) {
      return a.elements();
    }
    if (e instanceof Expr.ArrayClone c) {
      return List.of(c.array());
    }
    if (e instanceof Expr.ZerosLike z) {
      return List.of(z.array());
    }
    if (e instanceof Expr.Invoke i) {
      return i.args();
    }
    if (e instanceof Expr.InvokeDerivative i) {
      return i.args();
    }
    if (e instanceof Expr.RecordGet r) {
      return List.of(r.record());
    }
    if (e instanceof Expr.NewRecord r) {
      return r.components();
    }
    return List.of();
  }

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
