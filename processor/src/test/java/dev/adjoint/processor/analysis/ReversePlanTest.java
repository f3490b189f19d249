package dev.adjoint.processor.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Expr.BinaryOp;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the reverse plan decides, on flattened IR built by hand: which values are recorded, which
 * loops count their trips again, which branch conditions are evaluated again, and how a call's
 * derivative sees its arguments.
 */
class ReversePlanTest {
  private static final SourcePos AT = SourcePos.NONE;
  private final Var x = new Var("x", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
  private final Var i = new Var("i", Type.INT, Var.Role.LOCAL);
  private final Var s = new Var("s", Type.DOUBLE, Var.Role.LOCAL);

  @Test
  void aSumOfSquaresLoopRecordsNothing() {
    // s = s + x[i] * x[i]: the partials read x and i, never s.
    Function f = function(loop(new Stmt.Assign(s, add(s, mul(element(), element())), AT)));
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    assertNothingRecorded(plan);
    assertTrue(plan.readInReverse(i), "the index is set again by the reverse sweep");
    assertTrue(plan.valuesReadInReverse().contains(x));
    assertFalse(plan.valuesReadInReverse().contains(s), "no partial reads s");
  }

  @Test
  void aLoopWithInvariantBoundsRecordsNoTripCount() {
    Function f = function(loop(new Stmt.Assign(s, add(s, element()), AT)));
    Stmt.Loop l = firstLoop(f);
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    TripCount.Recomputed again = assertInstanceOf(TripCount.Recomputed.class, plan.tripCount(l));
    assertTrue(plan.valuesReadInReverse().containsAll(dev.adjoint.processor.ir.Walk.reads(again.trips())));
  }

  @Test
  void aProductLoopRecordsTheRunningProduct() {
    // s = s * x[i]: the partial with respect to x[i] is the old s, which the next iteration overwrites.
    Function f = function(loop(new Stmt.Assign(s, mul(s, element()), AT)));
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    assertTrue(plan.recorded(s));
    assertFalse(plan.recorded(i), "a counted index is recomputed, not recorded");
  }

  @Test
  void aValueComputedAtTheTopOfTheBodyIsRecomputedNotRecorded() {
    // double a = 2 * x[i]; s = s + sin(a): a is read by sin's partial, and computed again from x[i].
    Var a = new Var("a", Type.DOUBLE, Var.Role.LOCAL);
    Stmt define = new Stmt.Declare(a, mul(Expr.Const.ofDouble(2), element()), AT);
    Expr sine = new Expr.MathCall("java.lang.Math", "sin", List.of(a), Type.DOUBLE, null);
    Function f = function(loop(define, new Stmt.Assign(s, add(s, sine), AT)));
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    assertTrue(plan.valuesReadInReverse().contains(a));
    assertTrue(plan.recomputed(a));
    assertNothingRecorded(plan);
  }

  @Test
  void aBranchOnTheIndexIsEvaluatedAgainAndOneOnTheRunningValueIsNot() {
    Expr even = new Expr.Binary(BinaryOp.EQ, new Expr.Binary(BinaryOp.REM, i, Expr.Const.ofInt(2), Type.INT),
        Expr.Const.ofInt(0), Type.BOOLEAN);
    Stmt.If onIndex = new Stmt.If(even, new Block(List.of(new Stmt.Assign(s, add(s, element()), AT))), Block.EMPTY,
        AT);
    Function f = function(loop(onIndex));
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    assertTrue(plan.conditionHoldsInReverse(onIndex));
    assertNothingRecorded(plan);

    Expr large = new Expr.Binary(BinaryOp.GT, s, Expr.Const.ofDouble(1), Type.BOOLEAN);
    Stmt.If onValue = new Stmt.If(large, new Block(List.of(new Stmt.Assign(s, mul(s, element()), AT))),
        new Block(List.of(new Stmt.Assign(s, add(s, element()), AT))), AT);
    Function g = function(loop(onValue));
    assertFalse(ReversePlan.of(g, Activity.of(g)).conditionHoldsInReverse(onValue),
        "s changes in the loop: its value at the branch is gone by the reverse sweep");
  }

  @Test
  void aCallWithAnAdjointRecordsNoObjectAndSeesItsArgumentsAsTheyAre() {
    // s = s + g(x, i) in a loop; nothing writes x: the reverse sweep calls g's adjoint on x itself.
    Expr.Invoke call = call(x);
    Var t = new Var("t", Type.DOUBLE, Var.Role.LOCAL);
    Function f = function(loop(new Stmt.Declare(t, call, AT), new Stmt.Assign(s, add(s, t), AT)));
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    assertTrue(plan.hasAdjointFor(call), "the adjoint, not a gradient record per call");
    assertEquals(ReversePlan.ArgumentAtCall.AS_IS, plan.argumentAtCall(x, 1));
    assertTrue(plan.valuesReadInReverse().containsAll(Set.of(x, i)));
    assertNothingRecorded(plan);
  }

  @Test
  void anArrayWrittenAfterTheCallIsCopiedAtTheCall() {
    // double t = g(w, 0); w[0] = 0; ...: the adjoint must see w as it was at the call.
    Var w = new Var("w", Type.DOUBLE_ARRAY, Var.Role.LOCAL);
    Var t = new Var("t", Type.DOUBLE, Var.Role.LOCAL);
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Declare(w, new Expr.ArrayClone(x), AT));
    body.add(new Stmt.Declare(t, callAt(w, Expr.Const.ofInt(0)), AT));
    body.add(new Stmt.ArrayStore(w, Expr.Const.ofInt(0), Expr.Const.ofDouble(0), AT));
    body.add(new Stmt.Declare(s, t, AT));
    body.add(new Stmt.Return(s, AT));
    Function f = new Function("f", List.of(new Function.Parameter(x, true)), Type.DOUBLE, new Block(body), AT);
    ReversePlan plan = ReversePlan.of(f, Activity.of(f));
    assertEquals(ReversePlan.ArgumentAtCall.COPY, plan.argumentAtCall(w, 1));
    assertEquals(ReversePlan.ArgumentAtCall.AS_IS, plan.argumentAtCall(w, 3), "nothing writes w after the last statement");
  }

