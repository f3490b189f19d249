package dev.adjoint.processor.ir;

/**
 * A variable: a parameter, a local of the source, or a temporary introduced by lowering or by a
 * transform. Identity matters: two variables with the same name are different variables (the
 * emitter gives them distinct Java names).
 */
public final class Var implements Expr.Atom {
  public enum Role {
    PARAMETER, LOCAL, TEMPORARY
  }

  /**
   * The caller's tape, handed to the two parts of a split adjoint: the forward part pushes what the
   * reverse part pops. Generated code spells it {@code tape}.
   */
  public static final Var TAPE = new Var("tape",
      Type.constant(com.palantir.javapoet.ClassName.get("dev.adjoint.spi", "Tape")), Role.PARAMETER);

  private final String name;
  private final Type type;
  private final Role role;

  public Var(String name, Type type, Role role) {
    this.name = name;
    this.type = type;
    this.role = role;
  }

  /** The name wished for; the emitter may add a suffix to keep names unique. */
  public String name() {
    return name;
  }

  @Override
  public Type type() {
    return type;
  }

  public Role role() {
    return role;
  }

  @Override
  public <R> R accept(Expr.Visitor<R> visitor) {
    return visitor.visitVar(this);
  }

  @Override
  public String toString() {
    return name;
  }
}
