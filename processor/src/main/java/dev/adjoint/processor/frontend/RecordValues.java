package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * Record values that can carry derivatives, held as their components. While lowering, such a value
 * is an {@link Expr.NewRecord} of the record's (constant) type whose components are atoms, or such
 * records for nested records: a parameter {@code p} is its leaf variables ({@code pW}, {@code pB}),
 * {@code p.w()} is one of them, {@code new R(a, b)} is its lowered arguments. These never reach the
 * IR as values: they are taken apart by accessors, declarations, assignments and calls of helpers of
 * this build, and everything else that would need the record as one object is refused where it is.
 */
final class RecordValues {
  private final LoweringContext ctx;
  private final ExpressionLowering expressions;

  RecordValues(LoweringContext ctx, ExpressionLowering expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
  }

  /** Whether a lowered expression is a record held as its components. */
  static boolean isComponents(Expr e) {
    return e instanceof Expr.NewRecord r && r.type().kind() == Type.Kind.CONSTANT;
  }

  /** The record held in fresh variables named after {@code base}, one per leaf, in declaration order. */
  static Expr.NewRecord variables(RecordShapes.Shape shape, String base, Var.Role role) {
    return variables(shape, base, role, List.of());
  }

  private static Expr.NewRecord variables(RecordShapes.Shape shape, String base, Var.Role role, List<String> prefix) {
    List<Expr> components = new ArrayList<>();
    for (RecordShapes.Component c : shape.components()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(c.name());
      if (c.nested() != null) {
        components.add(variables(c.nested(), base, role, path));
      } else {
        components.add(new Var(new RecordShapes.Leaf(path, c.type()).variableName(base), c.type(), role));
      }
    }
    return new Expr.NewRecord(shape.type(), components);
  }

