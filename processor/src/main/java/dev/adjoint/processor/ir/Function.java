package dev.adjoint.processor.ir;

import java.util.List;

/**
 * A method in IR form: the source method after lowering, or a derivative method built by a
 * transform.
 */
public record Function(
    String name, List<Parameter> parameters, Type returnType, Block body, SourcePos pos) {

  public Function {
    parameters = List.copyOf(parameters);
  }

  /**
   * A parameter; {@code differentiable} says whether derivatives are taken with respect to it, and
   * {@code derivative} marks the parameters a transform adds ({@code xDot}, {@code resultBar}).
   */
  public record Parameter(Var var, boolean differentiable, boolean derivative) {
    public Parameter(Var var, boolean differentiable) {
      this(var, differentiable, false);
    }

    /** A parameter of a differentiable type that is held constant. */
    public boolean isConstant() {
      return !derivative && !differentiable && var.type().isDifferentiable();
    }
  }

  public List<Parameter> differentiableParameters() {
    return parameters.stream().filter(Parameter::differentiable).toList();
  }
}
