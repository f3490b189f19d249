package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Rewrite;
import java.util.ArrayList;
import java.util.List;

/**
 * Redirects calls that stay calls (after inlining) to derivatives that cover every argument that
 * carries a derivative at the call site.
 *
 * <p>A callee's public derivatives follow its own {@code wrt} and {@code @NoDerivative}: they give
 * no partial for a parameter it holds constant. A caller that passes a value depending on its own
 * differentiable parameters into such a parameter needs that partial, or its derivative silently
 * loses a term. When the callee's body is in this build, the call is pointed at a copy of the
 * callee's derivatives specialised to the call site's activity (one copy per callee and activity
 * pattern, private to the caller's companion). When it is not, the call is an error.
 */
public final class CallSpecialization {
  /** Supplies specialised derivatives of a callee. */
  public interface Specializer {
    /**
     * Derivatives of {@code callee} with respect to exactly the parameters flagged in
     * {@code differentiable}, or null when the callee's body is not in this build.
     */
    MethodRef.DerivativeSignature specialise(MethodRef callee, List<Boolean> differentiable);
  }

  private final Activity activity;
  private final Specializer specializer;
  private final Reporter reporter;

  private CallSpecialization(Activity activity, Specializer specializer, Reporter reporter) {
    this.activity = activity;
    this.specializer = specializer;
    this.reporter = reporter;
  }

  /** {@code f} with its calls redirected; errors (callees from jars) go to the reporter. */
  public static Function apply(Function f, Activity activity, Specializer specializer, Reporter reporter) {
    CallSpecialization pass = new CallSpecialization(activity, specializer, reporter);
    return new Function(f.name(), f.parameters(), f.returnType(),
        Rewrite.ofCalls(pass::redirect).block(f.body()), f.pos());
  }

  /** Which parameters of a call receive a value that carries a derivative. */
  public static List<Boolean> activeArguments(Expr.Invoke call, Activity activity) {
    List<Boolean> flags = new ArrayList<>();
    for (Expr arg : call.args()) {
      flags.add(arg.type().isDifferentiable() && activity.isActive(arg));
    }
    return flags;
  }

  private Expr.Invoke redirect(Expr.Invoke call) {
    MethodRef m = call.method();
    if (!m.isDifferentiable()) {
      return call;
    }
    List<Boolean> active = activeArguments(call, activity);
    int missing = firstHeldConstant(active, m.derivatives().differentiable());
    if (missing < 0) {
      return call;
    }
    MethodRef.DerivativeSignature specialised = specializer.specialise(m, active);
    if (specialised == null) {
      String name = simple(m.owner()) + "." + m.name();
      reporter.error(call.pos(), Message.CALLEE_HOLDS_ARGUMENT_CONSTANT, ordinal(missing), name, name,
          simple(m.owner()));
      return call;
    }
    MethodRef redirected = new MethodRef(m.owner(), m.name(), m.parameterTypes(), m.returnType(), specialised);
    return new Expr.Invoke(redirected, call.args(), call.pos());
  }

  /** The first parameter that receives an active value but has no derivative in the callee's signature, or -1. */
  private static int firstHeldConstant(List<Boolean> active, List<Boolean> differentiable) {
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i) && !differentiable.get(i)) {
        return i;
      }
    }
    return -1;
  }

  private static String ordinal(int index) {
    int n = index + 1;
    String suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
