package dev.adjoint.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;

/** Lowers Java statements to IR statements, keeping the structure of the control flow. */
final class StatementLowering {
  private final LoweringContext ctx;
  private final ExpressionLowering expressions;
  private final Type returnType;
  private final SwitchLowering switches;

  StatementLowering(LoweringContext ctx, ExpressionLowering expressions, Type returnType) {
    this.ctx = ctx;
    this.expressions = expressions;
    this.returnType = returnType;
    this.switches = new SwitchLowering(ctx, expressions, this);
    expressions.useSwitches(switches);
  }

  Block block(TreePath path, BlockTree tree) {
    Block.Builder out = new Block.Builder();
    ctx.scope.push();
    for (StatementTree s : tree.getStatements()) {
      statement(new TreePath(path, s), out);
    }
    ctx.scope.pop();
    return out.build();
  }

  /** A statement as a block of its own (the branch of an if, the body of a loop). */
  private Block nested(TreePath path, StatementTree tree) {
    if (tree instanceof BlockTree b) {
      return block(new TreePath(path, b), b);
    }
    Block.Builder out = new Block.Builder();
    ctx.scope.push();
    statement(new TreePath(path, tree), out);
    ctx.scope.pop();
    return out.build();
  }

  void statement(TreePath path, Block.Builder out) {
    StatementTree tree = (StatementTree) path.getLeaf();
    if (!(tree instanceof BlockTree) && !Positions.isCompound(tree)) {
      ctx.statementFailed = false;
    }
    switch (tree.getKind()) {
      case BLOCK:
        out.addAll(block(path, (BlockTree) tree));
        return;
      case EMPTY_STATEMENT:
        return;
      case VARIABLE:
        declaration(path, (VariableTree) tree, out);
        return;
      case EXPRESSION_STATEMENT:
        expressionStatement(path, (ExpressionStatementTree) tree, out);
        return;
      case IF:
        ifStatement(path, (IfTree) tree, out);
        return;
      case FOR_LOOP:
        forLoop(path, (ForLoopTree) tree, out, null);
        return;
      case ENHANCED_FOR_LOOP:
        enhancedFor(path, (EnhancedForLoopTree) tree, out, null);
        return;
      case WHILE_LOOP:
        whileLoop(path, (WhileLoopTree) tree, out, null);
        return;
      case DO_WHILE_LOOP:
        doWhile(path, (DoWhileLoopTree) tree, out, null);
        return;
      case LABELED_STATEMENT:
        labeled(path, (LabeledStatementTree) tree, out);
        return;
      case BREAK:
        jump(tree, ((BreakTree) tree).getLabel(), true, out);
        return;
      case CONTINUE:
        jump(tree, ((ContinueTree) tree).getLabel(), false, out);
        return;
      case RETURN:
        returnStatement(path, (ReturnTree) tree, out);
        return;
      case SWITCH:
        switches.statement(path, (SwitchTree) tree, out, null);
        return;
      case YIELD:
        yieldStatement(path, (YieldTree) tree, out);
        return;
      case TRY:
        unsupported(tree, "try/catch/finally", "remove the try; derivatives of code that throws are not defined");
        return;
      case THROW:
        unsupported(tree, "throw", "check arguments in a method that calls the @Differentiable one");
        return;
      case SYNCHRONIZED:
        unsupported(tree, "synchronized", "a @Differentiable method works on its own values; remove the lock");
        return;
      case ASSERT:
        unsupported(tree, "assert", "check the condition before calling the @Differentiable method");
        return;
      case CLASS:
      case RECORD:
      case INTERFACE:
      case ENUM:
        unsupported(tree, "a local class", "declare helper methods as static methods of the class");
        return;
      default:
        unsupported(tree, "this " + ExpressionLowering.describe(tree.getKind()) + " statement",
            "use declarations, assignments, if, loops and return");
    }
  }

  private void unsupported(Tree tree, String what, String hint) {
    ctx.statementFailed = false;
    ctx.report(tree, Message.UNSUPPORTED_CONSTRUCT, what, hint);
  }

  void comment(Tree tree, Block.Builder out) {
    SourcePos pos = ctx.pos(tree);
    out.add(new Stmt.Comment("line " + pos.line() + ": " + pos.text(), pos));
  }

