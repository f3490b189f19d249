package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;

/** Lowers {@code =}, compound assignments and {@code ++}/{@code --} on locals and array elements. */
final class Assignments {
  private final LoweringContext ctx;
  private final ExpressionLowering expressions;

  Assignments(LoweringContext ctx, ExpressionLowering expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
  }

  /** Where a value is written: a local, or an element of an array. */
  private record Place(Var local, Expr array, Expr index, Type type) {}

  private Place place(TreePath path, ExpressionTree target, Block.Builder out) {
    TreePath targetPath = expressions.child(path, target);
    if (target instanceof IdentifierTree id) {
      Var v = ctx.scope.lookup(id.getName().toString());
      if (v == null) {
        ctx.report(target, Message.FIELD_WRITE, id.getName().toString());
        return null;
      }
      ctx.target = v.name();
      return new Place(v, null, null, v.type());
    }
    if (target instanceof ArrayAccessTree access) {
      Expr array = expressions.operand(expressions.child(targetPath, access.getExpression()), out);
      Expr index = expressions.operand(expressions.child(targetPath, access.getIndex()), out);
      if (array.type().isConstantArray()) {
        ctx.error(target, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "a write into a " + array.type(),
            "its elements are constants (Adjoint differentiates double[] and double[][] only); copy them into a"
                + " double[] or double[][] local and write there");
        return null;
      }
      if (!array.type().isArray() || !index.type().equals(Type.INT)) {
        ctx.error(target, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "this array element",
            "index an array with an int");
        return null;
      }
      ctx.target = nameOf(array) + "Elem";
      return new Place(null, array, expressions.stableIndex(index, out, ctx.pos(target)), array.type().element());
    }
    if (target.getKind() == Tree.Kind.PARENTHESIZED) {
      return place(path, ((com.sun.source.tree.ParenthesizedTree) target).getExpression(), out);
    }
    ctx.report(target, Message.FIELD_WRITE, target.toString());
    return null;
  }

  private static String nameOf(Expr array) {
    return array instanceof Var v ? v.name() : "array";
  }

  /** Keeps an index that has side effects or is costly from being evaluated twice. */
  private Expr once(Expr index, Block.Builder out, SourcePos pos) {
    if (index instanceof Expr.Atom) {
      return index;
    }
    Var v = new Var(ctx.target.replace("Elem", "") + "Index", index.type(), Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(v, index, pos));
    return v;
  }

  private void write(Place p, Expr value, Block.Builder out, SourcePos pos) {
    if (p.local != null) {
      out.add(new Stmt.Assign(p.local, value, pos));
    } else {
      out.add(new Stmt.ArrayStore(p.array, p.index, value, pos));
    }
  }

  private Expr read(Place p, Block.Builder out, SourcePos pos) {
    if (p.local != null) {
      return p.local;
    }
    return expressions.atomize(new Expr.ArrayLoad(p.array, p.index, p.type), out, pos);
  }

  /** Checks that a value can be assigned to a place of type {@code to}, with Java's implicit widening. */
  private Expr convert(Tree tree, Expr value, Type to) {
    Expr widened = ExpressionLowering.widen(value, to);
    if (!Assignability.allows(widened.type(), to)) {
      if (value instanceof Expr.Const c && c.type().equals(Type.INT) && to.equals(Type.LONG)) {
        return new Expr.Const(Type.LONG, ExpressionLowering.number(c).longValue());
      }
      return ctx.error(tree, to, Message.BAD_ARGUMENT_TYPE, "the assignment", value.type(), "the variable", to);
    }
    return widened;
  }

