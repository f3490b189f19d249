package dev.adjoint.processor.frontend;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The first stage: checks a {@code @Differentiable} method's signature and lowers its body to IR.
 * Every unsupported construct is reported at its position; lowering goes on after an error so that
 * one compilation lists them all.
 */
public final class Frontend {
  private final Trees trees;
  private final Signatures signatures;
  private final Reporter reporter;

  public Frontend(Trees trees, Signatures signatures, Reporter reporter) {
    this.trees = trees;
    this.signatures = signatures;
    this.reporter = reporter;
  }

  /** A {@code @Differentiable} method as IR, or {@code null} when it has errors (they have been reported). */
  public Function lower(TypeElement owner, ExecutableElement method) {
    return lower(owner, method, true);
  }

  /**
   * A method called from a differentiated method, as IR: it may be private, need not be annotated,
   * and may return any type the IR has, since no public derivatives are generated for it.
   */
  public Function lowerCallee(TypeElement owner, ExecutableElement method) {
    return lower(owner, method, false);
  }

  private Function lower(TypeElement owner, ExecutableElement method, boolean entryPoint) {
    int errorsBefore = reporter.errorCount();
    TreePath methodPath = trees.getPath(method);
    if (methodPath == null) {
      reporter.error(elementPos(method), Message.ABSTRACT_METHOD, method.getSimpleName());
      return null;
    }
    CompilationUnitTree unit = methodPath.getCompilationUnit();
    Positions positions = new Positions(trees, unit);
    MethodTree tree = (MethodTree) methodPath.getLeaf();
    SourcePos methodPos = positions.of(tree);
    String name = method.getSimpleName().toString();

    if (tree.getBody() == null) {
      reporter.error(methodPos, Message.ABSTRACT_METHOD, name);
      return null;
    }
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(methodPos, Message.NOT_STATIC, name);
    }
    if (entryPoint && method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(methodPos, Message.PRIVATE_METHOD, name, simpleName(signatures.companionOf(owner)));
    }
    if (!method.getTypeParameters().isEmpty()) {
      reporter.error(methodPos, Message.GENERIC_METHOD, name);
    }
    if (method.isVarArgs()) {
      reporter.error(methodPos, Message.VARARGS_METHOD, name);
    }
    Type returnType = returnType(method, tree, positions, entryPoint);
    java.util.Map<String, dev.adjoint.processor.ir.Expr.NewRecord> records = new java.util.LinkedHashMap<>();
    List<Function.Parameter> parameters = parameters(method, tree, positions, records);
    if (entryPoint) {
      checkGeneratedNames(method, methodPos);
      checkWrt(method, tree, positions);
    }

