package dev.adjoint.processor.frontend;

import com.sun.source.tree.Tree;
import dev.adjoint.processor.ir.Expr;

/** Maps javac operator kinds to IR operators. */
final class Operators {
  private Operators() {}

  static Expr.BinaryOp binary(Tree.Kind kind) {
    switch (kind) {
      case PLUS:
      case PLUS_ASSIGNMENT:
        return Expr.BinaryOp.ADD;
      case MINUS:
      case MINUS_ASSIGNMENT:
        return Expr.BinaryOp.SUB;
      case MULTIPLY:
      case MULTIPLY_ASSIGNMENT:
        return Expr.BinaryOp.MUL;
      case DIVIDE:
      case DIVIDE_ASSIGNMENT:
        return Expr.BinaryOp.DIV;
      case REMAINDER:
      case REMAINDER_ASSIGNMENT:
        return Expr.BinaryOp.REM;
      case LEFT_SHIFT:
      case LEFT_SHIFT_ASSIGNMENT:
        return Expr.BinaryOp.SHL;
      case RIGHT_SHIFT:
      case RIGHT_SHIFT_ASSIGNMENT:
        return Expr.BinaryOp.SHR;
      case UNSIGNED_RIGHT_SHIFT:
      case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT:
        return Expr.BinaryOp.USHR;
      case LESS_THAN:
        return Expr.BinaryOp.LT;
      case LESS_THAN_EQUAL:
        return Expr.BinaryOp.LE;
      case GREATER_THAN:
        return Expr.BinaryOp.GT;
      case GREATER_THAN_EQUAL:
        return Expr.BinaryOp.GE;
      case EQUAL_TO:
        return Expr.BinaryOp.EQ;
      case NOT_EQUAL_TO:
        return Expr.BinaryOp.NE;
      case AND:
      case AND_ASSIGNMENT:
        return Expr.BinaryOp.BIT_AND;
      case OR:
      case OR_ASSIGNMENT:
        return Expr.BinaryOp.BIT_OR;
      case XOR:
      case XOR_ASSIGNMENT:
        return Expr.BinaryOp.BIT_XOR;
      default:
        throw new IllegalArgumentException("not a binary operator: " + kind);
    }
  }
}
