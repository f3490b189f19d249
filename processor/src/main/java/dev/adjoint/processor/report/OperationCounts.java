package dev.adjoint.processor.report;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Walk;

/**
 * The operations in the code of one IR method, each counted once where it is written (a loop body
 * counts once, however often it runs): arithmetic on doubles, calls of {@code Math} functions,
 * array element reads and writes, arrays allocated, other calls, and tape pushes and pops.
 */
public record OperationCounts(
    int arithmetic, int mathCalls, int arrayReads, int arrayWrites, int newArrays, int calls, int tapePushes,
    int tapePops) {

  public static OperationCounts of(Function f) {
    int[] n = new int[8];
    Walk.statements(f.body(), s -> {
      if (s instanceof Stmt.ArrayStore || s instanceof Stmt.ArrayCopy) {
        n[3]++;
      } else if (s instanceof Stmt.Push) {
        n[6]++;
      }
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> count(node, n));
      }
    });
    return new OperationCounts(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]);
  }

  private static void count(Expr e, int[] n) {
    if (e instanceof Expr.Binary b && b.op().isArithmetic() && b.type().equals(Type.DOUBLE)
        || e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG && u.type().equals(Type.DOUBLE)) {
      n[0]++;
    } else if (e instanceof Expr.MathCall) {
      n[1]++;
    } else if (e instanceof Expr.ArrayLoad) {
      n[2]++;
    } else if (e instanceof Expr.NewArray || e instanceof Expr.ArrayInit || e instanceof Expr.ArrayClone
        || e instanceof Expr.ZerosLike) {
      n[4]++;
    } else if (e instanceof Expr.Invoke || e instanceof Expr.InvokeDerivative || e instanceof Expr.InvokeInstance) {
      n[5]++;
    } else if (e instanceof Expr.TapePop) {
      n[7]++;
    }
  }

  /** One line of the report, the tape left out where the code uses none. */
  String describe() {
    StringBuilder s = new StringBuilder()
        .append(arithmetic).append(" double arithmetic, ")
        .append(mathCalls).append(" Math calls, ")
        .append(arrayReads).append(" array reads, ")
        .append(arrayWrites).append(" array writes, ")
        .append(newArrays).append(" new arrays, ")
        .append(calls).append(" other calls");
    if (tapePushes + tapePops > 0) {
      s.append(", ").append(tapePushes).append(" tape pushes, ").append(tapePops).append(" tape pops");
    }
    return s.toString();
  }
}
