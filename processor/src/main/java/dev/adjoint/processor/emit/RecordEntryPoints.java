package dev.adjoint.processor.emit;

import dev.adjoint.processor.frontend.RecordShapes;
import dev.adjoint.processor.frontend.Signatures;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The public derivatives of a method with record parameters take and return the records whole,
 * as the contract says, while the IR (and every transform) sees one variable per leaf component.
 * This puts the records back at the edges of the generated methods: a record parameter {@code p}
 * (and its tangent {@code pDot}) replaces its leaves, which the method first reads from it
 * ({@code double pW = p.w();}), and the gradient record's component for {@code p} is a new record
 * built with the canonical constructor from the leaves' adjoints ({@code pWBar}) and, for leaves
 * that carry no derivative, the argument's own values.
 */
public final class RecordEntryPoints {
  /**
   * One parameter of the Java method: {@code flat} are its IR parameters (one, or a record's leaves
   * in order); {@code whole} is the Java parameter as the public methods take it.
   */
  private record Group(Function.Parameter whole, RecordShapes.Shape shape, List<Function.Parameter> flat) {}

  private final List<Group> groups;

  private RecordEntryPoints(List<Group> groups) {
    this.groups = groups;
  }

  /** How {@code lowered}, the IR of {@code method}, flattens its Java parameters. */
  public static RecordEntryPoints of(ExecutableElement method, Function lowered, Signatures signatures) {
    List<Boolean> flags = signatures.differentiableFromSource(method);
    Iterator<Function.Parameter> flat = lowered.parameters().iterator();
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      RecordShapes.Shape shape = signatures.records().flattened(p.asType());
      if (shape == null) {
        Function.Parameter only = flat.next();
        groups.add(new Group(only, null, List.of(only)));
        continue;
      }
      List<Function.Parameter> leaves = new ArrayList<>();
      for (int k = 0; k < shape.leaves().size(); k++) {
        leaves.add(flat.next());
      }
      Var whole = new Var(p.getSimpleName().toString(), shape.type(), Var.Role.PARAMETER);
      groups.add(new Group(new Function.Parameter(whole, flags.get(i)), shape, leaves));
    }
    return new RecordEntryPoints(groups);
  }

  /** Whether some parameter is a flattened record (otherwise every method stays as it is). */
  public boolean hasRecords() {
    return groups.stream().anyMatch(g -> g.shape() != null);
  }

  /** The method's signature as Java has it, for the records and the registry: records whole. */
  public Function source(Function lowered) {
    List<Function.Parameter> params = groups.stream().map(Group::whole).toList();
    return new Function(lowered.name(), params, lowered.returnType(), lowered.body(), lowered.pos());
  }

  /** The tangent method with {@code p, pDot} records in place of each record's leaves and their tangents. */
  public Function tangent(Function tangent) {
    Iterator<Function.Parameter> in = tangent.parameters().iterator();
    List<Function.Parameter> params = new ArrayList<>();
    Block.Builder prologue = new Block.Builder();
    for (Group g : groups) {
      if (g.shape() == null) {
        Function.Parameter p = in.next();
        params.add(p);
        if (p.differentiable()) {
          params.add(in.next());
        }
        continue;
      }
      Var whole = g.whole().var();
      Var wholeDot = new Var(whole.name() + "Dot", whole.type(), Var.Role.PARAMETER);
      params.add(g.whole());
      if (g.whole().differentiable()) {
        params.add(new Function.Parameter(wholeDot, false, true));
      }
      List<RecordShapes.Leaf> leaves = g.shape().leaves();
      for (RecordShapes.Leaf leaf : leaves) {
        Function.Parameter p = in.next();
        prologue.add(new Stmt.Declare(p.var(), read(whole, leaf), tangent.pos()));
        if (p.differentiable()) {
          prologue.add(new Stmt.Declare(in.next().var(), read(wholeDot, leaf), tangent.pos()));
        }
      }
    }
    in.forEachRemaining(params::add);
    Block body = prologue.addAll(tangent.body()).build();
    return new Function(tangent.name(), params, tangent.returnType(), body, tangent.pos());
  }

  /**
   * The gradient or pullback method with each record's leaves read from the record, and each
   * {@code recordType} it returns holding a record per record parameter.
   */
  public Function reverse(Function reverse, Type recordType) {
    Iterator<Function.Parameter> in = reverse.parameters().iterator();
    List<Function.Parameter> params = new ArrayList<>();
    Block.Builder prologue = new Block.Builder();
    for (Group g : groups) {
      if (g.shape() == null) {
        params.add(in.next());
        continue;
      }
      params.add(g.whole());
      for (RecordShapes.Leaf leaf : g.shape().leaves()) {
        prologue.add(new Stmt.Declare(in.next().var(), read(g.whole().var(), leaf), reverse.pos()));
      }
    }
    in.forEachRemaining(params::add); // resultBar
    Block body = prologue.addAll(regroupResults(reverse.body(), recordType, 1)).build();
    return new Function(reverse.name(), params, reverse.returnType(), body, reverse.pos());
  }

  /**
   * The Hessian-vector method with {@code p, pDot} records in place of each record's leaves and their
   * directions (as {@link #tangent}), and a record per record parameter in both the gradient's part of
   * its result and the Hessian-vector part.
   */
  public Function hessianVector(Function hessianVector, Type recordType) {
    Function whole = tangent(hessianVector);
    return new Function(whole.name(), whole.parameters(), whole.returnType(),
        regroupResults(whole.body(), recordType, 2), whole.pos());
  }

  /**
   * The reverse method's one return (the last statement: its body is flattened) with its record
   * regrouped; {@code parts} lists of leaves' derivatives follow the value (the gradient, then for a
   * Hessian-vector method its product).
   */
  private Block regroupResults(Block body, Type recordType, int parts) {
    List<Stmt> statements = new ArrayList<>(body.statements());
    int last = statements.size() - 1;
    if (last < 0 || !(statements.get(last) instanceof Stmt.Return ret)
        || !(ret.value() instanceof Expr.NewRecord r) || !r.type().equals(recordType)) {
      throw new IllegalStateException("the reverse method of a method with record parameters does not end by"
          + " returning its record");
    }
    statements.set(last, new Stmt.Return(regroup(r, parts), ret.pos()));
    return new Block(statements);
  }

  /** {@code (value, pWBar, pBBar, xBar)} to {@code (value, new P(pWBar, pBBar), xBar)}, {@code parts} times over. */
  private Expr.NewRecord regroup(Expr.NewRecord result, int parts) {
    Iterator<Expr> bars = result.components().iterator();
    List<Expr> components = new ArrayList<>();
    components.add(bars.next()); // the value
    for (int part = 0; part < parts; part++) {
      regroupPart(bars, components);
    }
    if (bars.hasNext()) {
      throw new IllegalStateException("the record of a method with record parameters has components left over");
    }
    return new Expr.NewRecord(result.type(), components);
  }

  private void regroupPart(Iterator<Expr> bars, List<Expr> components) {
    for (Group g : groups) {
      if (g.shape() == null) {
        if (g.whole().differentiable()) {
          components.add(bars.next());
        }
        continue;
      }
      if (!g.whole().differentiable()) {
        continue;
      }
      Iterator<Function.Parameter> leaves = g.flat().iterator();
      components.add(build(g.shape(), g.whole().var(), List.of(), leaves, bars));
    }
  }

  /** A new record of {@code shape}: each differentiable leaf's adjoint, each other leaf the argument's value. */
  private static Expr build(RecordShapes.Shape shape, Var whole, List<String> prefix,
      Iterator<Function.Parameter> leaves, Iterator<Expr> bars) {
    List<Expr> components = new ArrayList<>();
    for (RecordShapes.Component c : shape.components()) {
      List<String> path = new ArrayList<>(prefix);
      path.add(c.name());
      if (c.nested() != null) {
        components.add(build(c.nested(), whole, path, leaves, bars));
      } else {
        Function.Parameter leaf = leaves.next();
        components.add(leaf.differentiable() ? bars.next() : read(whole, new RecordShapes.Leaf(path, c.type())));
      }
    }
    return new Expr.NewRecord(shape.type(), components);
  }

  /** {@code p.inner().w()}. */
  private static Expr read(Var whole, RecordShapes.Leaf leaf) {
    Expr e = whole;
    List<String> path = leaf.path();
    for (int i = 0; i < path.size(); i++) {
      Type t = i == path.size() - 1 ? leaf.type() : Type.constant(com.palantir.javapoet.ClassName.OBJECT);
      e = new Expr.RecordGet(e, path.get(i), t);
    }
    return e;
  }
}
