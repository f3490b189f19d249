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
   * {@code output} marks the array a {@code void} entry point writes its result into: its values
   * carry derivatives after the method writes them even where its values on entry are held constant.
   */
  public record Parameter(Var var, boolean differentiable, boolean derivative, boolean output) {
    public Parameter(Var var, boolean differentiable) {
      this(var, differentiable, false);
    }

    public Parameter(Var var, boolean differentiable, boolean derivative) {
      this(var, differentiable, derivative, false);
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
