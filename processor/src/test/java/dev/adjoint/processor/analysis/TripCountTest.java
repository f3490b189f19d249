package dev.adjoint.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Expr.BinaryOp;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which loops the reverse sweep counts again instead of recording, on IR built by hand. */
class TripCountTest {
  private final Var i = new Var("i", Type.INT, Var.Role.LOCAL);
  private final Var n = new Var("n", Type.INT, Var.Role.PARAMETER);
  private final Var start = new Var("start", Type.INT, Var.Role.LOCAL);
  private final Var x = new Var("x", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
  private final Var s = new Var("s", Type.DOUBLE, Var.Role.LOCAL);

  @Test
  void aLoopWithInvariantBoundsRecordsNoTripCount() {
    Stmt.Loop loop = forLoop(start, BinaryOp.LT, new Expr.Binary(BinaryOp.SUB, new Expr.ArrayLength(x),
        Expr.Const.ofInt(1), Type.INT), accumulate());
    TripCount.Recomputed again = assertInstanceOf(TripCount.Recomputed.class, TripCount.of(loop));
    assertEquals(start, again.start());
    // x.length - 1 - start iterations, never fewer than none.
    assertEquals(6, trips(again, 3, 10));
    assertEquals(0, trips(again, 12, 10));
    assertEquals(0, trips(again, 9, 10));
  }

  @Test
  void anInclusiveBoundRunsOnceMore() {
    Stmt.Loop loop = forLoop(Expr.Const.ofInt(2), BinaryOp.LE, n, accumulate());
    TripCount.Recomputed again = assertInstanceOf(TripCount.Recomputed.class, TripCount.of(loop));
    for (int bound = -1; bound < 6; bound++) {
      int expected = 0;
      for (int k = 2; k <= bound; k++) {
        expected++;
      }
      assertEquals(expected, evaluate(again.trips(), Map.of(n, bound)));
    }
  }

  @Test
  void aBoundTheLoopChangesIsCounted() {
    Stmt shrink = new Stmt.Assign(n, new Expr.Binary(BinaryOp.SUB, n, Expr.Const.ofInt(1), Type.INT), SourcePos.NONE);
    assertInstanceOf(TripCount.Counted.class, TripCount.of(forLoop(Expr.Const.ofInt(0), BinaryOp.LT, n, shrink)));
  }

  @Test
  void aStartTheLoopChangesIsCounted() {
    Stmt move = new Stmt.Assign(start, n, SourcePos.NONE);
    assertInstanceOf(TripCount.Counted.class, TripCount.of(forLoop(start, BinaryOp.LT, n, move)));
  }

  @Test
  void boundsThatReadElementsOrCallMethodsAreCounted() {
    Var bounds = new Var("bounds", Type.INT_ARRAY, Var.Role.PARAMETER);
    Expr element = new Expr.ArrayLoad(bounds, Expr.Const.ofInt(0), Type.INT);
    assertInstanceOf(TripCount.Counted.class, TripCount.of(forLoop(Expr.Const.ofInt(0), BinaryOp.LT, element,
        accumulate())));
    Expr floor = new Expr.Cast(Type.INT, new Expr.MathCall("Math", "floor", List.of(s), Type.DOUBLE, null), false);
    assertInstanceOf(TripCount.Counted.class, TripCount.of(forLoop(Expr.Const.ofInt(0), BinaryOp.LT, floor,
        accumulate())));
  }

  @Test
  void otherConditionsAreCounted() {
    assertInstanceOf(TripCount.Counted.class, TripCount.of(forLoop(Expr.Const.ofInt(0), BinaryOp.NE, n,
        accumulate())));
    Expr both = new Expr.Binary(BinaryOp.AND, new Expr.Binary(BinaryOp.LT, i, n, Type.BOOLEAN),
        new Expr.Binary(BinaryOp.LT, s, Expr.Const.ofDouble(50), Type.BOOLEAN), Type.BOOLEAN);
    Stmt.Loop early = new Stmt.Loop(Stmt.LoopKind.FOR, init(Expr.Const.ofInt(0)), Block.EMPTY, both,
        new Block(List.of(accumulate())), increment(), 1, null, SourcePos.NONE);
    assertInstanceOf(TripCount.Counted.class, TripCount.of(early));
  }

  @Test
  void whileLoopsAreCounted() {
    Stmt.Loop loop = new Stmt.Loop(Stmt.LoopKind.WHILE, Block.EMPTY, Block.EMPTY,
        new Expr.Binary(BinaryOp.LT, i, n, Type.BOOLEAN), new Block(List.of(accumulate())), increment(), 1, null,
        SourcePos.NONE);
    assertInstanceOf(TripCount.Counted.class, TripCount.of(loop));
  }

  private int trips(TripCount.Recomputed again, int first, int length) {
    return evaluate(again.trips(), Map.of(start, first, x, new double[length]));
  }

  /** The value of an int expression of the forms trip counts take, for the given variables. */
  private static int evaluate(Expr e, Map<Var, Object> values) {
    if (e instanceof Expr.Const c) {
      return (Integer) c.value();
    }
    if (e instanceof Var v) {
      return (Integer) values.get(v);
    }
    if (e instanceof Expr.ArrayLength length) {
      return ((double[]) values.get((Var) length.array())).length;
    }
    if (e instanceof Expr.Conditional c) {
      Expr.Binary test = (Expr.Binary) c.cond();
      int left = evaluate(test.left(), values);
      int right = evaluate(test.right(), values);
      boolean holds = switch (test.op()) {
        case GT -> left > right;
        case GE -> left >= right;
        default -> throw new IllegalArgumentException(test.op().toString());
      };
      return evaluate(holds ? c.ifTrue() : c.ifFalse(), values);
    }
    Expr.Binary b = (Expr.Binary) e;
    int left = evaluate(b.left(), values);
    int right = evaluate(b.right(), values);
    return switch (b.op()) {
      case ADD -> left + right;
      case SUB -> left - right;
      default -> throw new IllegalArgumentException(b.op().toString());
    };
  }

  private Stmt accumulate() {
    Expr element = new Expr.ArrayLoad(x, i, Type.DOUBLE);
    return new Stmt.Assign(s, new Expr.Binary(BinaryOp.ADD, s, element, Type.DOUBLE), SourcePos.NONE);
  }

  private Stmt.Loop forLoop(Expr first, BinaryOp test, Expr bound, Stmt body) {
    return new Stmt.Loop(Stmt.LoopKind.FOR, init(first), Block.EMPTY, new Expr.Binary(test, i, bound, Type.BOOLEAN),
        new Block(List.of(body)), increment(), 1, null, SourcePos.NONE);
  }

  private Block init(Expr first) {
    return new Block(List.of(new Stmt.Declare(i, first, SourcePos.NONE)));
  }

  private Block increment() {
    return new Block(List.of(new Stmt.Assign(i, new Expr.Binary(BinaryOp.ADD, i, Expr.Const.ofInt(1), Type.INT),
        SourcePos.NONE)));
  }
}