  private void declaration(TreePath path, VariableTree tree, Block.Builder out) {
    comment(tree, out);
    com.sun.source.tree.AnnotationTree marker = inForInit ? null : CheckpointMarkers.find(ctx, path);
    if (marker != null) {
      CheckpointMarkers.misplaced(ctx, marker, "local variable " + tree.getName());
    }
    String name = tree.getName().toString();
    ctx.target = name;
    javax.lang.model.element.Element element = ctx.trees.getElement(path);
    RecordShapes.Shape shape = element == null ? null : ctx.signatures.records().flattened(element.asType());
    if (shape != null) {
      recordDeclaration(path, tree, shape, out);
      return;
    }
    boolean inferred = TypeTrees.isVar(tree.getType());
    Type type = inferred ? null : declaredType(path, tree);
    if (type != null && type.kind() == Type.Kind.CONSTANT && type.javaType().isPrimitive()) {
      // float, short, byte: no arithmetic is defined on them here, so a local of such a type could not be used.
      ctx.report(tree.getType(), Message.UNSUPPORTED_TYPE, "local variable " + name, tree.getType().toString());
      type = null;
    }
    if (!inferred && type == null) {
      // Reported above, or a type javac could not resolve (javac reports it). Later uses of the variable are consequences of this error: they report nothing more.
      Var poisoned = new Var(name, Type.DOUBLE, Var.Role.LOCAL);
      ctx.poisoned.add(poisoned);
      ctx.scope.declare(name, poisoned);
      return;
    }
    Expr init = null;
    SourcePos pos = ctx.pos(tree);
    if (tree.getInitializer() != null) {
      init = expressions.value(new TreePath(path, tree.getInitializer()), out, type);
      if (type == null) {
        type = init.type();
      }
      Expr widened = ExpressionLowering.widen(init, type);
      if (!Assignability.allows(widened.type(), type)) {
        ctx.report(tree.getInitializer(), Message.BAD_ARGUMENT_TYPE, "the initialiser of " + name,
            init.type(), name, type);
      }
      init = widened;
    }
    if (type == null) {
      ctx.reporter.error(pos, Message.UNSUPPORTED_TYPE, "local variable " + name, "var without initialiser");
      type = Type.DOUBLE;
    }
    Var v = new Var(name, type, Var.Role.LOCAL);
    ctx.scope.declare(name, v);
    out.add(new Stmt.Declare(v, init, pos));
  }

  /** A local record that can carry derivatives: one local per leaf component ({@code qW}, {@code qB}). */
  private void recordDeclaration(TreePath path, VariableTree tree, RecordShapes.Shape shape, Block.Builder out) {
    String name = tree.getName().toString();
    SourcePos pos = ctx.pos(tree);
    Expr.NewRecord value = null;
    if (tree.getInitializer() != null) {
      Expr init = expressions.value(new TreePath(path, tree.getInitializer()), out);
      value = expressions.records().components(init, shape, tree.getInitializer(), out);
      if (value == null) {
        Var poisoned = new Var(name, Type.DOUBLE, Var.Role.LOCAL);
        ctx.poisoned.add(poisoned);
        ctx.scope.declare(name, poisoned);
        return;
      }
    }
    expressions.records().declare(name, shape, value, out, pos);
  }

  /** The type a declaration spells; any type the IR does not know is a constant type (String, an enum, long[]). */
  private Type declaredType(TreePath declaration, VariableTree tree) {
    Type type = TypeTrees.of(tree.getType());
    return type != null ? type : JavaTypes.toIr(ctx.typeOf(new TreePath(declaration, tree.getType())));
  }

  private void expressionStatement(TreePath path, ExpressionStatementTree tree, Block.Builder out) {
    comment(tree, out);
    expressionValue(new TreePath(path, tree.getExpression()), out);
  }

