package dev.adjoint.processor.frontend;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.rules.CustomRule;
import dev.adjoint.processor.rules.GeneralRule;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Lowers Java expressions to IR. Every operation on values that may carry derivatives gets atoms as
 * operands: an operand that is itself such an operation is computed into a temporary first, named
 * after the variable being assigned ({@code eSum}, {@code ySin}). Integer and boolean computations
 * stay as expression trees. Side effects inside expressions (assignments, {@code ++}) become
 * statements, in evaluation order.
 */
final class ExpressionLowering {
  private final LoweringContext ctx;
  private final Assignments assignments;
  private final ArrayLibraryCalls arrayCalls;
  private final InstanceCalls instanceCalls;
  private final RecordValues records;
  /** Set by the statement lowering, which switch expressions need for their case blocks. */
  private SwitchLowering switches;

  ExpressionLowering(LoweringContext ctx) {
    this.ctx = ctx;
    this.assignments = new Assignments(ctx, this);
    this.arrayCalls = new ArrayLibraryCalls(ctx);
    this.instanceCalls = new InstanceCalls(ctx, this);
    this.records = new RecordValues(ctx, this);
  }

  RecordValues records() {
    return records;
  }

  void useSwitches(SwitchLowering switches) {
    this.switches = switches;
  }

  Assignments assignments() {
    return assignments;
  }

  /** The expression as a value whose operands are atoms where derivatives need them. */
  Expr value(TreePath path, Block.Builder out) {
    return value(path, out, null);
  }