  Expr assign(TreePath path, AssignmentTree tree, Block.Builder out) {
    SourcePos pos = ctx.pos(tree);
    Place p = place(path, tree.getVariable(), out);
    TreePath rhs = expressions.child(path, tree.getExpression());
    if (p == null) {
      return expressions.value(rhs, out);
    }
    Expr.NewRecord record = p.local == null ? null : ctx.records.get(p.local);
    if (record != null) {
      RecordShapes.Shape shape = ctx.signatures.records().flattened(ctx.typeOf(path));
      Expr.NewRecord value = shape == null ? null
          : expressions.records().components(expressions.value(rhs, out), shape, tree.getExpression(), out);
      if (value != null) {
        expressions.records().assign(record, value, out, pos);
      }
      return record;
    }
    if (p.local != null) {
      Expr value = convert(tree, expressions.value(rhs, out, p.type), p.type);
      if (value instanceof Expr.Invoke && Walk.reads(value).contains(p.local)) {
        // x = g(x): the call gets a statement of its own, so that both modes see the call's
        // arguments and its result as different values (the transforms rely on it).
        value = ctx.temp("Call", value, out, pos);
      }
      write(p, value, out, pos);
      return p.local;
    }
    Expr index = once(p.index, out, pos);
    Expr value = convert(tree, expressions.atomize(expressions.value(rhs, out, p.type), out, pos), p.type);
    Place at = new Place(null, p.array, index, p.type);
    write(at, value, out, pos);
    return value;
  }

  Expr compound(TreePath path, CompoundAssignmentTree tree, Block.Builder out) {
    SourcePos pos = ctx.pos(tree);
    Place p = place(path, tree.getVariable(), out);
    if (p == null) {
      return expressions.value(expressions.child(path, tree.getExpression()), out);
    }
    Place at = p.local != null ? p : new Place(null, p.array, once(p.index, out, pos), p.type);
    Expr old = read(at, out, pos);
    Expr rhs = expressions.operand(expressions.child(path, tree.getExpression()), out);
    Expr.BinaryOp op = Operators.binary(tree.getKind());
    return update(tree, at, old, op, rhs, out, pos);
  }

  /** {@code place = (type) (old op rhs)}: Java's compound assignment narrows back to the place's type. */
  private Expr update(Tree tree, Place at, Expr old, Expr.BinaryOp op, Expr rhs, Block.Builder out, SourcePos pos) {
    Expr combined = expressions.binaryOf(tree, op, old, rhs);
    if (!combined.type().equals(at.type)) {
      if (!combined.type().isNumeric() || !at.type.isNumeric()) {
        return ctx.error(tree, at.type, Message.UNSUPPORTED_OPERATOR, op.symbol + "=", at.type.toString(),
            "use it on numbers");
      }
      combined = new Expr.Cast(at.type, expressions.atomize(combined, out, pos), false);
    }
    if (at.local == null) {
      combined = expressions.atomize(combined, out, pos);
    }
    write(at, combined, out, pos);
    return at.local != null ? at.local : combined;
  }

  Expr increment(TreePath path, UnaryTree tree, Block.Builder out, boolean valueNeeded) {
    SourcePos pos = ctx.pos(tree);
    Place p = place(path, tree.getExpression(), out);
    if (p == null) {
      return Expr.Const.ofInt(0);
    }
    if (!p.type.isNumeric()) {
      return ctx.error(tree, p.type, Message.UNSUPPORTED_OPERATOR, "++/--", p.type.toString(), "use it on numbers");
    }
    boolean up = tree.getKind() == Tree.Kind.PREFIX_INCREMENT || tree.getKind() == Tree.Kind.POSTFIX_INCREMENT;
    boolean postfix = tree.getKind() == Tree.Kind.POSTFIX_INCREMENT || tree.getKind() == Tree.Kind.POSTFIX_DECREMENT;
    Place at = p.local != null ? p : new Place(null, p.array, once(p.index, out, pos), p.type);
    Expr old = read(at, out, pos);
    Var before = null;
    if (valueNeeded && postfix) {
      before = new Var(ctx.target + "Before", p.type, Var.Role.TEMPORARY);
      out.add(new Stmt.Declare(before, old, pos));
    }
    Expr one = ExpressionLowering.widen(Expr.Const.ofInt(1), p.type);
    Expr result = update(tree, at, old, up ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, one, out, pos);
    if (!valueNeeded) {
      return result;
    }
    if (before != null) {
      return before;
    }
    Var after = new Var(ctx.target + "After", p.type, Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(after, result, pos));
    return after;
  }
}