  /** An expression evaluated for its effect: an increment, a call, an assignment (an arrow case's body too). */
  void expressionValue(TreePath exprPath, Block.Builder out) {
    ExpressionTree e = (ExpressionTree) exprPath.getLeaf();
    switch (e.getKind()) {
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        expressions.assignments().increment(exprPath, (UnaryTree) e, out, false);
        return;
      case METHOD_INVOCATION:
        ctx.target = "call";
        Expr call = expressions.value(exprPath, out);
        if (call instanceof Expr.Invoke || call instanceof Expr.MathCall || call instanceof Expr.InvokeInstance) {
          out.add(new Stmt.Evaluate(call, ctx.pos(e)));
        }
        return;
      default:
        expressions.value(exprPath, out);
    }
  }

  private Expr condition(TreePath path, ExpressionTree tree, Block.Builder out) {
    ctx.target = "test";
    Expr c = ExpressionLowering.unbox(expressions.value(new TreePath(path, tree), out));
    if (!c.type().equals(Type.BOOLEAN)) {
      return ctx.error(tree, Type.BOOLEAN, Message.UNSUPPORTED_CONSTRUCT, "a condition of type " + c.type(),
          "use a boolean condition");
    }
    return c;
  }

  private void ifStatement(TreePath path, IfTree tree, Block.Builder out) {
    comment(tree, out);
    Expr cond = condition(path, tree.getCondition(), out);
    Block then = nested(path, tree.getThenStatement());
    Block otherwise = tree.getElseStatement() == null ? Block.EMPTY : nested(path, tree.getElseStatement());
    out.add(new Stmt.If(cond, then, otherwise, ctx.pos(tree)));
  }

  private void labeled(TreePath path, LabeledStatementTree tree, Block.Builder out) {
    String label = tree.getLabel().toString();
    TreePath inner = new TreePath(path, tree.getStatement());
    switch (tree.getStatement().getKind()) {
      case FOR_LOOP:
        forLoop(inner, (ForLoopTree) tree.getStatement(), out, label);
        return;
      case ENHANCED_FOR_LOOP:
        enhancedFor(inner, (EnhancedForLoopTree) tree.getStatement(), out, label);
        return;
      case WHILE_LOOP:
        whileLoop(inner, (WhileLoopTree) tree.getStatement(), out, label);
        return;
      case DO_WHILE_LOOP:
        doWhile(inner, (DoWhileLoopTree) tree.getStatement(), out, label);
        return;
      case SWITCH:
        switches.statement(inner, (SwitchTree) tree.getStatement(), out, label);
        return;
      case BLOCK:
        labeledBlock(inner, (BlockTree) tree.getStatement(), out, label);
        return;
      default:
        unsupported(tree, "a label on a statement that is not a loop, a switch or a block",
            "label loops, switches and blocks only");
    }
  }

  /** {@code label: { ... break label; ... }}: a loop that runs once, so that the break leaves it. */
  private void labeledBlock(TreePath path, BlockTree tree, Block.Builder out, String label) {
    int id = ctx.newLoopId();
    ctx.loops.push(new LoweringContext.LoopFrame(id, label, LoweringContext.LoopFrame.Kind.BLOCK));
    Block body = block(path, tree);
    ctx.loops.pop();
    out.add(new Stmt.Loop(Stmt.LoopKind.DO_WHILE, Block.EMPTY, Block.EMPTY, Expr.Const.ofBoolean(false), body,
        Block.EMPTY, id, label, ctx.pos(tree)));
  }

  /** {@code yield v;}: the value of the switch expression; it ends its case. */
  private void yieldStatement(TreePath path, YieldTree tree, Block.Builder out) {
    comment(tree, out);
    LoweringContext.YieldTarget target = ctx.yields.peek();
    if (target == null || target.result() == null) {
      unsupported(tree, "yield outside a switch expression", "yield only in the cases of a switch expression");
      return;
    }
    ctx.target = target.result().name();
    Expr value = expressions.value(new TreePath(path, tree.getValue()), out, target.result().type());
    SourcePos pos = ctx.pos(tree);
    out.add(new Stmt.Assign(target.result(), ExpressionLowering.widen(value, target.result().type()), pos));
    if (target.frameId() >= 0) {
      out.add(new Stmt.Break(target.frameId(), pos));
    }
  }