  /** As {@link #value(TreePath, Block.Builder)}, with the type expected by the context (for array initialisers). */
  Expr value(TreePath path, Block.Builder out, Type expected) {
    ExpressionTree tree = (ExpressionTree) path.getLeaf();
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return value(child(path, ((ParenthesizedTree) tree).getExpression()), out, expected);
      case INT_LITERAL:
      case LONG_LITERAL:
      case DOUBLE_LITERAL:
      case BOOLEAN_LITERAL:
      case FLOAT_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
      case NULL_LITERAL:
        return literal((LiteralTree) tree);
      case IDENTIFIER:
        return identifier(path, (IdentifierTree) tree);
      case MEMBER_SELECT:
        return memberSelect(path, (MemberSelectTree) tree, out);
      case ARRAY_ACCESS:
        return arrayAccess(path, (ArrayAccessTree) tree, out);
      case PLUS:
      case MINUS:
      case MULTIPLY:
      case DIVIDE:
      case REMAINDER:
      case LEFT_SHIFT:
      case RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT:
      case LESS_THAN:
      case LESS_THAN_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_EQUAL:
      case EQUAL_TO:
      case NOT_EQUAL_TO:
      case AND:
      case OR:
      case XOR:
        return binary(path, (BinaryTree) tree, out);
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
        return shortCircuit(path, (BinaryTree) tree, out);
      case UNARY_MINUS:
      case UNARY_PLUS:
      case LOGICAL_COMPLEMENT:
      case BITWISE_COMPLEMENT:
        return unary(path, (UnaryTree) tree, out);
      case PREFIX_INCREMENT:
      case PREFIX_DECREMENT:
      case POSTFIX_INCREMENT:
      case POSTFIX_DECREMENT:
        return assignments.increment(path, (UnaryTree) tree, out, true);
      case ASSIGNMENT:
        return assignments.assign(path, (AssignmentTree) tree, out);
      case PLUS_ASSIGNMENT:
      case MINUS_ASSIGNMENT:
      case MULTIPLY_ASSIGNMENT:
      case DIVIDE_ASSIGNMENT:
      case REMAINDER_ASSIGNMENT:
      case AND_ASSIGNMENT:
      case OR_ASSIGNMENT:
      case XOR_ASSIGNMENT:
      case LEFT_SHIFT_ASSIGNMENT:
      case RIGHT_SHIFT_ASSIGNMENT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return assignments.compound(path, (CompoundAssignmentTree) tree, out);
      case CONDITIONAL_EXPRESSION:
        return conditional(path, (ConditionalExpressionTree) tree, out);
      case TYPE_CAST:
        return cast(path, (TypeCastTree) tree, out);
      case METHOD_INVOCATION:
        return invocation(path, (MethodInvocationTree) tree, out);
      case NEW_ARRAY:
        return newArray(path, (NewArrayTree) tree, out, expected);
      case LAMBDA_EXPRESSION:
        return ctx.error(tree, expected, Message.UNSUPPORTED_CONSTRUCT, "a lambda",
            "compute the value with a loop or call a static @Differentiable method");
      case MEMBER_REFERENCE:
        return ctx.error(tree, expected, Message.UNSUPPORTED_CONSTRUCT, "a method reference",
            "call a static @Differentiable method directly");
      case NEW_CLASS:
        RecordShapes.Shape shape = ctx.signatures.records().flattened(ctx.typeOf(path));
        if (shape != null) {
          return records.newRecord(path, (com.sun.source.tree.NewClassTree) tree, shape, out);
        }
        return ctx.error(tree, expected, Message.UNSUPPORTED_CONSTRUCT, "creating an object with new",
            "use double, double[] or double[][] values; objects cannot carry derivatives");
      case INSTANCE_OF:
        return ctx.error(tree, Type.BOOLEAN, Message.UNSUPPORTED_CONSTRUCT, "instanceof",
            "@Differentiable methods work on primitive values and arrays only");
      case SWITCH_EXPRESSION:
        return switches.expression(path, (com.sun.source.tree.SwitchExpressionTree) tree, out, expected);
      default:
        return ctx.error(tree, expected, Message.UNSUPPORTED_CONSTRUCT,
            "this " + describe(tree.getKind()) + " expression",
            "use arithmetic, java.lang.Math, arrays and calls of static methods");
    }
  }

  /** The expression as an operand: an atom when it may carry a derivative, otherwise a tree. */
  Expr operand(TreePath path, Block.Builder out) {
    return atomize(notRecord(path, value(path, out)), out, ctx.pos(path.getLeaf()));
  }

  /**
   * A record that carries derivatives is held as its components, which only accessors, local
   * declarations and assignments, and calls of methods of this build take apart. Anywhere else
   * (compared, chosen by ?:, passed to a method from a library) it would have to be one object.
   */
  private Expr notRecord(TreePath path, Expr value) {
    if (!RecordValues.isComponents(value)) {
      return value;
    }
    return ctx.error(path.getLeaf(), value.type(), Message.UNSUPPORTED_CONSTRUCT,
        "using the record value " + path.getLeaf() + " here",
        "a record whose components carry derivatives can have its components read (r.w()), be assigned to a local"
            + " of its type, or be passed to a static method compiled in this build; use its components here");
  }

  /** Computes a non-atomic expression that may carry a derivative into a temporary. */
  Expr atomize(Expr e, Block.Builder out, SourcePos pos) {
    if (e instanceof Expr.Atom || !needsOwnStatement(e)) {
      return e;
    }
    return ctx.temp(suffixFor(e), e, out, pos);
  }

  /**
   * Whether an expression gets a statement of its own: it computes a value that may carry a
   * derivative, or it is a call. A call may have side effects ({@code rng.nextGaussian()}), so it
   * must run once, where the source runs it: kept in a temporary, it is never evaluated again by a
   * partial derivative that would name it.
   */
  static boolean needsOwnStatement(Expr e) {
    if (e instanceof Expr.Invoke || e instanceof Expr.InvokeInstance) {
      return true;
    }
    return e.type().isDifferentiable() && readsDifferentiable(e);
  }

  /** Whether an expression reads a variable of a differentiable type or calls a differentiable method. */
  static boolean readsDifferentiable(Expr e) {
    if (e instanceof Var v) {
      return v.type().isDifferentiable();
    }
    if (e instanceof Expr.Const || e instanceof Expr.StaticField) {
      return false;
    }
    if (e instanceof Expr.Binary b) {
      return readsDifferentiable(b.left()) || readsDifferentiable(b.right());
    }
    if (e instanceof Expr.Unary u) {
      return readsDifferentiable(u.operand());
    }
    if (e instanceof Expr.Cast c) {
      return readsDifferentiable(c.operand());
    }
    if (e instanceof Expr.Conditional c) {
      return readsDifferentiable(c.cond()) || readsDifferentiable(c.ifTrue()) || readsDifferentiable(c.ifFalse());
    }
    if (e instanceof Expr.MathCall m) {
      return m.args().stream().anyMatch(ExpressionLowering::readsDifferentiable);
    }
    if (e instanceof Expr.ArrayLoad a) {
      return readsDifferentiable(a.array()) || readsDifferentiable(a.index());
    }
    if (e instanceof Expr.ArrayLength a) {
      return false;
    }
    if (e instanceof Expr.Invoke i) {
      return i.method().isDifferentiable() || i.args().stream().anyMatch(ExpressionLowering::readsDifferentiable);
    }
    if (e instanceof Expr.NewArray n) {
      return false;
    }
    if (e instanceof Expr.InvokeInstance i) {
      return i.args().stream().anyMatch(ExpressionLowering::readsDifferentiable);
    }
    if (e instanceof Expr.ArrayInit a) {
      return a.elements().stream().anyMatch(ExpressionLowering::readsDifferentiable);
    }
    if (e instanceof Expr.ArrayClone c) {
      return readsDifferentiable(c.array());
    }
    return true;
  }

  private static String suffixFor(Expr e) {
    if (e instanceof Expr.MathCall m) {
      return GeneratedNames.capitalized(m.method());
    }
    if (e instanceof Expr.Binary b) {
      switch (b.op()) {
        case ADD:
          return "Sum";
        case SUB:
          return "Diff";
        case MUL:
          return "Prod";
        case DIV:
          return "Quot";
        case REM:
          return "Rem";
        default:
          return "Value";
      }
    }
    if (e instanceof Expr.Unary) {
      return "Neg";
    }
    if (e instanceof Expr.ArrayLoad a) {
      return a.type().isArray() ? "Row" : "Elem";
    }
    if (e instanceof Expr.Invoke i) {
      return GeneratedNames.capitalized(i.method().name());
    }
    if (e instanceof Expr.InvokeInstance i) {
      return GeneratedNames.capitalized(i.method());
    }
    if (e instanceof Expr.Cast) {
      return "Cast";
    }
    return "Value";
  }

  TreePath child(TreePath parent, Tree tree) {
    return new TreePath(parent, tree);
  }

  // ---- leaves -------------------------------------------------------------------------------

  private Expr literal(LiteralTree tree) {
    Object v = tree.getValue();
    switch (tree.getKind()) {
      case INT_LITERAL:
        return Expr.Const.ofInt((Integer) v);
      case LONG_LITERAL:
        return new Expr.Const(Type.LONG, v);
      case DOUBLE_LITERAL:
        return Expr.Const.ofDouble((Double) v);
      case BOOLEAN_LITERAL:
        return Expr.Const.ofBoolean((Boolean) v);
      case CHAR_LITERAL:
        return new Expr.Const(Type.CHAR, v);
      case STRING_LITERAL:
        return new Expr.Const(Type.STRING, v);
      case NULL_LITERAL:
        return new Expr.Const(Type.NULL, null);
      case FLOAT_LITERAL:
        return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "the float literal " + tree,
            "write a double literal (drop the f suffix); float arithmetic is not supported");
      default:
        return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "the literal " + tree,
            "only numbers and booleans can appear in a @Differentiable method");
    }
  }

  private Expr identifier(TreePath path, IdentifierTree tree) {
    String name = tree.getName().toString();
    Var local = ctx.scope.lookup(name);
    if (local != null && ctx.poisoned.contains(local)) {
      ctx.statementFailed = true;
      return LoweringContext.placeholder(Type.DOUBLE);
    }
    if (local != null) {
      Expr.NewRecord record = ctx.records.get(local);
      return record != null ? record : local;
    }
    return field(path, tree, ctx.trees.getElement(path), name);
  }

  /** A static field (an enum constant too): its constant value when it has one, otherwise a read of the field. */
  Expr field(TreePath path, Tree tree, Element element, String name) {
    if (!(element instanceof VariableElement field) || !isField(element)) {
      if (name.equals("this") || name.equals("super")) {
        return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, name,
            "a @Differentiable method is static: it has no this");
      }
      return ctx.error(tree, Type.DOUBLE, Message.UNKNOWN_NAME, name);
    }
    if (!field.getModifiers().contains(Modifier.STATIC)) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "instance field " + name,
          "a @Differentiable method is static; pass the value as a parameter");
    }
    Object constant = field.getConstantValue();
    if (constant != null) {
      if (constant instanceof Double d) {
        return Expr.Const.ofDouble(d);
      }
      if (constant instanceof Integer || constant instanceof Short || constant instanceof Byte) {
        return Expr.Const.ofInt(((Number) constant).intValue());
      }
      if (constant instanceof Character c) {
        return new Expr.Const(Type.CHAR, c);
      }
      if (constant instanceof String text) {
        return new Expr.Const(Type.STRING, text);
      }
      if (constant instanceof Long l) {
        return new Expr.Const(Type.LONG, l);
      }
      if (constant instanceof Boolean b) {
        return Expr.Const.ofBoolean(b);
      }
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_TYPE, "constant " + name,
          field.asType().toString());
    }
    Type type = JavaTypes.toIr(field.asType());
    if (type == null) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_TYPE, "field " + name, field.asType().toString());
    }
    TypeElement owner = (TypeElement) field.getEnclosingElement();
    if (field.getModifiers().contains(Modifier.PRIVATE)) {
      return privateField(tree, field, owner, type);
    }
    return new Expr.StaticField(owner.getQualifiedName().toString(), name, type);
  }

  /**
   * A private static field of a class of this build: the companion reads a final one once, through a
   * private lookup, and keeps it. A field that is not final could change between calls, and a class
   * the companion cannot name (a private nested class, a class from a jar) cannot be looked into.
   */
  private Expr privateField(Tree tree, VariableElement field, TypeElement owner, Type type) {
    String name = field.getSimpleName().toString();
    String companion = ctx.companion.substring(ctx.companion.lastIndexOf('.') + 1);
    boolean reachable = ctx.trees.getPath(field) != null && ctx.signatures.isVisibleToCompanion(owner, ctx.owner);
    if (!reachable) {
      return ctx.error(tree, type, Message.PRIVATE_MEMBER, "field " + name, companion);
    }
    if (!field.getModifiers().contains(Modifier.FINAL)) {
      return ctx.error(tree, type, Message.PRIVATE_FIELD_NOT_FINAL, owner.getSimpleName() + "." + name, companion,
          name);
    }
    return new Expr.StaticField(owner.getQualifiedName().toString(), name, type, true);
  }

  private Expr memberSelect(TreePath path, MemberSelectTree tree, Block.Builder out) {
    String name = tree.getIdentifier().toString();
    TreePath targetPath = child(path, tree.getExpression());
    Element target = ctx.trees.getElement(targetPath);
    boolean targetIsType = target instanceof TypeElement || target instanceof javax.lang.model.element.PackageElement;
    if (name.equals("length") && !targetIsType) {
      Expr array = operand(targetPath, out);
      if (array.type().isArray() || array.type().isConstantArray()) {
        return new Expr.ArrayLength(array);
      }
      return ctx.error(tree, Type.INT, Message.UNSUPPORTED_CONSTRUCT, ".length of a " + array.type(),
          "use .length on arrays only");
    }
    Element element = ctx.trees.getElement(path);
    if (element instanceof VariableElement && element.getKind() == ElementKind.FIELD
        && !element.getModifiers().contains(Modifier.STATIC)
        && element.getEnclosingElement().getKind() == ElementKind.RECORD) {
      // p.w inside the record's own class: the component, as p.w() is.
      Expr record = value(targetPath, out);
      if (RecordValues.isComponents(record)) {
        TypeElement owner = (TypeElement) element.getEnclosingElement();
        for (int i = 0; i < owner.getRecordComponents().size(); i++) {
          if (owner.getRecordComponents().get(i).getSimpleName().contentEquals(name)) {
            return ((Expr.NewRecord) record).components().get(i);
          }
        }
      }
    }
    if (element instanceof VariableElement && isField(element)) {
      return field(path, tree, element, name);
    }
    return ctx.error(tree, Type.DOUBLE, Message.UNKNOWN_NAME, tree.toString());
  }

  private static boolean isField(Element element) {
    return element.getKind() == ElementKind.FIELD || element.getKind() == ElementKind.ENUM_CONSTANT;
  }

  private Expr arrayAccess(TreePath path, ArrayAccessTree tree, Block.Builder out) {
    Expr array = operand(child(path, tree.getExpression()), out);
    Expr index = operand(child(path, tree.getIndex()), out);
    if (!array.type().isArray() && !array.type().isConstantArray()) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "indexing a value of type " + array.type(),
          "Adjoint indexes double[], double[][] and int[] arrays; arrays of other types are constants that can be"
              + " passed to calls, and a double[][][] holds no derivatives: use double[][] or a double[] with"
              + " computed indices");
    }
    if (!index.type().equals(Type.INT)) {
      return ctx.error(tree.getIndex(), array.type().element(), Message.UNSUPPORTED_CONSTRUCT,
          "an array index of type " + index.type(), "use an int index");
    }
    return new Expr.ArrayLoad(array, stableIndex(index, out, ctx.pos(tree)), array.type().element());
  }

  /**
   * An index read from an {@code int[]} is kept in a local: the reverse sweep reads the index again,
   * and the local (restored like any variable) still holds it when the array may have changed.
   */
  Expr stableIndex(Expr index, Block.Builder out, SourcePos pos) {
    boolean[] readsArray = {false};
    dev.adjoint.processor.ir.Walk.nodes(index, n -> readsArray[0] |= n instanceof Expr.ArrayLoad);
    if (!readsArray[0]) {
      return index;
    }
    Var v = new Var(ctx.target + "Index", Type.INT, Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(v, index, pos));
    return v;
  }

  // ---- operators ----------------------------------------------------------------------------

  private Expr binary(TreePath path, BinaryTree tree, Block.Builder out) {
    Expr left = operand(child(path, tree.getLeftOperand()), out);
    Expr right = operand(child(path, tree.getRightOperand()), out);
    Expr.BinaryOp op = Operators.binary(tree.getKind());
    return binaryOf(tree, op, left, right);
  }

  /** Types a binary operation, adding the implicit unboxing and widening casts Java would apply. */
  Expr binaryOf(Tree tree, Expr.BinaryOp op, Expr left, Expr right) {
    boolean identity = (op == Expr.BinaryOp.EQ || op == Expr.BinaryOp.NE) && left.type().equals(right.type());
    if (!identity) {
      // Java compares two Doubles by identity, but unboxes a Double that meets a number.
      left = unbox(left);
      right = unbox(right);
    }
    Type l = left.type();
    Type r = right.type();
    if (op.isArithmetic() || op == Expr.BinaryOp.SHL || op == Expr.BinaryOp.SHR || op == Expr.BinaryOp.USHR) {
      if (op == Expr.BinaryOp.ADD && (l.equals(Type.STRING) || r.equals(Type.STRING))) {
        return ctx.error(tree, Type.STRING, Message.UNSUPPORTED_CONSTRUCT, "string concatenation",
            "build the String outside the @Differentiable method and pass it in as a parameter");
      }
      if (!l.isNumeric() || !r.isNumeric()) {
        return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_OPERATOR, op.symbol, l + " and " + r,
            "arithmetic works on double, int and long values");
      }
      if (op == Expr.BinaryOp.SHL || op == Expr.BinaryOp.SHR || op == Expr.BinaryOp.USHR) {
        if (!l.isIntegral() || !r.isIntegral()) {
          return ctx.error(tree, Type.INT, Message.UNSUPPORTED_OPERATOR, op.symbol, l + " and " + r,
              "shifts work on int and long values");
        }
        return new Expr.Binary(op, left, right, JavaTypes.promote(l, Type.INT));
      }
      Type t = JavaTypes.promote(l, r);
      return new Expr.Binary(op, widen(left, t), widen(right, t), t);
    }
    if (op == Expr.BinaryOp.BIT_AND || op == Expr.BinaryOp.BIT_OR || op == Expr.BinaryOp.BIT_XOR) {
      if (l.equals(Type.BOOLEAN) && r.equals(Type.BOOLEAN)) {
        return new Expr.Binary(op, left, right, Type.BOOLEAN);
      }
      if (l.isIntegral() && r.isIntegral()) {
        Type t = JavaTypes.promote(l, r);
        return new Expr.Binary(op, widen(left, t), widen(right, t), t);
      }
      return ctx.error(tree, Type.INT, Message.UNSUPPORTED_OPERATOR, op.symbol, l + " and " + r,
          "bitwise operators work on int, long and boolean values");
    }
    // comparisons: values of one type as they are ('a' == c stays so), numbers after promotion,
    // references by identity (an enum constant, null)
    if (l.equals(r) && (l.isNumeric() || op == Expr.BinaryOp.EQ || op == Expr.BinaryOp.NE)) {
      return new Expr.Binary(op, left, right, Type.BOOLEAN);
    }
    if (l.isNumeric() && r.isNumeric()) {
      Type t = JavaTypes.promote(l, r);
      return new Expr.Binary(op, widen(left, t), widen(right, t), Type.BOOLEAN);
    }
    if ((op == Expr.BinaryOp.EQ || op == Expr.BinaryOp.NE) && l.isReference() && r.isReference()) {
      return new Expr.Binary(op, left, right, Type.BOOLEAN);
    }
    return ctx.error(tree, Type.BOOLEAN, Message.UNSUPPORTED_OPERATOR, op.symbol, l + " and " + r,
        "compare numbers with numbers, booleans with booleans and objects with == or equals");
  }

  /** Adds the implicit conversion of a narrower numeric value to {@code to}. */
  static Expr widen(Expr e, Type to) {
    if (e.type().equals(to) || !to.isNumeric() || !e.type().isNumeric()) {
      return e;
    }
    if (e instanceof Expr.Const c && to.equals(Type.DOUBLE)) {
      return Expr.Const.ofDouble(number(c).doubleValue());
    }
    if (e instanceof Expr.Const c && to.equals(Type.LONG)) {
      return new Expr.Const(Type.LONG, number(c).longValue());
    }
    return new Expr.Cast(to, e, true);
  }

  /** A boxed constant ({@code Double d}) as the primitive Java unboxes it to where a number is needed. */
  static Expr unbox(Expr e) {
    Type primitive = JavaTypes.unboxed(e.type());
    return primitive == null ? e : new Expr.Cast(primitive, e, true);
  }

  /** The numeric value of a number or char constant. */
  static Number number(Expr.Const c) {
    return c.value() instanceof Character ch ? (int) ch : (Number) c.value();
  }

  private Expr shortCircuit(TreePath path, BinaryTree tree, Block.Builder out) {
    boolean and = tree.getKind() == Tree.Kind.CONDITIONAL_AND;
    Expr left = operand(child(path, tree.getLeftOperand()), out);
    Block.Builder rightOut = new Block.Builder();
    Expr right = operand(child(path, tree.getRightOperand()), rightOut);
    if (!left.type().equals(Type.BOOLEAN) || !right.type().equals(Type.BOOLEAN)) {
      return ctx.error(tree, Type.BOOLEAN, Message.UNSUPPORTED_OPERATOR, and ? "&&" : "||",
          left.type() + " and " + right.type(), "use boolean operands");
    }
    Expr.BinaryOp op = and ? Expr.BinaryOp.AND : Expr.BinaryOp.OR;
    if (rightOut.isEmpty()) {
      return new Expr.Binary(op, left, right, Type.BOOLEAN);
    }
    // The right operand needs statements of its own: run them only when Java would evaluate it.
    SourcePos pos = ctx.pos(tree);
    Var result = new Var(ctx.target + "Test", Type.BOOLEAN, Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(result, left, pos));
    rightOut.add(new Stmt.Assign(result, right, pos));
    Expr test = and ? result : new Expr.Unary(Expr.UnaryOp.NOT, result, Type.BOOLEAN);
    out.add(new Stmt.If(test, rightOut.build(), Block.EMPTY, pos));
    return result;
  }

  private Expr unary(TreePath path, UnaryTree tree, Block.Builder out) {
    Expr operand = unbox(operand(child(path, tree.getExpression()), out));
    Type t = operand.type();
    switch (tree.getKind()) {
      case UNARY_PLUS:
        if (!t.isNumeric()) {
          break;
        }
        return operand;
      case UNARY_MINUS:
        if (!t.isNumeric()) {
          break;
        }
        if (operand instanceof Expr.Const c && c.value() instanceof Double d) {
          return Expr.Const.ofDouble(-d);
        }
        return new Expr.Unary(Expr.UnaryOp.NEG, operand, JavaTypes.promote(t, Type.INT));
      case LOGICAL_COMPLEMENT:
        if (!t.equals(Type.BOOLEAN)) {
          break;
        }
        return new Expr.Unary(Expr.UnaryOp.NOT, operand, t);
      case BITWISE_COMPLEMENT:
        if (!t.isIntegral()) {
          break;
        }
        return new Expr.Unary(Expr.UnaryOp.BIT_NOT, operand, JavaTypes.promote(t, Type.INT));
      default:
        break;
    }
    return ctx.error(tree, t, Message.UNSUPPORTED_OPERATOR, tree.getKind().toString().toLowerCase(), t.toString(),
        "apply it to a value of a suitable type");
  }

  private Expr conditional(TreePath path, ConditionalExpressionTree tree, Block.Builder out) {
    Expr cond = operand(child(path, tree.getCondition()), out);
    Block.Builder thenOut = new Block.Builder();
    Expr ifTrue = operand(child(path, tree.getTrueExpression()), thenOut);
    Block.Builder elseOut = new Block.Builder();
    Expr ifFalse = operand(child(path, tree.getFalseExpression()), elseOut);
    Type t;
    if (ifTrue.type().isNumeric() && ifFalse.type().isNumeric()) {
      t = JavaTypes.promote(ifTrue.type(), ifFalse.type());
    } else if (ifTrue.type().equals(ifFalse.type())) {
      t = ifTrue.type();
    } else {
      return ctx.error(tree, ifTrue.type(), Message.UNSUPPORTED_CONSTRUCT,
          "?: choosing between " + ifTrue.type() + " and " + ifFalse.type(), "give both branches the same type");
    }
    ifTrue = widen(ifTrue, t);
    ifFalse = widen(ifFalse, t);
    boolean carriesDerivative = t.isDifferentiable() && (readsDifferentiable(ifTrue) || readsDifferentiable(ifFalse));
    if (thenOut.isEmpty() && elseOut.isEmpty() && !carriesDerivative) {
      return new Expr.Conditional(cond, ifTrue, ifFalse, t);
    }
    // A choice between values with derivatives becomes an if statement, so each branch gets its own.
    SourcePos pos = ctx.pos(tree);
    Var result = new Var(ctx.target + "Choice", t, Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(result, null, pos));
    thenOut.add(new Stmt.Assign(result, ifTrue, pos));
    elseOut.add(new Stmt.Assign(result, ifFalse, pos));
    out.add(new Stmt.If(cond, thenOut.build(), elseOut.build(), pos));
    return result;
  }

  private Expr cast(TreePath path, TypeCastTree tree, Block.Builder out) {
    Type to = TypeTrees.of(tree.getType());
    Expr operand = operand(child(path, tree.getExpression()), out);
    if (to == null) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "a cast to " + tree.getType(),
          "cast only between double, int and long");
    }
    if (to.equals(operand.type())) {
      return operand;
    }
    if (!to.isNumeric() || !operand.type().isNumeric()) {
      return ctx.error(tree, to, Message.UNSUPPORTED_CONSTRUCT, "a cast from " + operand.type() + " to " + to,
          "cast only between double, int and long");
    }
    return new Expr.Cast(to, operand, false);
  }

  // ---- calls --------------------------------------------------------------------------------

  private Expr invocation(TreePath path, MethodInvocationTree tree, Block.Builder out) {
    Element element = ctx.trees.getElement(path);
    if (tree.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("clone")
        && tree.getArguments().isEmpty()) {
      Expr target = operand(child(path, select.getExpression()), out);
      if (target.type().isArray()) {
        return new Expr.ArrayClone(target);
      }
    }
    if (!(element instanceof ExecutableElement method)) {
      return ctx.error(tree, Type.DOUBLE, Message.UNKNOWN_NAME, tree.getMethodSelect().toString());
    }
    String name = method.getSimpleName().toString();
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String ownerName = owner.getQualifiedName().toString();
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      if (owner.getKind() == ElementKind.RECORD && tree.getMethodSelect() instanceof MemberSelectTree select) {
        Expr receiver = value(child(path, select.getExpression()), out);
        if (RecordValues.isComponents(receiver)) {
          return records.call(tree, (Expr.NewRecord) receiver, method);
        }
        return instanceCalls.lower(path, tree, method, atomize(receiver, out, ctx.pos(select)), out);
      }
      return instanceCalls.lower(path, tree, method, out);
    }
    if (ArrayLibraryCalls.isCandidate(ownerName, name)) {
      return arrayLibraryCall(path, tree, ownerName, name, out);
    }
    boolean inBuild = ctx.signatures.isInThisCompilation(method);
    Type returnType = staticReturnType(path, method, inBuild);
    if (returnType == null) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_TYPE, "the result of " + name + "(...)",
          method.getReturnType().toString());
    }
    if (method.isVarArgs()) {
      return ctx.error(tree, returnType, Message.UNSUPPORTED_CONSTRUCT, "a call of the varargs method " + name,
          "call a method with a fixed parameter list");
    }
    if (method.getModifiers().contains(Modifier.PRIVATE) && !inBuild) {
      return ctx.error(tree, returnType, Message.PRIVATE_MEMBER, "method " + name,
          ctx.companion.substring(ctx.companion.lastIndexOf('.') + 1));
    }
    List<Type> parameterTypes = new ArrayList<>();
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < tree.getArguments().size(); i++) {
      ExpressionTree argTree = tree.getArguments().get(i);
      VariableElement p = method.getParameters().get(i);
      RecordShapes.Shape recordShape = ctx.signatures.records().flattened(p.asType());
      if (recordShape != null) {
        // A record that can carry derivatives goes in as its leaves, as the callee's body has it.
        if (!inBuild) {
          return ctx.error(argTree, returnType, Message.UNSUPPORTED_CONSTRUCT,
              "passing a record to " + ownerName + "." + name + ", which is not compiled in this build",
              "Adjoint differentiates through a method taking a record only when its source is compiled with the"
                  + " caller; pass the components instead");
        }
        Expr.NewRecord record = records.components(value(child(path, argTree), out), recordShape, argTree, out);
        if (record == null) {
          return LoweringContext.placeholder(returnType);
        }
        List<Expr> leaves = RecordValues.leaves(record);
        for (int k = 0; k < leaves.size(); k++) {
          Type leafType = recordShape.leaves().get(k).type();
          parameterTypes.add(leafType);
          args.add(widen(leaves.get(k), leafType));
        }
        continue;
      }
      Type pt = JavaTypes.toIr(p.asType());
      Expr arg = operand(child(path, argTree), out);
      if (pt == null) {
        return ctx.error(argTree, returnType, Message.UNSUPPORTED_TYPE, "parameter " + p.getSimpleName() + " of " + name,
            p.asType().toString());
      }
      if (!Assignability.allowsArgument(arg.type(), pt)) {
        return ctx.error(argTree, returnType, Message.BAD_ARGUMENT_TYPE, name, arg.type(), p.getSimpleName(), pt);
      }
      parameterTypes.add(pt);
      args.add(widen(arg, pt));
    }
    SourcePos pos = ctx.pos(tree);
    CustomRule rule = ctx.signatures.customRule(method);
    if (rule != null) {
      if (!ctx.signatures.companionCanCall(rule.partialsOwner(), rule.partialsMethod(), ctx.owner)) {
        return ruleOutOfReach(tree, returnType, rule.target(), rule.partialsOwner() + "." + rule.partialsMethod());
      }
      // The user's rule gives the derivative: the call is a row of the derivative table, like Math.sin.
      return new Expr.MathCall(ownerName, name, args, returnType, rule);
    }
    GeneralRule general = ctx.signatures.generalRule(method);
    if (general != null) {
      for (GeneralRule.Method m : List.of(general.tangent(), general.pullback())) {
        if (!ctx.signatures.companionCanCall(m.owner(), m.name(), ctx.owner)) {
          return ruleOutOfReach(tree, returnType, general.target(), m.owner() + "." + m.name());
        }
      }
      // The user's tangent and pullback give the derivatives: the call stays a call, never inlined.
      MethodRef ref = new MethodRef(ownerName, name, parameterTypes, returnType,
          MethodRef.DerivativeSignature.ofRule(general));
      return new Expr.Invoke(ref, args, pos);
    }
    if (ownerName.equals("java.lang.Math") || ownerName.equals("java.lang.StrictMath")) {
      return new Expr.MathCall(ownerName, name, args, returnType);
    }
    if (ctx.signatures.records().flattened(method.getReturnType()) != null
        && args.stream().anyMatch(ExpressionLowering::readsDifferentiable)) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT,
          "a call of " + name + ", which returns a record, with arguments that can carry derivatives",
          "Adjoint does not carry derivatives through a returned record; return a double or double[] (one"
              + " method per component), or build the record in the caller with new");
    }
    boolean flattened = ctx.signatures.takesFlattenedRecord(method);
    MethodRef.DerivativeSignature derivatives = null;
    if (flattened) {
      // Its public derivatives take the record whole; calls in generated code use its flattened body.
      derivatives = MethodRef.DerivativeSignature.bodyOnly(
          ctx.signatures.flatParameters(method).stream().map(Signatures.FlatParameter::differentiable).toList());
    } else if (Annotations.has(method, Annotations.DIFFERENTIABLE)) {
      derivatives = ctx.signatures.derivativesOf(method);
      if (derivatives == null) {
        return ctx.error(tree, returnType, Message.CALLEE_NOT_COMPILED, ownerName + "." + name,
            ctx.signatures.companionOf(owner), ownerName);
      }
    } else if (inBuild) {
      // A helper of this build: differentiated through its body wherever a caller needs it.
      derivatives = MethodRef.DerivativeSignature.bodyOnly(ctx.signatures.differentiableFromSource(method));
    }
    // A call that stays a call of a method taking a record goes to the companion's flattened copy of it.
    MethodRef ref = new MethodRef(ownerName, name, parameterTypes, returnType, derivatives,
        !flattened && ctx.signatures.isVisibleToCompanion(method, ctx.owner));
    return new Expr.Invoke(ref, args, pos);
  }

  /** A call whose {@code @DerivativeOf} rule method the generated class, in the caller's package, cannot call. */
  private Expr ruleOutOfReach(MethodInvocationTree tree, Type returnType, String target, String ruleMethod) {
    return ctx.error(tree, returnType, Message.UNSUPPORTED_CONSTRUCT, "this call of " + target + ", whose @DerivativeOf"
        + " rule method " + ruleMethod + " the generated class cannot call,",
        "make the rule method and its class public, or put them in the caller's package");
  }

  /**
   * A helper of this build returns what its body lowers to; a method from elsewhere returns the type
   * javac gives the call (type arguments applied, a boxed number unboxed, as for instance calls).
   */
  private Type staticReturnType(TreePath path, ExecutableElement method, boolean inBuild) {
    if (method.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID) {
      return Type.VOID;
    }
    if (inBuild) {
      return JavaTypes.toIr(method.getReturnType());
    }
    javax.lang.model.type.TypeMirror attributed = ctx.typeOf(path);
    return JavaTypes.toIrUnboxed(attributed != null ? attributed : method.getReturnType());
  }

  /**
   * {@code System.arraycopy} and the copying methods of {@code java.util.Arrays}, on the arrays the
   * IR has: written out as loops, judged by the arguments' types (arraycopy declares Object).
   */
  private Expr arrayLibraryCall(TreePath path, MethodInvocationTree tree, String ownerName, String name,
      Block.Builder out) {
    List<Expr> args = new ArrayList<>();
    List<Type> types = new ArrayList<>();
    for (ExpressionTree argTree : tree.getArguments()) {
      Expr arg = operand(child(path, argTree), out);
      args.add(arg);
      types.add(arg.type());
    }
    String call = ownerName.substring(ownerName.lastIndexOf('.') + 1) + "." + name;
    if (!ArrayLibraryCalls.handles(ownerName, name, types)) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, "this form of " + call,
          "Adjoint writes out " + call + " on double[], double[][] and int[] arrays of one type; copy with a loop"
              + " otherwise");
    }
    Expr result = arrayCalls.lower(name, args, out, ctx.pos(tree));
    return result == null ? Exprs.NOTHING : result;
  }

  // ---- arrays -------------------------------------------------------------------------------

  private Expr newArray(TreePath path, NewArrayTree tree, Block.Builder out, Type expected) {
    Type type = tree.getType() == null
        ? expected
        : TypeTrees.arrayOf(tree.getType(), Math.max(1, tree.getDimensions().size()));
    if (type == null || !type.isArray()) {
      return ctx.error(tree, Type.DOUBLE_ARRAY, Message.UNSUPPORTED_CONSTRUCT, "this array creation",
          "create double[], double[][] or int[] arrays");
    }
    if (tree.getInitializers() != null) {
      List<Expr> elements = new ArrayList<>();
      for (ExpressionTree e : tree.getInitializers()) {
        Expr element = operand(child(path, e), out, type.element());
        elements.add(widen(element, type.element()));
      }
      return new Expr.ArrayInit(type, elements);
    }
    List<Expr> dims = new ArrayList<>();
    for (ExpressionTree d : tree.getDimensions()) {
      Expr dim = operand(child(path, d), out);
      if (!dim.type().equals(Type.INT)) {
        return ctx.error(d, type, Message.UNSUPPORTED_CONSTRUCT, "an array size of type " + dim.type(), "use an int size");
      }
      dims.add(dim);
    }
    return new Expr.NewArray(type, dims);
  }

  private Expr operand(TreePath path, Block.Builder out, Type expected) {
    return atomize(notRecord(path, value(path, out, expected)), out, ctx.pos(path.getLeaf()));
  }

  static String describe(Tree.Kind kind) {
    return kind.toString().toLowerCase().replace('_', ' ');
  }
}
