package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.GeneralRule;
import dev.adjoint.processor.transform.ForwardTransform.CallTangent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Second order by forward over reverse: the Hessian-vector method is the forward transform applied
 * to the gradient method's IR. The gradient of f at x along the direction xDot has tangent
 * {@code H xDot}, so differentiating every statement of {@code fGradient} (its forward sweep, its
 * tape, its reverse sweep) once more in forward mode gives the value, the gradient and the
 * Hessian-vector product in one pass, at about two to three times the cost of the gradient.
 *
 * <p>There is no second generator: what the reverse transform emits that the source never has
 * (tape pushes and pops, reverse loops, the runtime's array updates) the forward transform
 * differentiates like everything else. A callee that stays a call is reached through the tangent of
 * its allocation-free adjoint ({@link #adjointTangent}), the forward transform of that method's IR in
 * turn. What cannot be differentiated again (a callee's recorded pullback, a user's partials rule) is
 * refused by {@link #unsupported}, and then no Hessian-vector method is generated.
 */
public final class HessianVectorTransform {
  private HessianVectorTransform() {}

  /**
   * The Hessian-vector method: f's parameters, each differentiable {@code p} followed by
   * {@code pDot}; it returns {@code new record(value, <gradient components>, <their tangents>)}.
   *
   * @param gradient the gradient method ({@link ReverseTransform#apply} with {@code vector} false)
   * @param tangents the adjoint tangents of callees, by adjoint method name
   */
  public static Function apply(Function gradient, String name, Type record, Map<String, CallTangent> tangents) {
    ForwardTransform.ReturnShape withTangents = (value, t) -> {
      List<Expr> gradientComponents = ((Expr.NewRecord) value).components();
      List<Expr> components = new ArrayList<>(gradientComponents);
      // Component 0 is f's value; the others are its partials, whose tangents are H times the direction.
      for (Expr partial : gradientComponents.subList(1, gradientComponents.size())) {
        components.add(t.tangentOrZero(partial));
      }
      return new Expr.NewRecord(record, components);
    };
    Function hoisted = DerivativeCallHoisting.apply(gradient);
    return ForwardTransform.apply(hoisted, Activity.of(hoisted), name, record, withTangents, tangents, true);
  }

  /**
   * The tangent of a callee's allocation-free adjoint ({@link ReverseTransform#applyAdjoint}), for
   * callers' Hessian-vector methods. Its shadow parameters and {@code resultBar} vary with the
   * direction too, so they get tangents; the shadows' tangents are the caller's arrays, added into
   * as the shadows are.
   *
   * @param record {@code (value, tangent)} for an adjoint that returns a double, null for a void one
   */
  public static Function adjointTangent(Function adjoint, String name, Type record, Map<String, CallTangent> tangents) {
    Function varying = DerivativeCallHoisting.apply(withAdjointsVarying(adjoint));
    ForwardTransform.ReturnShape shape = record == null
        ? (value, t) -> Exprs.NOTHING
        : (value, t) -> new Expr.NewRecord(record, List.of(value, t.tangentOrZero(value)));
    return ForwardTransform.apply(varying, Activity.of(varying), name, record == null ? Type.VOID : record, shape,
        tangents, false);
  }

  /** How a caller's forward transform calls {@link #adjointTangent}: every parameter but the constants gets a tangent. */
  public static CallTangent callOfAdjointTangent(Function adjoint, String name, Type record) {
    List<Boolean> dotted = withAdjointsVarying(adjoint).parameters().stream().map(Function.Parameter::differentiable)
        .toList();
    return new CallTangent(name, record, dotted);
  }

  private static Function withAdjointsVarying(Function adjoint) {
    List<Function.Parameter> params = new ArrayList<>();
    for (Function.Parameter p : adjoint.parameters()) {
      params.add(new Function.Parameter(p.var(), p.differentiable() || p.derivative()));
    }
    return new Function(adjoint.name(), params, adjoint.returnType(), adjoint.body(), adjoint.pos());
  }

  /**
   * Why a reverse method (a gradient, a callee's adjoint) cannot be differentiated once more, for the
   * registry's error message, or null when it can.
   *
   * @param adjointsWithTangents the callee adjoints that have tangent methods
   */
  public static String unsupported(Function original, Set<String> adjointsWithTangents) {
    Function reverse = DerivativeCallHoisting.apply(original);
    Activity activity = Activity.of(reverse);
    String[] reason = {null};
    Walk.statements(reverse.body(), s -> {
      if (reason[0] != null) {
        return;
      }
      if (s instanceof Stmt.ArrayCopy) {
        reason[0] = "it copies whole arrays";
        return;
      }
      for (Expr top : Walk.expressions(s)) {
        Walk.nodes(top, node -> {
          if (reason[0] == null) {
            reason[0] = whyNot(node, node == top ? s : null, activity, adjointsWithTangents);
          }
        });
      }
    });
    return reason[0];
  }

  private static final String KEPT_CALLS = "; second order goes through inlined calls and through the allocation-free"
      + " adjoints of calls that stay calls, not through a callee whose pullback is recorded";

  /**
   * Why one node cannot be differentiated again, or null. {@code statement} is the statement whose
   * whole value the node is, or null for a node inside a larger expression.
   */
  private static String whyNot(Expr node, Stmt statement, Activity activity, Set<String> adjointsWithTangents) {
    if (CheckpointedLoopCode.isCheckpointing(node)) {
      return "it checkpoints a loop (@Checkpointed), whose snapshots carry no tangents";
    }
    boolean assignsVariable = statement instanceof Stmt.Declare || statement instanceof Stmt.Assign;
    boolean callStatement = assignsVariable || statement instanceof Stmt.Evaluate;
    if (node instanceof Expr.Invoke call && call.method().isDifferentiable() && call.method().derivatives().rule() != null) {
      GeneralRule rule = call.method().derivatives().rule();
      return "its gradient calls the @DerivativeOf pullback " + rule.pullback().shown() + " of " + rule.target()
          + ", a method the user wrote, which Adjoint cannot differentiate again; second order through general-form"
          + " rules is not supported";
    }
    if (node instanceof Expr.InvokeDerivative d && !(callStatement && adjointsWithTangents.contains(d.name()))) {
      return "its gradient calls " + d.name() + ", derivative code of a method that stays a call" + KEPT_CALLS;
    }
    if (node instanceof Expr.RecordGet) {
      return "its gradient reads the recorded derivatives of a method that stays a call" + KEPT_CALLS;
    }
    boolean updateOfShadow = statement instanceof Stmt.Evaluate && node instanceof Expr.Invoke update
        && RuntimeCalls.isArrayUpdate(update);
    if (node instanceof Expr.Invoke call && !updateOfShadow) {
      // A callee's original in the forward sweep: its tangent method gives value and tangent.
      boolean withTangent = assignsVariable && call.method().isDifferentiable()
          && call.method().derivatives().tangentMethod() != null;
      if (call.method().isDifferentiable() && !withTangent) {
        return "it calls " + call.method().name() + ", which stays a call, where no tangent can be called" + KEPT_CALLS;
      }
      if (!call.method().isDifferentiable() && call.args().stream().anyMatch(activity::isActive)) {
        // Only a @DerivativeOf rule's partials method is called with active arguments in a gradient.
        return "its gradient calls the @DerivativeOf partials method " + call.method().name() + ", and second order"
            + " through user rules is not supported yet";
      }
    }
    boolean restore = assignsVariable || statement instanceof Stmt.ArrayStore;
    if (node instanceof Expr.TapePop pop && pop.type().isDifferentiable() && !restore) {
      return "Adjoint internal error: a tape value with a derivative is read inside an expression";
    }
    return null;
  }
}
