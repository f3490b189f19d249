package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Var;
import java.util.function.Function;

/**
 * An IR expression as the Java text the generated code would have, for people to read outside it
 * (the graph pictures): the same printer, with {@code java.lang.} left off.
 */
public final class ExpressionText {
  private ExpressionText() {}

  /** {@code e} as Java, each variable printed as {@code names} says. */
  public static String of(Expr e, Function<Var, String> names) {
    return new ExpressionWriter(names).write(e).toString().replace("java.lang.", "");
  }
}