  @Test
  void aLoadOfWhatItsOwnIterationStoredIsLoadedAgainNotRecorded() {
    // c[i] = x[i] * x[i]; double t = c[i]; s = s + t * t: in iteration i, c[i] holds what it stored,
    // and no later iteration stores there.
    Var c = new Var("c", Type.DOUBLE_ARRAY, Var.Role.LOCAL);
    Var t = new Var("t", Type.DOUBLE, Var.Role.LOCAL);
    Stmt store = new Stmt.ArrayStore(c, i, mul(element(), element()), AT);
    Stmt load = new Stmt.Declare(t, new Expr.ArrayLoad(c, i, Type.DOUBLE), AT);
    Stmt use = new Stmt.Assign(s, add(s, mul(t, t)), AT);
    ReversePlan plan = planOf(c, loop(store, load, use));
    assertTrue(plan.loadsOwnIterationsStore(load));
    assertFalse(plan.valuesReadInReverse().contains(t), "the partial loads c[i] again");
    assertNothingRecorded(plan);
    // Stored after the load: the load reads the element as it was before the iteration.
    ReversePlan after = planOf(c, loop(load, store, use));
    assertFalse(after.loadsOwnIterationsStore(load));
    // Stored at another index too: a later iteration may overwrite what an earlier one loaded.
    Stmt elsewhere = new Stmt.ArrayStore(c, Expr.Const.ofInt(0), Expr.Const.ofDouble(1), AT);
    assertFalse(planOf(c, loop(store, load, use, elsewhere)).loadsOwnIterationsStore(load));
  }

  @Test
  void aSumReadOnlyAfterItsLoopIsNotRecorded() {
    // s = s + x[i]; then r = s * s: the reverse sweep reads s only after its last assignment.
    Var r = new Var("r", Type.DOUBLE, Var.Role.LOCAL);
    Stmt after = new Stmt.Declare(r, mul(s, s), AT);
    ReversePlan plan = planWithAfter(loop(new Stmt.Assign(s, add(s, element()), AT)), after, r);
    assertTrue(plan.valuesReadInReverse().contains(s));
    assertFalse(plan.recorded(s), "the restores of s inside the loop would be read by nothing");
    // s = s * x[i]: the loop's own adjoint reads the old s, so it is recorded.
    ReversePlan product = planWithAfter(loop(new Stmt.Assign(s, mul(s, element()), AT)), after, r);
    assertTrue(product.recorded(s));
  }