    LoweringContext ctx = new LoweringContext(trees, signatures, positions, reporter, owner, method);
    ExpressionLowering expressions = new ExpressionLowering(ctx);
    List<Var> leaves = new ArrayList<>();
    records.values().forEach(r -> RecordValues.leaves(r).forEach(l -> leaves.add((Var) l)));
    for (Function.Parameter p : parameters) {
      if (!leaves.contains(p.var())) {
        ctx.scope.declare(p.var().name(), p.var());
      }
    }
    // A record parameter is known by its name only: its leaf variables have no names in the source.
    records.forEach(expressions.records()::bind);
    StatementLowering statements = new StatementLowering(ctx, expressions, returnType);
    Block body = statements.block(new TreePath(methodPath, tree.getBody()), tree.getBody());
    if (reporter.errorCount() > errorsBefore) {
      return null;
    }
    return new Function(name, parameters, returnType, body, methodPos);
  }

  /**
   * An entry point returns double, double[] or nothing (its derivatives are gradients or pullbacks); a
   * callee may return any type the IR has, or nothing (a method that writes its results into arrays
   * it is given). After an error, double, so lowering can go on.
   */
  private Type returnType(ExecutableElement method, MethodTree tree, Positions positions, boolean entryPoint) {
    Type returnType = method.getReturnType().getKind() == javax.lang.model.type.TypeKind.VOID
        ? Type.VOID : JavaTypes.toIr(method.getReturnType());
    // An entry point returning void writes its result into an array parameter (OutputArray finds which).
    boolean allowed = returnType != null && (!entryPoint || returnType.equals(Type.DOUBLE)
        || returnType.equals(Type.DOUBLE_ARRAY) || returnType.equals(Type.VOID));
    if (allowed) {
      return returnType;
    }
    if (method.getReturnType().getKind() != javax.lang.model.type.TypeKind.ERROR) {
      reporter.error(positions.of(tree.getReturnType()), Message.BAD_RETURN_TYPE, method.getSimpleName(),
          method.getReturnType());
    }
    return Type.DOUBLE;
  }

  /**
   * The parameters as the IR has them. A record that can carry derivatives becomes one parameter per
   * leaf component (put in {@code records} under the record parameter's name); its leaves are
   * differentiable where they can carry derivatives.
   */
  private List<Function.Parameter> parameters(ExecutableElement method, MethodTree tree, Positions positions,
      java.util.Map<String, dev.adjoint.processor.ir.Expr.NewRecord> records) {
    List<Boolean> flags = signatures.differentiableFromSource(method);
    List<Function.Parameter> result = new ArrayList<>();
    for (int i = 0; i < method.getParameters().size(); i++) {
      VariableElement p = method.getParameters().get(i);
      VariableTree pt = tree.getParameters().get(i);
      Type t = JavaTypes.toIr(p.asType());
      String pname = p.getSimpleName().toString();
      RecordShapes.Shape shape = signatures.records().flattened(p.asType());
      if (shape != null) {
        dev.adjoint.processor.ir.Expr.NewRecord value = RecordValues.variables(shape, pname, Var.Role.PARAMETER);
        records.put(pname, value);
        for (dev.adjoint.processor.ir.Expr leaf : RecordValues.leaves(value)) {
          Var v = (Var) leaf;
          result.add(new Function.Parameter(v, flags.get(i) && v.type().isDifferentiable()));
        }
        continue;
      }
      if (t == null) {
        // Every type of a value is allowed (those without derivatives as constants); a type javac
        // could not resolve is javac's error to report, not ours.
        if (p.asType().getKind() != javax.lang.model.type.TypeKind.ERROR) {
          reporter.error(positions.of(pt), Message.UNSUPPORTED_TYPE, "parameter " + pname, p.asType());
        }
        t = Type.DOUBLE;
      } else if (!t.isDifferentiable() && Annotations.has(p, Annotations.NO_DERIVATIVE)) {
        reporter.error(positions.of(pt), Message.NO_DERIVATIVE_ON_CONSTANT, pname, t, t);
      }
      result.add(new Function.Parameter(new Var(pname, t, Var.Role.PARAMETER), flags.get(i)));
    }
    return result;
  }

  /** The records the contract fixes name their first component {@code value}: a parameter cannot take it. */
  private void checkGeneratedNames(ExecutableElement method, SourcePos at) {
    List<Boolean> flags = signatures.differentiableFromSource(method);
    for (int i = 0; i < flags.size(); i++) {
      if (flags.get(i) && method.getParameters().get(i).getSimpleName().contentEquals("value")) {
        reporter.error(at, Message.RESERVED_PARAMETER_NAME, "value");
      }
    }
  }

  private void checkWrt(ExecutableElement method, MethodTree tree, Positions positions) {
    AnnotationMirror ann = Annotations.find(method, Annotations.DIFFERENTIABLE);
    if (ann == null) {
      return;
    }
    SourcePos at = positions.of(annotationTree(tree));
    String all = method.getParameters().stream().map(p -> p.getSimpleName().toString())
        .collect(Collectors.joining(", "));
    for (String w : Annotations.wrt(ann)) {
      VariableElement match = null;
      for (VariableElement p : method.getParameters()) {
        if (p.getSimpleName().contentEquals(w)) {
          match = p;
        }
      }
      if (match == null) {
        reporter.error(at, Message.WRT_UNKNOWN, w, method.getSimpleName(), all.isEmpty() ? "(none)" : all);
        continue;
      }
      Type t = JavaTypes.toIr(match.asType());
      boolean record = signatures.records().flattened(match.asType()) != null;
      if (!record && (t == null || !t.isDifferentiable())) {
        reporter.error(at, Message.WRT_NOT_DIFFERENTIABLE, w, match.asType());
      } else if (Annotations.has(match, Annotations.NO_DERIVATIVE)) {
        reporter.error(at, Message.WRT_NO_DERIVATIVE, w);
      }
    }
  }

  private static Tree annotationTree(MethodTree tree) {
    for (AnnotationTree a : tree.getModifiers().getAnnotations()) {
      String n = a.getAnnotationType().toString();
      if (n.equals("Differentiable") || n.endsWith(".Differentiable")) {
        return a;
      }
    }
    return tree;
  }

  private SourcePos elementPos(ExecutableElement method) {
    return new SourcePos(0, 0, "", new Anchor(null, null, method));
  }

  private static String simpleName(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
