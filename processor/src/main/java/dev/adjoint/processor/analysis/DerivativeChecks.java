package dev.adjoint.processor.analysis;

import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.DerivativeRules;

/**
 * The checks that need activity: a value that carries a derivative must only meet operations that
 * have one. Reported here, before any transform runs, at the statement that holds the operation.
 */
public final class DerivativeChecks {
  private DerivativeChecks() {}

  public static void check(Function f, Activity activity, Reporter reporter) {
    Walk.statements(f.body(), s -> {
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> checkNode(node, s.pos(), activity, reporter));
      }
      if (s instanceof Stmt.ArrayStore st && activity.isActive(st.value())) {
        Expr root = root(st.array());
        if (!(root instanceof Var v) || activity.holdsConstants(v)) {
          reporter.error(s.pos(), Message.ARRAY_WRITE_TO_CONSTANT, describe(root, activity));
        }
      }
    });
  }

  private static String describe(Expr array, Activity activity) {
    if (array instanceof Expr.StaticField f) {
      return simple(f.owner()) + "." + f.field();
    }
    if (array instanceof Var v) {
      String origin = activity.constantOrigin(v);
      return origin == null || origin.equals(v.name()) ? v.name() : v.name() + " (which is " + origin + ")";
    }
    return "this array";
  }

  private static Expr root(Expr array) {
    return array instanceof Expr.ArrayLoad l ? root(l.array()) : array;
  }

  private static void checkNode(Expr node, SourcePos pos, Activity activity, Reporter reporter) {
    // Math functions returning integers (round, getExponent) give constants, like a cast to int.
    if (node instanceof Expr.MathCall m && m.type().isDifferentiable() && anyActiveArg(m.args(), activity)) {
      if (DerivativeRules.of(m) == null) {
        String name = simple(m.owner()) + "." + m.method();
        reporter.error(pos, Message.MATH_WITHOUT_DERIVATIVE, name,
            "compute it from functions that have derivatives, or pass the value as a @NoDerivative parameter");
      }
    }
    if (node instanceof Expr.Invoke i && !i.method().isDifferentiable() && anyActiveArg(i.args(), activity)) {
      String name = simple(i.method().owner()) + "." + i.method().name();
      reporter.error(i.pos(), Message.CALL_WITHOUT_DERIVATIVE, name, name, name);
    } else if (node instanceof Expr.Invoke i) {
      checkParameterTypes(i, activity, reporter);
    }
    if (node instanceof Expr.InvokeInstance i && anyActiveArg(i.args(), activity)) {
      reporter.error(i.pos(), Message.CONSTANT_OBJECT_CALL, i.method() + "(...)", "the constant " + i.receiver().type());
    }
  }

  /** A value with a derivative passed where the callee declares a type without one (Object, Double) would lose it. */
  private static void checkParameterTypes(Expr.Invoke i, Activity activity, Reporter reporter) {
    for (int k = 0; k < i.args().size(); k++) {
      dev.adjoint.processor.ir.Type declared = i.method().parameterTypes().get(k);
      if (!declared.isDifferentiable() && activity.isActive(i.args().get(k))) {
        String name = simple(i.method().owner()) + "." + i.method().name();
        reporter.error(i.pos(), Message.ARGUMENT_LOSES_DERIVATIVE, k + 1, name, name, declared);
        return;
      }
    }
  }

  private static boolean anyActiveArg(java.util.List<Expr> args, Activity activity) {
    return args.stream().anyMatch(activity::isActive);
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
