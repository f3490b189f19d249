package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Writes one IR function as a static method. */
final class MethodWriter {
  static final ClassName TAPE = ClassName.get("dev.adjoint.spi", "Tape");
  static final ClassName NO_DERIVATIVE = ClassName.get("dev.adjoint", "NoDerivative");

  private MethodWriter() {}

  /** {@code visibility}: PUBLIC for entry points, PRIVATE for the companion's own helpers. */
  static MethodSpec write(Function f, Modifier visibility, CodeBlock javadoc) {
    JavaNames names = new JavaNames();
    // The tape is the caller's when it is a parameter (the parts of a split adjoint), else this method's own.
    boolean tapeParameter = f.parameters().stream().anyMatch(p -> p.var() == Var.TAPE);
    boolean tape = StatementWriter.usesTape(f.body()) || tapeParameter;
    if (tape) {
      names.reserve("tape");
      names.bind(Var.TAPE, "tape");
    }
    MethodSpec.Builder m = MethodSpec.methodBuilder(f.name())
        .addModifiers(visibility, Modifier.STATIC)
        .returns(TypeNames.of(f.returnType()))
        .addJavadoc(javadoc);
    for (Function.Parameter p : f.parameters()) {
      ParameterSpec.Builder spec = ParameterSpec.builder(TypeNames.of(p.var().type()), names.of(p.var()));
      if (p.isConstant() && visibility == Modifier.PUBLIC) {
        // Marks parameters held constant, so callers compiled later can read the flags from the class file.
        spec.addAnnotation(NO_DERIVATIVE);
      }
      m.addParameter(spec.build());
    }
    ExpressionWriter expressions = new ExpressionWriter(names);
    StatementWriter statements = new StatementWriter(names, expressions);
    CodeBlock.Builder body = CodeBlock.builder();
    if (tape && !tapeParameter) {
      body.addStatement("$T tape = $T.open()", TAPE, TAPE);
      List<Stmt> all = f.body().statements();
      Stmt last = all.get(all.size() - 1);
      statements.block(new dev.adjoint.processor.ir.Block(all.subList(0, all.size() - 1)), body);
      body.addStatement("tape.close()");
      statements.block(new dev.adjoint.processor.ir.Block(List.of(last)), body);
    } else {
      statements.block(f.body(), body);
    }
    m.addCode(body.build());
    return m.build();
  }
}