  private void jump(StatementTree tree, javax.lang.model.element.Name label, boolean isBreak, Block.Builder out) {
    SourcePos pos = ctx.pos(tree);
    LoweringContext.LoopFrame target = null;
    for (LoweringContext.LoopFrame f : ctx.loops) {
      boolean named = label != null && label.contentEquals(f.label() == null ? "" : f.label());
      // An unlabelled break leaves the innermost loop or switch, a continue the innermost loop;
      // a continue may only name a loop.
      boolean innermost = label == null
          && (f.kind() == LoweringContext.LoopFrame.Kind.LOOP || isBreak && f.kind() == LoweringContext.LoopFrame.Kind.SWITCH);
      if (innermost || named && (isBreak || f.kind() == LoweringContext.LoopFrame.Kind.LOOP)) {
        target = f;
        break;
      }
    }
    if (target == null) {
      unsupported(tree, (isBreak ? "break" : "continue") + (label == null ? "" : " " + label) + " outside a loop",
          "break and continue may only leave loops");
      return;
    }
    out.add(isBreak ? new Stmt.Break(target.id(), pos) : new Stmt.Continue(target.id(), pos));
  }

  private void returnStatement(TreePath path, ReturnTree tree, Block.Builder out) {
    comment(tree, out);
    SourcePos pos = ctx.pos(tree);
    if (tree.getExpression() == null) {
      if (returnType.equals(Type.VOID)) {
        out.add(new Stmt.Return(Exprs.NOTHING, pos));
      } else {
        unsupported(tree, "return without a value", "return the method's result");
      }
      return;
    }
    ctx.target = "result";
    Expr value = expressions.value(new TreePath(path, tree.getExpression()), out, returnType);
    value = ExpressionLowering.widen(value, returnType);
    if (!(value instanceof Expr.Atom)) {
      Var result = new Var("result", value.type(), Var.Role.TEMPORARY);
      out.add(new Stmt.Declare(result, value, pos));
      value = result;
    }
    out.add(new Stmt.Return(value, pos));
  }

  // ---- loops --------------------------------------------------------------------------------

  private void forLoop(TreePath path, ForLoopTree tree, Block.Builder out, String label) {
    comment(tree, out);
    ctx.scope.push();
    Block.Builder init = new Block.Builder();
    Stmt.Checkpoint checkpoint = null;
    for (StatementTree s : tree.getInitializer()) {
      TreePath initPath = new TreePath(path, s);
      com.sun.source.tree.AnnotationTree marker = s instanceof VariableTree ? CheckpointMarkers.find(ctx, initPath) : null;
      if (marker != null) {
        checkpoint = checkpointOf(marker);
      }
      inForInit = true;
      try {
        statement(initPath, init);
      } finally {
        inForInit = false;
      }
    }
    Block.Builder header = new Block.Builder();
    Expr cond = tree.getCondition() == null ? Expr.Const.ofBoolean(true) : condition(path, tree.getCondition(), header);
    int id = ctx.newLoopId();
    ctx.loops.push(new LoweringContext.LoopFrame(id, label));
    Block body = nested(path, tree.getStatement());
    ctx.loops.pop();
    Block.Builder update = new Block.Builder();
    for (ExpressionStatementTree s : tree.getUpdate()) {
      expressionStatement(new TreePath(path, s), s, update);
    }
    ctx.scope.pop();
    out.add(new Stmt.Loop(Stmt.LoopKind.FOR, init.build(), header.build(), cond, body, withoutComments(update.build()),
        id, label, ctx.pos(tree), checkpoint));
  }

  /** Set while the declarations of a for loop's initialiser are lowered: the one place a marker belongs. */
  private boolean inForInit;

  /** The checkpoint of a marked for loop; null after an error (a loop inside another is not checkpointed). */
  private Stmt.Checkpoint checkpointOf(com.sun.source.tree.AnnotationTree marker) {
    boolean insideLoop = ctx.loops.stream().anyMatch(f -> f.kind() == LoweringContext.LoopFrame.Kind.LOOP);
    if (insideLoop) {
      ctx.reporter.error(ctx.pos(marker), Message.CHECKPOINT_MISPLACED, "is on a loop inside another loop",
          "checkpoint the outermost loop only: put the marker on its variable and remove this one");
      return null;
    }
    return CheckpointMarkers.read(ctx, marker);
  }

