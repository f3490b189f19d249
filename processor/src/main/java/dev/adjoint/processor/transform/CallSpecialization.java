package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.rules.GeneralRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Points each call that stays a call (after inlining) at code that gives what the caller needs.
 *
 * <p>Derivatives: when the callee's body is in this build, the call is pointed at a copy of the
 * callee's derivatives specialised to the call site's activity (one copy per callee and activity
 * pattern, private to the caller's companion). That copy computes just the partials the call needs
 * and has an allocation-free form ({@code adjointMethod}) that adds into the caller's adjoints.
 * It is also what keeps derivatives whole: a callee's public derivatives follow its own
 * {@code wrt} and {@code @NoDerivative}, and give no partial for a parameter it holds constant, and
 * a helper without {@code @Differentiable} has none at all. A callee from a jar keeps its public
 * derivatives, and a call that passes an active value into a parameter they hold constant is an
 * error: the term would be lost.
 *
 * <p>Access: a call of a private helper goes to a copy of the helper in the companion, which
 * cannot call the original.
 */
public final class CallSpecialization {
  /** Supplies specialised derivatives and copies of callees, for one companion. */
  public interface Specializer {
    /**
     * Derivatives of {@code callee} with respect to exactly the parameters flagged in
     * {@code differentiable}, or null when the callee's body is not in this build or does not lower.
     */
    MethodRef.DerivativeSignature specialise(MethodRef callee, List<Boolean> differentiable);

    /**
     * The name of the companion's own copy of a callee it cannot call, or null when the callee's
     * body does not lower.
     */
    String primalCopy(MethodRef callee);

    /** The qualified name of the companion, which holds the copies. */
    String companion();

    /** Why a callee's body cannot be used: its first error, or that its source is not in this build. */
    String whyNot(MethodRef callee);
  }

  private final Activity activity;
  private final Specializer specializer;
  private final Reporter reporter;
  private final CallDecisions decisions;

  private CallSpecialization(Activity activity, Specializer specializer, Reporter reporter, CallDecisions decisions) {
    this.activity = activity;
    this.specializer = specializer;
    this.reporter = reporter;
    this.decisions = decisions;
  }

  /** {@code f} with its calls redirected; errors go to the reporter. */
  public static Function apply(Function f, Activity activity, Specializer specializer, Reporter reporter) {
    return apply(f, activity, specializer, reporter, CallDecisions.NONE);
  }

  /** As {@link #apply(Function, Activity, Specializer, Reporter)}, telling {@code decisions} what each call runs. */
  public static Function apply(Function f, Activity activity, Specializer specializer, Reporter reporter,
      CallDecisions decisions) {
    CallSpecialization pass = new CallSpecialization(activity, specializer, reporter, decisions);
    return rewriteCalls(f, call -> {
      int before = reporter.errorCount();
      Expr.Invoke redirected = pass.derivatives(call);
      // One error per call: a helper that cannot be differentiated is not also reported as one
      // that cannot be copied.
      return reporter.errorCount() > before ? redirected : pass.access(redirected);
    });
  }

  /**
   * {@code f} (after inlining) with the calls of helpers (no {@code @Differentiable}) that get no
   * value carrying a derivative turned into plain calls: their results are constants. An array such
   * a call returns counts as constant data (it may be an argument, or a static table), unless the
   * helper's body shows that it is always a new array nothing else refers to: then the caller may
   * write values that carry derivatives into it, as into any array it creates.
   */
  public static Function constantHelperCalls(Function f, Activity activity, Inliner.Callees callees) {
    return rewriteCalls(f, call -> {
      if (!isHelper(call.method()) || activeArguments(call, activity).contains(true)) {
        return call;
      }
      MethodRef plain = call.method().withDerivatives(null);
      Function body = callees.body(call.method());
      boolean fresh = body != null && FreshArrayResults.returnsFresh(body, callees);
      return new Expr.Invoke(fresh ? plain.withFreshResult() : plain, call.args(), call.pos());
    });
  }

  private static Function rewriteCalls(Function f, java.util.function.UnaryOperator<Expr.Invoke> calls) {
    return new Function(f.name(), f.parameters(), f.returnType(), Rewrite.ofCalls(calls).block(f.body()), f.pos());
  }

  /** A method whose derivatives come from its body only (a user's rule has methods of its own to call). */
  private static boolean isHelper(MethodRef m) {
    return m.isDifferentiable() && !m.derivatives().hasEntryPoints() && m.derivatives().rule() == null;
  }

  /** Which parameters of a call receive a value that carries a derivative. */
  public static List<Boolean> activeArguments(Expr.Invoke call, Activity activity) {
    List<Boolean> flags = new ArrayList<>();
    for (Expr arg : call.args()) {
      flags.add(arg.type().isDifferentiable() && activity.isActive(arg));
    }
    return flags;
  }

  private Expr.Invoke derivatives(Expr.Invoke call) {
    MethodRef m = call.method();
    if (!m.isDifferentiable()) {
      decisions.derivativesChosen(call, "none: a plain call, its result is a constant");
      return call;
    }
    List<Boolean> active = activeArguments(call, activity);
    if (!active.contains(true) || m.returnType().equals(Type.VOID)) {
      // Its result is a constant, or it has none (a method that writes into its arguments is inlined
      // or refused): the plain call is all the derivatives need.
      decisions.derivativesChosen(call, !active.contains(true)
          ? "none: a plain call, no argument carries a derivative" : "none: a plain call, it returns nothing");
      return isHelper(m) ? withMethod(call, m.withDerivatives(null)) : call;
    }
    GeneralRule rule = m.derivatives().rule();
    if (rule != null) {
      decisions.derivativesChosen(call, "the @DerivativeOf rule's tangent " + rule.tangent().shown() + " and pullback "
          + rule.pullback().shown());
      return call;
    }
    // A callee compiled in this build gets derivatives specialised to the call whether or not its
    // own would do: they compute only the partials the call needs, and have an allocation-free form.
    MethodRef.DerivativeSignature specialised = specializer.specialise(m, active);
    if (specialised != null) {
      decisions.derivativesChosen(call, "a copy of its derivatives specialised to this call ("
          + (m.returnType().isArray() ? specialised.pullbackMethod() : specialised.gradientMethod())
          + ", " + specialised.tangentMethod() + "), with respect to just the arguments that carry derivatives");
      return withMethod(call, m.withDerivatives(specialised));
    }
    int missing = firstHeldConstant(active, m.derivatives());
    if (missing < 0) {
      MethodRef.DerivativeSignature own = m.derivatives();
      decisions.derivativesChosen(call, "its public derivatives " + simple(own.companion()) + "."
          + (m.returnType().isArray() ? own.pullbackMethod() : own.gradientMethod()) + " ("
          + specializer.whyNot(m) + ")");
      return call;
    }
    String name = simple(m.owner()) + "." + m.name();
    if (isHelper(m)) {
      reporter.error(call.pos(), Message.HELPER_NOT_DIFFERENTIABLE, name, specializer.whyNot(m), name);
    } else {
      reporter.error(call.pos(), Message.CALLEE_HOLDS_ARGUMENT_CONSTANT, ordinal(missing), name, name,
          simple(m.owner()));
    }
    return call;
  }

  private Expr.Invoke access(Expr.Invoke call) {
    MethodRef m = call.method();
    if (m.visibleToCompanion()) {
      return call;
    }
    String copy = specializer.primalCopy(m);
    if (copy == null) {
      String name = simple(m.owner()) + "." + m.name();
      reporter.error(call.pos(), Message.PRIVATE_HELPER_NOT_COPIED, name, specializer.whyNot(m), name);
      return call;
    }
    return withMethod(call, m.copiedTo(specializer.companion(), copy));
  }

  private static Expr.Invoke withMethod(Expr.Invoke call, MethodRef m) {
    return new Expr.Invoke(m, call.args(), call.pos());
  }

  /**
   * The first parameter that receives an active value but has no derivative among the callee's
   * public ones (any, for a helper, which has none), or -1.
   */
  private static int firstHeldConstant(List<Boolean> active, MethodRef.DerivativeSignature derivatives) {
    for (int i = 0; i < active.size(); i++) {
      if (active.get(i) && (!derivatives.hasEntryPoints() || !derivatives.differentiable().get(i))) {
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