  /** {@code double s = 0; <loop>; <after>; return result;} */
  private ReversePlan planWithAfter(Stmt.Loop loop, Stmt after, Var result) {
    Block body = new Block(List.of(new Stmt.Declare(s, Expr.Const.ofDouble(0), AT), loop, after,
        new Stmt.Return(result, AT)));
    Function f = new Function("f", List.of(new Function.Parameter(x, true)), Type.DOUBLE, body, AT);
    return ReversePlan.of(f, Activity.of(f));
  }

  /** {@code double[] c = new double[x.length]; double s = 0; <loop>; return s;} */
  private ReversePlan planOf(Var c, Stmt.Loop loop) {
    Block body = new Block(List.of(
        new Stmt.Declare(c, new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(new Expr.ArrayLength(x))), AT),
        new Stmt.Declare(s, Expr.Const.ofDouble(0), AT), loop, new Stmt.Return(s, AT)));
    Function f = new Function("f", List.of(new Function.Parameter(x, true)), Type.DOUBLE, body, AT);
    return ReversePlan.of(f, Activity.of(f));
  }

  // ---- IR ---------------------------------------------------------------------------------------

  private void assertNothingRecorded(ReversePlan plan) {
    for (Var v : plan.valuesReadInReverse()) {
      assertFalse(plan.recorded(v), v + " is recorded");
    }
  }

  /** {@code double s = 0; <loop>; return s;} with x differentiable. */
  private Function function(Stmt.Loop loop) {
    Block body = new Block(List.of(new Stmt.Declare(s, Expr.Const.ofDouble(0), AT), loop, new Stmt.Return(s, AT)));
    return new Function("f", List.of(new Function.Parameter(x, true)), Type.DOUBLE, body, AT);
  }

  private static Stmt.Loop firstLoop(Function f) {
    return (Stmt.Loop) f.body().statements().get(1);
  }

  /** {@code for (int i = 0; i < x.length; i++) { body }}. */
  private Stmt.Loop loop(Stmt... body) {
    Block init = new Block(List.of(new Stmt.Declare(i, Expr.Const.ofInt(0), AT)));
    Expr test = new Expr.Binary(BinaryOp.LT, i, new Expr.ArrayLength(x), Type.BOOLEAN);
    Block update = new Block(List.of(new Stmt.Assign(i, new Expr.Binary(BinaryOp.ADD, i, Expr.Const.ofInt(1),
        Type.INT), AT)));
    return new Stmt.Loop(Stmt.LoopKind.FOR, init, Block.EMPTY, test, new Block(List.of(body)), update, 1, null, AT);
  }

  private Expr element() {
    return new Expr.ArrayLoad(x, i, Type.DOUBLE);
  }

  private Expr.Invoke call(Var array) {
    return callAt(array, i);
  }

  /** {@code g(array, index)}, differentiable in the array, with an allocation-free adjoint. */
  private static Expr.Invoke callAt(Var array, Expr index) {
    MethodRef.DerivativeSignature sig = new MethodRef.DerivativeSignature("p.GDerivatives", "gGradient",
        "GGradient", "gPullback", "GPullback", "gTangent", "GTangent", List.of(true, false), List.of("xBar", ""),
        "gAdjoint", null);
    MethodRef g = new MethodRef("p.G", "g", List.of(Type.DOUBLE_ARRAY, Type.INT), Type.DOUBLE, sig);
    return new Expr.Invoke(g, List.of(array, index), AT);
  }

  private static Expr add(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.ADD, a, b, Type.DOUBLE);
  }

  private static Expr mul(Expr a, Expr b) {
    return new Expr.Binary(BinaryOp.MUL, a, b, Type.DOUBLE);
  }
}