  /** The leaves of a record held as its components, depth first. */
  static List<Expr> leaves(Expr.NewRecord r) {
    List<Expr> out = new ArrayList<>();
    for (Expr c : r.components()) {
      if (isComponents(c)) {
        out.addAll(leaves((Expr.NewRecord) c));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** Makes {@code name} stand for the record held in {@code value}'s variables. */
  void bind(String name, Expr.NewRecord value) {
    Var marker = new Var(name, value.type(), Var.Role.LOCAL);
    ctx.scope.declare(name, marker);
    ctx.records.put(marker, value);
  }

  /**
   * A value of the record's type as its components: one already, or an object (a static field, a
   * constant call's result) read through its accessors into temporaries. Null after an error.
   */
  Expr.NewRecord components(Expr value, RecordShapes.Shape shape, Tree at, Block.Builder out) {
    if (isComponents(value)) {
      return (Expr.NewRecord) value;
    }
    if (!value.type().isReference() || value.type().isArray() || value.type().equals(Type.NULL)) {
      ctx.error(at, shape.type(), Message.BAD_ARGUMENT_TYPE, "this record value", value.type(), "a value of",
          shape.type());
      return null;
    }
    SourcePos pos = ctx.pos(at);
    Expr object = value instanceof Expr.Atom ? value : ctx.temp("Record", value, out, pos);
    List<Expr> components = new ArrayList<>();
    for (RecordShapes.Component c : shape.components()) {
      // The accessor runs once, where the source reads the record, like any call on a constant object.
      Expr read = ctx.temp(dev.adjoint.processor.ir.GeneratedNames.capitalized(c.name()),
          new Expr.InvokeInstance(object, c.name(), List.of(), c.type(), pos), out, pos);
      components.add(c.nested() != null ? components(read, c.nested(), at, out) : read);
    }
    return new Expr.NewRecord(shape.type(), components);
  }

  /**
   * {@code r.name()} on a record held as its components: the component, when {@code name} is the
   * implicit accessor. A method the record declares itself (an accessor with a body of its own
   * too) would need the record as an object, and its result could depend on the components: refused.
   */
  Expr call(Tree tree, Expr.NewRecord record, ExecutableElement method) {
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    if (method.getParameters().isEmpty() && isImplicitAccessor(owner, method)) {
      List<? extends RecordComponentElement> components = owner.getRecordComponents();
      for (int i = 0; i < components.size(); i++) {
        if (components.get(i).getSimpleName().contentEquals(method.getSimpleName())) {
          return record.components().get(i);
        }
      }
    }
    String name = method.getSimpleName().toString();
    String type = owner.getSimpleName().toString();
    return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT,
        "calling " + name + "() on the record " + type + ", whose components can carry derivatives",
        "Adjoint reads a record's components through its implicit accessors; write " + name
            + " as a static method taking the " + type + " (static double " + name + "(" + type + " r)), which"
            + " Adjoint differentiates through");
  }

  private boolean isImplicitAccessor(TypeElement owner, ExecutableElement method) {
    for (RecordComponentElement rc : owner.getRecordComponents()) {
      if (method.equals(rc.getAccessor())) {
        // An accessor the source declares has a tree of its own; the implicit one has none. (A record
        // from a jar cannot tell: its accessors are taken to return the components, as the
        // generated code, which reads a record parameter's leaves through them, also assumes.)
        return ctx.trees.getPath(method) == null;
      }
    }
    return false;
  }

  /**
   * {@code new R(a, b)} of a record that can carry derivatives: its lowered arguments. Only the
   * canonical constructor that javac writes does nothing else; one the source declares (a compact
   * constructor that checks or normalises its arguments) is refused, as is any other constructor.
   */
  Expr newRecord(TreePath path, NewClassTree tree, RecordShapes.Shape shape, Block.Builder out) {
    Element ctor = ctx.trees.getElement(path);
    String record = shape.element().getSimpleName().toString();
    if (!(ctor instanceof ExecutableElement c) || !isCanonical(shape.element(), c) || tree.getClassBody() != null) {
      return ctx.error(tree, shape.type(), Message.UNSUPPORTED_CONSTRUCT,
          "this constructor of the record " + record,
          "build a record that carries derivatives with its canonical constructor, new " + record + "(one argument"
              + " per component)");
    }
    if (!ctx.signatures.isMandated(c)) {
      return ctx.error(tree, shape.type(), Message.UNSUPPORTED_CONSTRUCT,
          "new " + record + "(...), whose constructor is declared in the source",
          "Adjoint builds a record that carries derivatives from its components without running a constructor of"
              + " your own (it may check or change them); compute the components into locals and read those, or"
              + " remove the constructor");
    }
    List<Expr> components = new ArrayList<>();
    List<? extends ExpressionTree> args = tree.getArguments();
    for (int i = 0; i < args.size(); i++) {
      RecordShapes.Component component = shape.components().get(i);
      TreePath argPath = expressions.child(path, args.get(i));
      if (component.nested() != null) {
        Expr.NewRecord inner = components(expressions.value(argPath, out), component.nested(), args.get(i), out);
        if (inner == null) {
          return LoweringContext.placeholder(shape.type());
        }
        components.add(inner);
        continue;
      }
      Expr arg = ExpressionLowering.widen(expressions.operand(argPath, out), component.type());
      if (!Assignability.allows(arg.type(), component.type())) {
        return ctx.error(args.get(i), shape.type(), Message.BAD_ARGUMENT_TYPE, "new " + record, arg.type(),
            component.name(), component.type());
      }
      components.add(arg);
    }
    return new Expr.NewRecord(shape.type(), components);
  }

  private static boolean isCanonical(TypeElement record, ExecutableElement ctor) {
    return ctor.getKind() == ElementKind.CONSTRUCTOR
        && ctor.getParameters().size() == record.getRecordComponents().size()
        && java.util.stream.IntStream.range(0, ctor.getParameters().size()).allMatch(i ->
            ctor.getParameters().get(i).asType().toString()
                .equals(record.getRecordComponents().get(i).asType().toString()));
  }

  /**
   * {@code target = value} for a local record: each leaf is assigned. When the new value reads the
   * target's own leaves ({@code q = new Q(q.b(), q.a())}), they are read into temporaries first.
   */
  void assign(Expr.NewRecord target, Expr.NewRecord value, Block.Builder out, SourcePos pos) {
    List<Expr> targets = leaves(target);
    List<Expr> values = leaves(value);
    boolean readsTarget = values.stream().anyMatch(targets::contains);
    List<Expr> sources = new ArrayList<>();
    for (Expr v : values) {
      sources.add(readsTarget && !(v instanceof Expr.Const) ? ctx.temp("Old", v, out, pos) : v);
    }
    for (int i = 0; i < targets.size(); i++) {
      out.add(new Stmt.Assign((Var) targets.get(i), sources.get(i), pos));
    }
  }

  /** Declares a local record's leaf variables, set from {@code value} (null: declared without a value). */
  Expr.NewRecord declare(String name, RecordShapes.Shape shape, Expr.NewRecord value, Block.Builder out,
      SourcePos pos) {
    Expr.NewRecord local = variables(shape, name, Var.Role.LOCAL);
    List<Expr> targets = leaves(local);
    List<Expr> values = value == null ? null : leaves(value);
    for (int i = 0; i < targets.size(); i++) {
      out.add(new Stmt.Declare((Var) targets.get(i), values == null ? null : values.get(i), pos));
    }
    bind(name, local);
    return local;
  }
}
