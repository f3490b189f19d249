package dev.adjoint.processor.frontend;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreePath;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Calls of instance methods on constant objects: {@code rng.nextGaussian()}, {@code s.charAt(i)},
 * {@code list.get(i)}, {@code mode.ordinal()}. Their results are constants; a boxed result is
 * unboxed ({@code list.get(i)} of a {@code List<Double>} is a double). Whether an argument carries
 * a derivative is known only after activity analysis, which refuses such calls.
 */
final class InstanceCalls {
  private final LoweringContext ctx;
  private final ExpressionLowering expressions;

  InstanceCalls(LoweringContext ctx, ExpressionLowering expressions) {
    this.ctx = ctx;
    this.expressions = expressions;
  }

  Expr lower(TreePath path, MethodInvocationTree tree, ExecutableElement method, Block.Builder out) {
    String name = method.getSimpleName().toString();
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      // An unqualified instance method: javac has refused it in a static method already.
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_CONSTRUCT, name + "(...) without an object",
          "a @Differentiable method is static: call instance methods on a parameter, local or static field");
    }
    return lower(path, tree, method, expressions.operand(expressions.child(path, select.getExpression()), out), out);
  }

  /** As {@link #lower(TreePath, MethodInvocationTree, ExecutableElement, Block.Builder)}, with the receiver lowered. */
  Expr lower(TreePath path, MethodInvocationTree tree, ExecutableElement method, Expr receiver, Block.Builder out) {
    String name = method.getSimpleName().toString();
    Type result = resultType(path, method);
    if (!receiver.type().isReference() || receiver.type().isArray() || receiver.type().equals(Type.NULL)) {
      return ctx.error(tree, result == null ? Type.DOUBLE : result, Message.NON_STATIC_CALL, name,
          receiver.type());
    }
    if (result == null) {
      return ctx.error(tree, Type.DOUBLE, Message.UNSUPPORTED_TYPE, "the result of " + name + "(...)",
          method.getReturnType().toString());
    }
    List<Expr> args = new ArrayList<>();
    for (ExpressionTree a : tree.getArguments()) {
      args.add(expressions.operand(expressions.child(path, a), out));
    }
    return new Expr.InvokeInstance(receiver, name, args, result, ctx.pos(tree));
  }

  /** The call's type as javac attributed it, with the receiver's type arguments applied. */
  private Type resultType(TreePath path, ExecutableElement method) {
    if (method.getReturnType().getKind() == TypeKind.VOID) {
      return Type.VOID;
    }
    TypeMirror attributed = ctx.typeOf(path);
    if (attributed instanceof javax.lang.model.type.TypeVariable v) {
      attributed = v.getUpperBound(); // list.get(0) of a List<?>: what the wildcard captures is an Object
    }
    return JavaTypes.toIrUnboxed(attributed != null ? attributed : method.getReturnType());
  }
}
