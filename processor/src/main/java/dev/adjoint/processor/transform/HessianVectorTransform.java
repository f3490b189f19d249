package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;

/**
 * Second order by forward over reverse: the Hessian-vector method is the forward transform applied
 * to the gradient method's IR. The gradient of f at x along the direction xDot has tangent
 * {@code H xDot}, so differentiating every statement of {@code fGradient} (its forward sweep, its
 * tape, its reverse sweep) once more in forward mode gives the value, the gradient and the
 * Hessian-vector product in one pass, at about two to three times the cost of the gradient.
 *
 * <p>There is no second generator: what the reverse transform emits that the source never has
 * (tape pushes and pops, reverse loops, the runtime's array updates) the forward transform
 * differentiates like everything else. What it cannot (calls of other methods' derivative code, which
 * would need their own second-order code) is refused by {@link #unsupported}, and then no
 * Hessian-vector method is generated.
 */
public final class HessianVectorTransform {
  private HessianVectorTransform() {}

  /**
   * The Hessian-vector method: f's parameters, each differentiable {@code p} followed by
   * {@code pDot}; it returns {@code new record(value, <gradient components>, <their tangents>)}.
   *
   * @param gradient the gradient method ({@link ReverseTransform#apply} with {@code vector} false)
   */
  public static Function apply(Function gradient, String name, Type record) {
    ForwardTransform.ReturnShape withTangents = (value, t) -> {
      List<Expr> gradientComponents = ((Expr.NewRecord) value).components();
      List<Expr> components = new ArrayList<>(gradientComponents);
      // Component 0 is f's value; the others are its partials, whose tangents are H times the direction.
      for (Expr partial : gradientComponents.subList(1, gradientComponents.size())) {
        components.add(t.tangentOrZero(partial));
      }
      return new Expr.NewRecord(record, components);
    };
    return ForwardTransform.apply(gradient, Activity.of(gradient), name, record, withTangents);
  }

  /**
   * Why the gradient cannot be differentiated once more, for the registry's error message, or null
   * when it can.
   */
  public static String unsupported(Function gradient) {
    Activity activity = Activity.of(gradient);
    String[] reason = {null};
    Walk.statements(gradient.body(), s -> {
      if (reason[0] != null) {
        return;
      }
      if (s instanceof Stmt.ArrayCopy) {
        reason[0] = "it copies whole arrays";
        return;
      }
      boolean updateOfShadow = s instanceof Stmt.Evaluate e && e.value() instanceof Expr.Invoke call
          && RuntimeCalls.isArrayUpdate(call);
      for (Expr top : Walk.expressions(s)) {
        boolean topIsRestore = top instanceof Expr.TapePop
            && (s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.ArrayStore);
        Walk.nodes(top, node -> {
          if (reason[0] != null) {
            return;
          }
          if (CheckpointedLoopCode.isCheckpointing(node)) {
            reason[0] = "it checkpoints a loop (@Checkpointed), whose snapshots carry no tangents";
          } else if (node instanceof Expr.InvokeDerivative d) {
            reason[0] = "its gradient calls " + d.name() + ", the derivative code of a method that stays a call";
          } else if (node instanceof Expr.RecordGet) {
            reason[0] = "its gradient reads the derivatives of a method that stays a call";
          } else if (node instanceof Expr.Invoke call && !(updateOfShadow && node == top)
              && (call.method().isDifferentiable() || call.args().stream().anyMatch(activity::isActive))) {
            reason[0] = "it calls " + call.method().name() + " with arguments that carry derivatives, and the call"
                + " stays a call";
          } else if (node instanceof Expr.TapePop pop && pop.type().isDifferentiable() && !(topIsRestore && node == top)) {
            reason[0] = "Adjoint internal error: a tape value with a derivative is read inside an expression";
          }
        });
      }
    });
    return reason[0];
  }
}
