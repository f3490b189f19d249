package dev.adjoint.processor.frontend;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;

/**
 * {@code System.arraycopy}, {@code Arrays.fill}, {@code Arrays.copyOf} and
 * {@code Arrays.copyOfRange} written out as the element loops they stand for, so that the copied
 * elements carry their derivatives like any other array write. The loops are counted
 * ({@code for (int k = 0; k < n; k++)}), which the reverse sweep replays without recording.
 */
final class ArrayLibraryCalls {
  private final LoweringContext ctx;

  ArrayLibraryCalls(LoweringContext ctx) {
    this.ctx = ctx;
  }

  /** Whether {@code owner.name} is one of the calls this class writes out, for some argument types. */
  static boolean isCandidate(String owner, String name) {
    return owner.equals("java.lang.System") && name.equals("arraycopy")
        || owner.equals("java.util.Arrays") && List.of("fill", "copyOf", "copyOfRange").contains(name);
  }

  /** Whether {@code owner.name} with these argument types is one of the calls this class writes out. */
  static boolean handles(String owner, String name, List<Type> parameterTypes) {
    if (parameterTypes.isEmpty() || !parameterTypes.get(0).isArray()) {
      return false;
    }
    if (owner.equals("java.lang.System")) {
      return name.equals("arraycopy") && parameterTypes.get(0).equals(parameterTypes.get(2));
    }
    if (!owner.equals("java.util.Arrays")) {
      return false;
    }
    Type element = parameterTypes.get(0).element();
    return switch (name) {
      case "fill" -> (parameterTypes.size() == 2 || parameterTypes.size() == 4)
          && fits(parameterTypes.get(parameterTypes.size() - 1), element);
      case "copyOf" -> parameterTypes.size() == 2;
      case "copyOfRange" -> parameterTypes.size() == 3;
      default -> false;
    };
  }

  /** Whether a value of type {@code value} can be stored in an element of type {@code element} (int widens). */
  private static boolean fits(Type value, Type element) {
    return value.equals(element) || value.isNumeric() && element.isNumeric();
  }

  /** The loops for a call that {@link #handles} accepts; returns the call's value (a constant for void calls). */
  Expr lower(String name, List<Expr> args, Block.Builder out, SourcePos pos) {
    switch (name) {
      case "arraycopy":
        arraycopy(args.get(0), args.get(1), args.get(2), args.get(3), args.get(4), out, pos);
        return null;
      case "fill":
        if (args.size() == 2) {
          fill(args.get(0), Expr.Const.ofInt(0), new Expr.ArrayLength(args.get(0)), args.get(1), out, pos);
        } else {
          fill(args.get(0), args.get(1), args.get(2), args.get(3), out, pos);
        }
        return null;
      case "copyOf":
        return copyRange(args.get(0), Expr.Const.ofInt(0), args.get(1), out, pos);
      default:
        return copyRange(args.get(0), args.get(1), sub(args.get(2), args.get(1)), out, pos);
    }
  }

  /**
   * {@code System.arraycopy(src, s, dst, d, n)}: through a temporary, because src and dst may be
   * the same array with overlapping ranges, which arraycopy copies as if through a temporary.
   */
  private void arraycopy(Expr src, Expr srcPos, Expr dst, Expr dstPos, Expr length, Block.Builder out,
      SourcePos pos) {
    Var n = ctx.temp("Length", length, out, pos);
    Var staged = ctx.temp("Staged", new Expr.NewArray(src.type(), List.of(n)), out, pos);
    copyLoop(src, srcPos, staged, Expr.Const.ofInt(0), n, out, pos);
    copyLoop(staged, Expr.Const.ofInt(0), dst, dstPos, n, out, pos);
  }

  /** {@code Arrays.copyOf} and {@code copyOfRange}: a new array of {@code length}, as much of it copied as there is. */
  private Expr copyRange(Expr src, Expr from, Expr length, Block.Builder out, SourcePos pos) {
    Var n = ctx.temp("Length", length, out, pos);
    Var copy = ctx.temp("Copy", new Expr.NewArray(src.type(), List.of(n)), out, pos);
    Expr available = new Expr.MathCall("java.lang.Math", "min",
        List.of(n, sub(new Expr.ArrayLength(src), from)), Type.INT);
    copyLoop(src, from, copy, Expr.Const.ofInt(0), available, out, pos);
    return copy;
  }

  /** {@code for (int k = 0; k < count; k++) dst[dstPos + k] = src[srcPos + k];} */
  private void copyLoop(Expr src, Expr srcPos, Expr dst, Expr dstPos, Expr count, Block.Builder out, SourcePos pos) {
    Var k = new Var("k", Type.INT, Var.Role.TEMPORARY);
    Block.Builder body = new Block.Builder();
    Var element = new Var("element", src.type().element(), Var.Role.TEMPORARY);
    body.add(new Stmt.Declare(element, new Expr.ArrayLoad(src, add(srcPos, k), element.type()), pos));
    body.add(new Stmt.ArrayStore(dst, add(dstPos, k), element, pos));
    out.add(countedLoop(k, count, body.build(), pos));
  }

  /** {@code for (int k = from; k < to; k++) a[k] = value;} */
  private void fill(Expr array, Expr from, Expr to, Expr value, Block.Builder out, SourcePos pos) {
    Var k = new Var("k", Type.INT, Var.Role.TEMPORARY);
    Expr element = ExpressionLowering.widen(value, array.type().element());
    Block body = new Block(List.of(new Stmt.ArrayStore(array, k, element, pos)));
    Block init = new Block(List.of(new Stmt.Declare(k, from, pos)));
    out.add(new Stmt.Loop(Stmt.LoopKind.FOR, init, Block.EMPTY, less(k, to), body, increment(k, pos), ctx.newLoopId(),
        null, pos));
  }

  private Stmt.Loop countedLoop(Var k, Expr count, Block body, SourcePos pos) {
    Block init = new Block(List.of(new Stmt.Declare(k, Expr.Const.ofInt(0), pos)));
    return new Stmt.Loop(Stmt.LoopKind.FOR, init, Block.EMPTY, less(k, count), body, increment(k, pos),
        ctx.newLoopId(), null, pos);
  }

  private static Block increment(Var k, SourcePos pos) {
    return new Block(List.of(new Stmt.Assign(k, add(k, Expr.Const.ofInt(1)), pos)));
  }

  private static Expr less(Expr a, Expr b) {
    return new Expr.Binary(Expr.BinaryOp.LT, a, b, Type.BOOLEAN);
  }

  private static Expr add(Expr a, Expr b) {
    if (a instanceof Expr.Const c && Integer.valueOf(0).equals(c.value())) {
      return b;
    }
    return new Expr.Binary(Expr.BinaryOp.ADD, a, b, Type.INT);
  }

  private static Expr sub(Expr a, Expr b) {
    if (b instanceof Expr.Const c && Integer.valueOf(0).equals(c.value())) {
      return a;
    }
    return new Expr.Binary(Expr.BinaryOp.SUB, a, b, Type.INT);
  }
}
