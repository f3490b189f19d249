package dev.adjoint.processor.frontend;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code switch} statements and expressions as the {@code if} chains they stand for. A switch whose
 * cases never fall through (arrow cases; colon groups that each end in {@code break},
 * {@code return}, {@code continue} or {@code yield}, with no other {@code break} of the switch)
 * becomes {@code if (s == a) ... else if (s == b || s == c) ... else default}. Any other switch
 * becomes a loop that runs once, so that {@code break} leaves it: it first finds the index of the
 * matching group, then runs every group from that one on, as fall-through does.
 *
 * <p>Selectors are int, char, String or enum values. String labels are compared with
 * {@code equals}, enum labels with {@code ==} on the constant ({@code Mode.A}); as in Java, a null
 * String or enum selector throws NullPointerException before any case runs, because the lowered
 * switch starts with the call Java's own switch makes ({@code hashCode()}, {@code ordinal()}).
 */
final class SwitchLowering {
  private final LoweringContext ctx;
  private final ExpressionLowering expressions;
  private final StatementLowering statements;

  SwitchLowering(LoweringContext ctx, ExpressionLowering expressions, StatementLowering statements) {
    this.ctx = ctx;
    this.expressions = expressions;
    this.statements = statements;
  }

  /** One case group: its constants (none for default) and its body. */
  private record Group(List<Expr> constants, CaseTree tree, boolean isDefault) {}

  void statement(TreePath path, SwitchTree tree, Block.Builder out, String label) {
    statements.comment(tree, out);
    lower(path, tree, tree.getExpression(), tree.getCases(), null, label, out);
  }