  private static Block withoutComments(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      if (!(s instanceof Stmt.Comment)) {
        out.add(s);
      }
    }
    return out.build();
  }

  private void whileLoop(TreePath path, WhileLoopTree tree, Block.Builder out, String label) {
    comment(tree, out);
    Block.Builder header = new Block.Builder();
    Expr cond = condition(path, tree.getCondition(), header);
    int id = ctx.newLoopId();
    ctx.loops.push(new LoweringContext.LoopFrame(id, label));
    Block body = nested(path, tree.getStatement());
    ctx.loops.pop();
    out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, Block.EMPTY, header.build(), cond, body, Block.EMPTY, id, label,
        ctx.pos(tree)));
  }

  private void doWhile(TreePath path, DoWhileLoopTree tree, Block.Builder out, String label) {
    comment(tree, out);
    int id = ctx.newLoopId();
    ctx.loops.push(new LoweringContext.LoopFrame(id, label));
    Block body = nested(path, tree.getStatement());
    ctx.loops.pop();
    Block.Builder header = new Block.Builder();
    Expr cond = condition(path, tree.getCondition(), header);
    out.add(new Stmt.Loop(Stmt.LoopKind.DO_WHILE, Block.EMPTY, header.build(), cond, body, Block.EMPTY, id, label,
        ctx.pos(tree)));
  }

  /** {@code for (double v : a)} becomes a counted loop over the indices of {@code a}. */
  private void enhancedFor(TreePath path, EnhancedForLoopTree tree, Block.Builder out, String label) {
    comment(tree, out);
    SourcePos pos = ctx.pos(tree);
    VariableTree variable = tree.getVariable();
    String name = variable.getName().toString();
    com.sun.source.tree.AnnotationTree marker = CheckpointMarkers.find(ctx, new TreePath(path, variable));
    if (marker != null) {
      CheckpointMarkers.misplaced(ctx, marker, "the variable of a for-each loop");
    }
    ctx.target = name + "s";
    Block.Builder init = new Block.Builder();
    Expr array = expressions.value(new TreePath(path, tree.getExpression()), init);
    if (!array.type().isArray() && !array.type().isConstantArray()) {
      ctx.report(tree.getExpression(), Message.UNSUPPORTED_CONSTRUCT,
          "a for-each loop over " + array.type(), "loop over double[], the rows of double[][], or int[]; for a"
              + " List, loop over its indices: for (int i = 0; i < list.size(); i++) with list.get(i)");
      return;
    }
    if (!(array instanceof Var)) {
      Var items = new Var(name + "s", array.type(), Var.Role.TEMPORARY);
      init.add(new Stmt.Declare(items, array, pos));
      array = items;
    }
    Type declared = TypeTrees.isVar(variable.getType()) ? array.type().element()
        : declaredType(new TreePath(path, variable), variable);
    Type element = array.type().element();
    if (declared == null || !(declared.equals(element) || (declared.isNumeric() && element.isNumeric()))) {
      ctx.report(variable, Message.UNSUPPORTED_TYPE, "loop variable " + name,
          variable.getType().toString());
      return;
    }
    Var index = new Var(name + "Index", Type.INT, Var.Role.TEMPORARY);
    init.add(new Stmt.Declare(index, Expr.Const.ofInt(0), pos));
    Expr cond = new Expr.Binary(Expr.BinaryOp.LT, index, new Expr.ArrayLength(array), Type.BOOLEAN);
    int id = ctx.newLoopId();
    ctx.loops.push(new LoweringContext.LoopFrame(id, label));
    ctx.scope.push();
    Var v = new Var(name, declared, Var.Role.LOCAL);
    ctx.scope.declare(name, v);
    Block.Builder body = new Block.Builder();
    body.add(new Stmt.Declare(v, ExpressionLowering.widen(new Expr.ArrayLoad(array, index, element), declared), pos));
    body.addAll(nested(path, tree.getStatement()));
    ctx.scope.pop();
    ctx.loops.pop();
    Block update = new Block(java.util.List.of(new Stmt.Assign(index,
        new Expr.Binary(Expr.BinaryOp.ADD, index, Expr.Const.ofInt(1), Type.INT), pos)));
    out.add(new Stmt.Loop(Stmt.LoopKind.FOR, init.build(), Block.EMPTY, cond, body.build(), update, id, label, pos));
  }
}
