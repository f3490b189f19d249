package dev.adjoint.processor.emit;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The pullbacks entry point of a method returning {@code double[]}: {@code fPullbacks(<f's
 * parameters>, double[][] resultBars)} and its record {@code FPullbacks(double[] value, <per
 * differentiable parameter one entry per row>)}, and the registry's hook that calls it. Where the
 * reverse sweep can run again, the method runs the forward sweep once for all rows; otherwise it
 * makes one pullback per row, and says why in a comment.
 */
final class PullbacksWriter {
  private static final TypeName OBJECTS = ArrayTypeName.of(ClassName.OBJECT);
  private static final TypeName MATRIX = ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));

  private final DerivativeSet set;
  private final ClassName owner;
  private final ClassName companion;

  PullbacksWriter(DerivativeSet set, ClassName owner, ClassName companion) {
    this.set = set;
    this.owner = owner;
    this.companion = companion;
  }

  String methodName() {
    return set.names().pullbackMethod() + "s";
  }

  private String recordName() {
    return set.reverseRecord() + "s";
  }

  MethodSpec method(CodeBlock what) {
    CodeBlock javadoc = CodeBlock.builder()
        .add("Several pullbacks of $L: the value, and for each row of {@code resultBars}\n"
            + "that row times the Jacobian with respect to each differentiable parameter (entry {@code r} of a\n"
            + "component is row {@code r}'s). Rows of the identity give the Jacobian's rows.\n", what)
        .add(set.pullbacks() == null ? CodeBlock.of("\n<p>One pullback per row, because $L.\n", set.pullbacksNote())
            : set.pullbacksNote() == null
            ? CodeBlock.of("\n<p>The forward sweep runs once; the reverse sweep runs once per row.\n")
            : CodeBlock.of("\n<p>The forward sweep runs once; $L.\n", set.pullbacksNote()))
        .build();
    if (set.pullbacks() != null) {
      return MethodWriter.write(set.pullbacks(), Modifier.PUBLIC, javadoc);
    }
    return onePullbackPerRow(javadoc);
  }

  /** The method when the reverse sweep cannot run again: a loop of pullbacks. */
  private MethodSpec onePullbackPerRow(CodeBlock javadoc) {
    Function f = set.source();
    JavaNames names = new JavaNames();
    MethodSpec.Builder m = MethodSpec.methodBuilder(methodName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(companion.nestedClass(recordName()))
        .addJavadoc(javadoc);
    List<CodeBlock> args = new ArrayList<>();
    for (Function.Parameter p : f.parameters()) {
      ParameterSpec.Builder spec = ParameterSpec.builder(TypeNames.of(p.var().type()), names.of(p.var()));
      if (p.isConstant()) {
        spec.addAnnotation(MethodWriter.NO_DERIVATIVE);
      }
      m.addParameter(spec.build());
      args.add(CodeBlock.of("$L", names.of(p.var())));
    }
    String resultBars = names.of(new Var("resultBars", Type.DOUBLE_MATRIX, Var.Role.PARAMETER));
    m.addParameter(MATRIX, resultBars);
    String value = names.of(local("value"));
    String row = names.of(local("row"));
    String last = names.of(local("last"));
    String pullback = names.of(local("pullback"));
    List<CodeBlock> components = new ArrayList<>();
    components.add(CodeBlock.of("$L", value));
    CodeBlock.Builder body = CodeBlock.builder();
    // f may update its arrays in place: every row but the last starts from copies of them as on entry.
    body.add("// every row is at the arguments as they are on entry: all rows but the last get copies of the arrays\n");
    List<CodeBlock> rowArgs = new ArrayList<>();
    for (Function.Parameter p : f.parameters()) {
      String name = names.of(p.var());
      CodeBlock copy = copyOf(p.var().type(), name);
      if (copy == null) {
        rowArgs.add(CodeBlock.of("$L", name));
        continue;
      }
      String onEntry = names.of(local(p.var().name() + "OnEntry"));
      body.addStatement("$T $L = $L", TypeNames.of(p.var().type()), onEntry, copy);
      rowArgs.add(CodeBlock.of("$L ? $L : $L", last, name, copyOf(p.var().type(), onEntry)));
    }
    CodeBlock.Builder store = CodeBlock.builder();
    for (int i = 0; i < f.parameters().size(); i++) {
      Function.Parameter p = f.parameters().get(i);
      if (!p.differentiable()) {
        continue;
      }
      String component = set.names().componentNames().get(i);
      String rows = names.of(local(component + "Bars"));
      body.addStatement("$T $L = new double[$L.length]$L", ArrayTypeName.of(TypeNames.of(p.var().type())), rows,
          resultBars, "[]".repeat(p.var().type().rank()));
      store.addStatement("$L[$L] = $L.$L()", rows, row, pullback, component);
      components.add(CodeBlock.of("$L", rows));
    }
    CodeBlock call = CodeBlock.join(args, ", ");
    body.addStatement("double[] $L = null", value)
        .beginControlFlow("for (int $L = 0; $L < $L.length; $L++)", row, row, resultBars, row)
        .addStatement("boolean $L = $L == $L.length - 1", last, row, resultBars)
        .addStatement("$T $L = $L($L, $L[$L])", companion.nestedClass(set.reverseRecord()), pullback,
            set.names().pullbackMethod(), CodeBlock.join(rowArgs, ", "), resultBars, row)
        .addStatement("$L = $L.value()", value, pullback)
        .add(store.build())
        .endControlFlow()
        .beginControlFlow("if ($L == null)", value)
        .addStatement("$L = $T.$L($L)", value, owner, f.name(), call)
        .endControlFlow()
        .addStatement("return new $T($L)", companion.nestedClass(recordName()), CodeBlock.join(components, ", "));
    return m.addCode(body.build()).build();
  }

  /** A copy of an array argument f could write into, or null for a value that needs none. */
  private static CodeBlock copyOf(Type t, String name) {
    if (t.equals(Type.DOUBLE_MATRIX)) {
      return CodeBlock.of("$T.copyOf($L)", ClassName.get("dev.adjoint.spi", "Shapes"), name);
    }
    if (t.equals(Type.DOUBLE_ARRAY) || t.equals(Type.INT_ARRAY)) {
      return CodeBlock.of("$L.clone()", name);
    }
    return null;
  }

  private static Var local(String name) {
    return new Var(name, Type.DOUBLE, Var.Role.TEMPORARY);
  }

  TypeSpec record(CodeBlock what) {
    MethodSpec.Builder ctor = MethodSpec.constructorBuilder().addParameter(TypeNames.of(Type.DOUBLE_ARRAY), "value");
    List<Function.Parameter> params = set.source().parameters();
    for (int i = 0; i < params.size(); i++) {
      Function.Parameter p = params.get(i);
      if (p.differentiable()) {
        ctor.addParameter(ArrayTypeName.of(TypeNames.of(p.var().type())), set.names().componentNames().get(i));
      }
    }
    return TypeSpec.recordBuilder(recordName())
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("Value of $L, and for each row of the result bars its pullback to each differentiable\n"
            + "parameter: entry {@code r} of a component belongs to row {@code r}.\n", what)
        .recordConstructor(ctor.build())
        .build();
  }

  /** The registry's hook: the pullbacks method, its components regrouped by row. */
  MethodSpec hook(List<CodeBlock> args, List<com.palantir.javapoet.AnnotationSpec> annotations) {
    Function f = set.source();
    List<CodeBlock> entries = new ArrayList<>();
    for (int i = 0; i < f.parameters().size(); i++) {
      Function.Parameter p = f.parameters().get(i);
      entries.add(p.differentiable() ? CodeBlock.of("d.$L()[row]", set.names().componentNames().get(i))
          : CodeBlock.of("null"));
    }
    return MethodSpec.methodBuilder("pullbacksChecked")
        .addAnnotation(Override.class)
        .addAnnotations(annotations)
        .addModifiers(Modifier.PROTECTED)
        .returns(ArrayTypeName.of(OBJECTS))
        .addParameter(OBJECTS, "args")
        .addParameter(MATRIX, "resultBars")
        .addStatement("$T d = $L($L, resultBars)", companion.nestedClass(recordName()), methodName(),
            CodeBlock.join(args, ", "))
        .addStatement("$T[][] rows = new $T[resultBars.length][]", Object.class, Object.class)
        .beginControlFlow("for (int row = 0; row < rows.length; row++)")
        .addStatement("rows[row] = new Object[] {$L}", CodeBlock.join(entries, ", "))
        .endControlFlow()
        .addStatement("return rows")
        .build();
  }
}
