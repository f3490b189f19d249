package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** State shared by statement and expression lowering of one method. */
final class LoweringContext {
  final Trees trees;
  final Signatures signatures;
  final Positions positions;
  final Reporter reporter;
  final TypeElement owner;
  final ExecutableElement method;
  final String companion;
  final Scope scope = new Scope();
  /** Names that stand for records held as their components (see {@link RecordValues}): marker variable to components. */
  final java.util.Map<Var, Expr.NewRecord> records = new java.util.HashMap<>();
  final Deque<LoopFrame> loops = new ArrayDeque<>();
  private int nextLoopId;
  /** The variable the current statement assigns; temporaries are named after it. */
  String target = "t";

  /**
   * Something a {@code break} can leave: a loop (which {@code continue} can also target), a switch
   * (left by an unlabelled break too) or a labelled block (left only by {@code break label}).
   * All three are loops in the IR; a switch or a block is one that runs once.
   */
  record LoopFrame(int id, String label, Kind kind) {
    enum Kind { LOOP, SWITCH, BLOCK }

    LoopFrame(int id, String label) {
      this(id, label, Kind.LOOP);
    }
  }

  /** Where a {@code yield} puts its value, and the frame it leaves (-1: none, it ends its case anyway). */
  record YieldTarget(Var result, int frameId) {}

  final Deque<YieldTarget> yields = new ArrayDeque<>();

  LoweringContext(
      Trees trees,
      Signatures signatures,
      Positions positions,
      Reporter reporter,
      TypeElement owner,
      ExecutableElement method) {
    this.trees = trees;
    this.signatures = signatures;
    this.positions = positions;
    this.reporter = reporter;
    this.owner = owner;
    this.method = method;
    this.companion = signatures.companionOf(owner);
  }

  /**
   * The type javac gives a tree. Bodies are attributed lazily: asking for an element attributes the
   * class when nothing has yet, after which the tree has its type.
   */
  javax.lang.model.type.TypeMirror typeOf(com.sun.source.util.TreePath path) {
    javax.lang.model.type.TypeMirror t = trees.getTypeMirror(path);
    if (t == null) {
      trees.getElement(path);
      t = trees.getTypeMirror(path);
    }
    return t;
  }

  int newLoopId() {
    return nextLoopId++;
  }

  SourcePos pos(Tree tree) {
    return positions.of(tree);
  }

  /**
   * Set when the statement being lowered had an error: its other problems are likely consequences
   * (a placeholder of the wrong type), so they are not reported. One error per statement.
   */
  boolean statementFailed;
  /** Locals whose declaration had an error: statements that use them report nothing more. */
  final java.util.Set<Var> poisoned = new java.util.HashSet<>();

  /** Reports an error and returns a harmless value of the type, so lowering can go on. */
  Expr error(Tree tree, Type type, Message message, Object... args) {
    report(tree, message, args);
    return placeholder(type);
  }

  void report(Tree tree, Message message, Object... args) {
    if (!statementFailed) {
      reporter.error(pos(tree), message, args);
    }
    statementFailed = true;
  }

  static Expr placeholder(Type type) {
    if (type == null || type.equals(Type.DOUBLE)) {
      return Expr.Const.ofDouble(0);
    }
    if (type.equals(Type.BOOLEAN)) {
      return Expr.Const.ofBoolean(false);
    }
    if (type.equals(Type.LONG)) {
      return new Expr.Const(Type.LONG, 0L);
    }
    if (type.isArray()) {
      return new Expr.NewArray(type, java.util.List.of(Expr.Const.ofInt(0)));
    }
    return Expr.Const.ofInt(0);
  }

  /** Declares a fresh temporary holding {@code value}. */
  Var temp(String suffix, Expr value, Block.Builder out, SourcePos pos) {
    Var v = new Var(target + suffix, value.type(), Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(v, value, pos));
    return v;
  }
}
