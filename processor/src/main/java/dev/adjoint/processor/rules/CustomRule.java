package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's row of the derivative table ({@code @DerivativeOf}): the target {@code owner.method}
 * and the partials method that gives its partial derivatives, called with the target's arguments.
 *
 * @param partialsOwner the class that declares the partials method
 * @param partialsMethod its name
 * @param parameterTypes the target's (and so the partials method's) parameter types
 * @param target {@code Owner.method}, for documentation and messages
 * @param partialsDerivatives the generated derivatives of the partials method when it is itself
 *     {@code @Differentiable} with respect to every {@code double} parameter, else null: second
 *     order goes through them
 */
public record CustomRule(String partialsOwner, String partialsMethod, List<Type> parameterTypes, String target,
    MethodRef.DerivativeSignature partialsDerivatives) {
  public CustomRule {
    parameterTypes = List.copyOf(parameterTypes);
  }

  /** How many {@code double} parameters the target has: one gives a {@code double} partial, more a {@code double[]}. */
  public int doubleParameters() {
    return (int) parameterTypes.stream().filter(Type.DOUBLE::equals).count();
  }

  /** The table row: entry i is the partials method's entry for argument i, zero for constant arguments. */
  Rule rule() {
    String convention = "given by @DerivativeOf " + simple(partialsOwner) + "." + partialsMethod;
    return new Rule(target, parameterTypes.size(), (args, result) -> partials(args), convention);
  }

  private List<Expr> partials(List<Expr> args) {
    boolean vector = doubleParameters() > 1;
    MethodRef ref = new MethodRef(partialsOwner, partialsMethod, parameterTypes,
        vector ? Type.DOUBLE_ARRAY : Type.DOUBLE, partialsDerivatives);
    Expr call = new Expr.Invoke(ref, args, SourcePos.NONE);
    List<Expr> partials = new ArrayList<>();
    int k = 0;
    for (Type t : parameterTypes) {
      if (!t.equals(Type.DOUBLE)) {
        partials.add(Exprs.ZERO);
      } else {
        partials.add(vector ? new Expr.ArrayLoad(call, Expr.Const.ofInt(k), Type.DOUBLE) : call);
        k++;
      }
    }
    return partials;
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
