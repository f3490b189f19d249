package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import java.util.List;

/** Calls of the runtime's array helpers ({@code dev.adjoint.spi.Shapes}) from generated code. */
final class RuntimeCalls {
  private static final String SHAPES = "dev.adjoint.spi.Shapes";

  private RuntimeCalls() {}

  /** {@code target += source}, element by element (rows too for matrices). */
  static Stmt addTo(Expr target, Expr source, SourcePos pos) {
    return call("addTo", List.of(target, source), pos);
  }

  /** {@code target += source * scale}, element by element. */
  static Stmt addScaled(Expr target, Expr source, Expr scale, SourcePos pos) {
    return call("addScaled", List.of(target, source, scale), pos);
  }

  /** Every element of {@code target} (an array or a matrix, or null) set to zero. */
  static Stmt zero(Expr target, SourcePos pos) {
    return call("zero", List.of(target), pos);
  }

  /** Whether a call is one of the updates above ({@code addTo}, {@code addScaled}). */
  static boolean isArrayUpdate(Expr.Invoke call) {
    MethodRef m = call.method();
    return m.owner().equals(SHAPES) && (m.name().equals("addTo") || m.name().equals("addScaled"));
  }

  private static Stmt call(String name, List<Expr> args, SourcePos pos) {
    List<Type> types = args.stream().map(Expr::type).toList();
    MethodRef ref = new MethodRef(SHAPES, name, types, Type.VOID, null);
    return new Stmt.Evaluate(new Expr.Invoke(ref, args, pos), pos);
  }

  /** The value a hoisted declaration starts with. */
  static Expr defaultValue(Type t) {
    switch (t.kind()) {
      case DOUBLE:
        return Expr.Const.ofDouble(0.0);
      case INT:
        return Expr.Const.ofInt(0);
      case LONG:
        return new Expr.Const(Type.LONG, 0L);
      case BOOLEAN:
        return Expr.Const.ofBoolean(false);
      case CHAR:
        return new Expr.Const(Type.CHAR, '\0');
      case CONSTANT:
        // float, short and byte start at 0 (an int literal Java narrows); references at null.
        return new Expr.Const(t, t.javaType().isPrimitive() ? (Object) 0 : null);
      default:
        return new Expr.Const(t, null);
    }
  }
}