  /** A switch expression; {@code expected} is the type its context gives it, when there is one. */
  Expr expression(TreePath path, SwitchExpressionTree tree, Block.Builder out, Type expected) {
    if (ctx.signatures.records().flattened(ctx.typeOf(path)) != null) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT,
          "a switch expression whose value is a record that can carry derivatives",
          "declare a local of the record's type and assign it in a switch statement");
    }
    javax.lang.model.type.TypeMirror mirror = expected == null ? ctx.typeOf(path) : null;
    Type type = expected != null ? expected : mirror == null ? null : JavaTypes.toIr(mirror);
    if (type == null || type.equals(Type.VOID)) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "a switch expression whose type is not known"
          + " here", "assign the switch expression to a local variable of type double, int, long, boolean or an"
          + " array type first");
    }
    Var result = new Var(ctx.target + "Switch", type, Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(result, null, ctx.pos(tree)));
    lower(path, tree, tree.getExpression(), tree.getCases(), result, null, out);
    return result;
  }

  private void lower(TreePath path, Tree tree, ExpressionTree selectorTree, List<? extends CaseTree> cases,
      Var result, String label, Block.Builder out) {
    SourcePos pos = ctx.pos(tree);
    String savedTarget = ctx.target;
    ctx.target = "selector";
    TreePath selectorPath = new TreePath(path, selectorTree);
    Expr selector = expressions.value(selectorPath, out);
    ctx.target = savedTarget;
    String enumType = enumName(selectorPath);
    boolean string = selector.type().equals(Type.STRING);
    if (!selector.type().equals(Type.INT) && !selector.type().equals(Type.CHAR) && !string && enumType == null) {
      ctx.report(selectorTree, Message.UNSUPPORTED_CONSTRUCT, "a switch on a value of type " + selector.type(),
          "switch on int, char, String or enum values; for other values use if / else if / else");
      return;
    }
    if (!(selector instanceof Expr.Atom)) {
      selector = ctx.temp("Selector", selector, out, pos);
    }
    if (string || enumType != null) {
      out.add(new Stmt.Evaluate(new Expr.InvokeInstance(selector, string ? "hashCode" : "ordinal", List.of(),
          Type.INT, pos), pos));
    }
    List<Group> groups = new ArrayList<>();
    List<Expr> constants = new ArrayList<>();
    boolean isDefault = false;
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      isDefault |= c.getExpressions().isEmpty();
      for (ExpressionTree e : c.getExpressions()) {
        Expr constant = label(new TreePath(new TreePath(path, c), e), enumType, selector.type(), out);
        if (constant == null) {
          ctx.report(e, Message.UNSUPPORTED_CONSTRUCT, "this case label",
              "label cases with int, char or String constants or with the selector's enum constants; for case null,"
                  + " test for null with an if before the switch");
          return;
        }
        constants.add(constant);
      }
      if (isLabelOnly(c) && i < cases.size() - 1) {
        continue; // "case 1: case 2: ..." is one group with two labels
      }
      groups.add(new Group(constants, c, isDefault));
      constants = new ArrayList<>();
      isDefault = false;
    }
    if (fallsThrough(cases, tree)) {
      fallThrough(path, tree, selector, groups, result, label, out);
    } else {
      out.add(chain(path, selector, groups, result, pos));
    }
  }

  // ---- no fall-through: an if chain -----------------------------------------------------------

  private Stmt chain(TreePath path, Expr selector, List<Group> groups, Var result, SourcePos pos) {
    Block otherwise = Block.EMPTY;
    for (Group g : groups) {
      if (g.isDefault()) {
        otherwise = body(path, g, result, false);
      }
    }
    for (int i = groups.size() - 1; i >= 0; i--) {
      Group g = groups.get(i);
      if (g.isDefault()) {
        continue;
      }
      Block then = body(path, g, result, false);
      otherwise = new Block(List.of(new Stmt.If(matches(selector, g.constants(), pos), then, otherwise, pos)));
    }
    return otherwise.statements().size() == 1 ? otherwise.statements().get(0) : new Stmt.If(
        Expr.Const.ofBoolean(true), otherwise, Block.EMPTY, pos);
  }

  // ---- fall-through: a loop that runs once ----------------------------------------------------

  private void fallThrough(TreePath path, Tree tree, Expr selector, List<Group> groups, Var result, String label,
      Block.Builder out) {
    SourcePos pos = ctx.pos(tree);
    Var which = new Var("matchedCase", Type.INT, Var.Role.TEMPORARY);
    int defaultIndex = groups.size();
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).isDefault()) {
        defaultIndex = i;
      }
    }
    out.add(new Stmt.Declare(which, Expr.Const.ofInt(defaultIndex), pos));
    for (int i = groups.size() - 1; i >= 0; i--) {
      Group g = groups.get(i);
      if (!g.isDefault()) {
        Block set = new Block(List.of(new Stmt.Assign(which, Expr.Const.ofInt(i), pos)));
        // Scanned last to first, so the first matching group is the one that stays.
        out.add(new Stmt.If(matches(selector, g.constants(), pos), set, Block.EMPTY, pos));
      }
    }
    int id = ctx.newLoopId();
    ctx.loops.push(new LoweringContext.LoopFrame(id, label, LoweringContext.LoopFrame.Kind.SWITCH));
    Block.Builder body = new Block.Builder();
    for (int i = 0; i < groups.size(); i++) {
      Block group = body(path, groups.get(i), result, true);
      if (i == groups.size() - 1 && defaultIndex < groups.size()) {
        // With a default some group always runs, so the last one always does: unguarded, javac sees
        // the variables it assigns as assigned after the switch, as it does in the source.
        body.addAll(group);
      } else {
        Expr reached = new Expr.Binary(Expr.BinaryOp.LE, which, Expr.Const.ofInt(i), Type.BOOLEAN);
        body.add(new Stmt.If(reached, group, Block.EMPTY, pos));
      }
    }
    ctx.loops.pop();
    out.add(new Stmt.Loop(Stmt.LoopKind.DO_WHILE, Block.EMPTY, Block.EMPTY, Expr.Const.ofBoolean(false), body.build(),
        Block.EMPTY, id, label, pos));
  }

  // ---- case bodies ----------------------------------------------------------------------------

  /**
   * A group's statements. In an if chain the break that ends a colon group is left out (the chain
   * ends there anyway), and a yield assigns the result; in the loop form both leave the loop.
   */
  private Block body(TreePath path, Group g, Var result, boolean inLoop) {
    TreePath casePath = new TreePath(path, g.tree());
    Block.Builder out = new Block.Builder();
    ctx.scope.push();
    ctx.yields.push(new LoweringContext.YieldTarget(result, inLoop ? ctx.loops.peek().id() : -1));
    if (g.tree().getCaseKind() == CaseTree.CaseKind.RULE) {
      Tree arm = g.tree().getBody();
      if (arm instanceof ExpressionTree e && result != null) {
        ctx.target = result.name();
        Expr value = expressions.value(new TreePath(casePath, e), out, result.type());
        out.add(new Stmt.Assign(result, ExpressionLowering.widen(value, result.type()), ctx.pos(e)));
      } else if (arm instanceof ExpressionTree e) {
        statements.expressionValue(new TreePath(casePath, e), out);
      } else {
        statements.statement(new TreePath(casePath, arm), out);
      }
      if (inLoop && !endsInJump(out.build())) {
        // Arrow cases never fall through.
        out.add(new Stmt.Break(ctx.loops.peek().id(), ctx.pos(arm)));
      }
    } else {
      List<? extends StatementTree> stmts = g.tree().getStatements();
      for (int i = 0; i < stmts.size(); i++) {
        boolean trailingBreak = !inLoop && i == stmts.size() - 1 && stmts.get(i) instanceof BreakTree b
            && b.getLabel() == null;
        if (!trailingBreak) {
          statements.statement(new TreePath(casePath, stmts.get(i)), out);
        }
      }
    }
    ctx.yields.pop();
    ctx.scope.pop();
    return out.build();
  }

  private static boolean endsInJump(Block b) {
    for (int i = b.statements().size() - 1; i >= 0; i--) {
      Stmt s = b.statements().get(i);
      if (!(s instanceof Stmt.Comment)) {
        return s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return;
      }
    }
    return false;
  }

  /** A colon case with no statements of its own: its labels belong to the next group. */
  private static boolean isLabelOnly(CaseTree c) {
    return c.getCaseKind() == CaseTree.CaseKind.STATEMENT && c.getStatements().isEmpty();
  }

  /**
   * A label's constant: an enum constant is named without its type ({@code case A}), and is read as
   * the field {@code Mode.A}. Null for anything that is not a constant of the selector's kind.
   */
  private Expr label(TreePath labelPath, String enumType, Type selectorType, Block.Builder out) {
    if (enumType != null && labelPath.getLeaf() instanceof com.sun.source.tree.IdentifierTree id) {
      return new Expr.StaticField(enumType, id.getName().toString(), selectorType);
    }
    Expr constant = expressions.value(labelPath, out);
    boolean isConstant = constant instanceof Expr.Const c && c.value() != null
        || enumType != null && constant instanceof Expr.StaticField;
    return isConstant ? constant : null;
  }

  /** The qualified name of the selector's type when it is an enum, otherwise null. */
  private String enumName(TreePath selectorPath) {
    javax.lang.model.type.TypeMirror type = ctx.typeOf(selectorPath);
    if (type instanceof javax.lang.model.type.DeclaredType d
        && d.asElement().getKind() == javax.lang.model.element.ElementKind.ENUM) {
      return ((javax.lang.model.element.TypeElement) d.asElement()).getQualifiedName().toString();
    }
    return null;
  }

  /** {@code s == a || s == b}; for a String selector {@code s.equals(a) || s.equals(b)}. */
  private static Expr matches(Expr selector, List<Expr> constants, SourcePos pos) {
    Expr test = null;
    for (Expr c : constants) {
      Expr eq = selector.type().equals(Type.STRING)
          ? new Expr.InvokeInstance(selector, "equals", List.of(c), Type.BOOLEAN, pos)
          : new Expr.Binary(Expr.BinaryOp.EQ, selector, c, Type.BOOLEAN);
      test = test == null ? eq : new Expr.Binary(Expr.BinaryOp.OR, test, eq, Type.BOOLEAN);
    }
    return test;
  }

  // ---- which form -----------------------------------------------------------------------------

  /**
   * Whether the switch needs the loop form: a colon group that can run into the next one, a
   * {@code break} of the switch anywhere but at the end of a group, or a {@code yield} anywhere
   * but at the end of an arm.
   */
  private static boolean fallsThrough(List<? extends CaseTree> cases, Tree theSwitch) {
    for (int i = 0; i < cases.size(); i++) {
      CaseTree c = cases.get(i);
      List<? extends StatementTree> stmts;
      if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
        stmts = c.getBody() instanceof BlockTree b ? b.getStatements() : List.of();
      } else {
        stmts = c.getStatements();
        boolean last = i == cases.size() - 1;
        if (!last && !stmts.isEmpty() && !endsAbruptly(stmts.get(stmts.size() - 1))) {
          return true;
        }
      }
      for (int s = 0; s < stmts.size(); s++) {
        boolean isLast = s == stmts.size() - 1;
        if (jumpsOutOfSwitch(stmts.get(s), isLast)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean endsAbruptly(StatementTree s) {
    return switch (s.getKind()) {
      case BREAK, RETURN, CONTINUE, YIELD, THROW -> true;
      default -> false;
    };
  }

  /**
   * Whether a statement holds a break of the switch or a yield that the if-chain form cannot end
   * the group with (anything but the statement itself, last in its group).
   */
  private static boolean jumpsOutOfSwitch(StatementTree s, boolean lastInGroup) {
    if (lastInGroup && (s instanceof BreakTree b && b.getLabel() == null || s instanceof YieldTree)) {
      return false;
    }
    boolean[] found = {false};
    new TreeScanner<Void, Integer>() {
      @Override
      public Void visitBreak(BreakTree node, Integer loops) {
        found[0] |= node.getLabel() == null && loops == 0;
        return null;
      }

      @Override
      public Void visitYield(YieldTree node, Integer loops) {
        found[0] = true;
        return null;
      }

      @Override
      public Void visitForLoop(com.sun.source.tree.ForLoopTree node, Integer loops) {
        return super.visitForLoop(node, loops + 1);
      }

      @Override
      public Void visitEnhancedForLoop(com.sun.source.tree.EnhancedForLoopTree node, Integer loops) {
        return super.visitEnhancedForLoop(node, loops + 1);
      }

      @Override
      public Void visitWhileLoop(com.sun.source.tree.WhileLoopTree node, Integer loops) {
        return super.visitWhileLoop(node, loops + 1);
      }

      @Override
      public Void visitDoWhileLoop(com.sun.source.tree.DoWhileLoopTree node, Integer loops) {
        return super.visitDoWhileLoop(node, loops + 1);
      }

      @Override
      public Void visitSwitch(SwitchTree node, Integer loops) {
        return super.visitSwitch(node, loops + 1);
      }

      @Override
      public Void visitSwitchExpression(SwitchExpressionTree node, Integer loops) {
        return null; // its yields and breaks are its own
      }
    }.scan(s, 0);
    return found[0];
  }
}
