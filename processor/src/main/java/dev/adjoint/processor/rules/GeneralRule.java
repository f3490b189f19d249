package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Type;
import java.util.List;

/**
 * A user's general-form rule ({@code @DerivativeOf} on a tangent method and a pullback method) for a
 * static method {@code g} with array parameters or an array result. Calls of {@code g} stay calls;
 * forward mode calls the tangent method after {@code g}, reverse mode calls the pullback method in
 * the reverse sweep with {@code g}'s arguments as they were at the call.
 *
 * <p>For {@code static R g(P1 p1, ..., Pn pn)}, its differentiable parameters being those of type
 * {@code double}, {@code double[]} or {@code double[][]}:
 * <ul>
 *   <li>tangent: {@code static R t(P1 p1, ..., Pn pn, D1 d1Dot, ..., Dk dkDot)}, one tangent per
 *       differentiable parameter, returns the tangent of g's result;
 *   <li>pullback: {@code static S b(P1 p1, ..., Pn pn, R gBar, A1 a1Bar, ..., Am amBar)}, one
 *       accumulator per differentiable array parameter (the pullback adds its adjoint into it); S is
 *       {@code void} without differentiable {@code double} parameters, {@code double} with one and
 *       {@code double[]} (in order) with several.
 * </ul>
 *
 * @param target {@code Owner.g}, for documentation and messages
 * @param parameterTypes g's parameter types
 * @param returnType g's result type, {@code double} or {@code double[]}
 * @param tangent the tangent method
 * @param pullback the pullback method
 */
public record GeneralRule(String target, List<Type> parameterTypes, Type returnType, Method tangent, Method pullback) {
  public GeneralRule {
    parameterTypes = List.copyOf(parameterTypes);
  }

  /** A rule method: its class (qualified) and name. */
  public record Method(String owner, String name) {
    /** {@code Owner.name}, for messages. */
    public String shown() {
      return owner.substring(owner.lastIndexOf('.') + 1) + "." + name;
    }
  }

  /** Which of g's parameters are differentiable (double, double[], double[][]). */
  public List<Boolean> differentiable() {
    return parameterTypes.stream().map(Type::isDifferentiable).toList();
  }

  /** How many differentiable {@code double} parameters g has: the pullback returns their adjoints. */
  public int scalarParameters() {
    return (int) parameterTypes.stream().filter(Type.DOUBLE::equals).count();
  }

  /** What the pullback returns: void, double or double[]. */
  public Type pullbackReturnType() {
    int scalars = scalarParameters();
    return scalars == 0 ? Type.VOID : scalars == 1 ? Type.DOUBLE : Type.DOUBLE_ARRAY;
  }
}
