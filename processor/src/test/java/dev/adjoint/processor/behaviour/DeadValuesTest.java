package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values that never reach the result, and overflow to infinity where they are computed. Their
 * adjoint is 0, and 0 times an infinite partial is NaN: the reverse sweep must write no adjoint for
 * them (the processor's usefulness analysis), or the whole gradient becomes NaN while the function
 * and its finite differences are fine. Each method's value stays finite; each derivative is checked
 * in both modes against finite differences, and the gradients against the known answer.
 */
class DeadValuesTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Dead", """
          private static void fillExp(double[] out, double s) {
            double t = Math.exp(s);
            for (int k = 0; k < out.length; k++) {
              out[k] = t;
            }
          }

          // x is used before the loop; inside it, it is overwritten by a value that grows to infinity
          // and is never read after the loop.
          @Differentiable
          static double overflowAfterLastUse(double x, double[] scratch) {
            double kept = x * x;
            x += x;
            for (int i = 0; i < 4; i++) {
              fillExp(scratch, x);
              x = scratch[i % scratch.length];
            }
            return kept;
          }

          // scratch is read first; later stores into it, and x, grow to infinity and are never read.
          @Differentiable
          static double storesAfterTheLastRead(double x, double[] scratch) {
            double kept = 0;
            for (int i = 0; i < scratch.length; i++) {
              kept += scratch[i] * x;
            }
            for (int i = 0; i < 4; i++) {
              fillExp(scratch, x);
              x = scratch[0] * kept;
            }
            return kept;
          }

          @Differentiable(wrt = {"x"})
          static double blowUp(double x, double s) {
            for (int i = 0; i < 3; i++) {
              s += Math.exp(s);
            }
            return x * s;
          }

          // A loop in the callee and a call in a loop: the call stays a call. Its result is unused.
          @Differentiable
          static double unusedScalarCall(double x) {
            double sum = 0;
            for (int i = 0; i < 2; i++) {
              double ignored = blowUp(x, 50 * x);
              sum += x * i;
            }
            return sum;
          }

          @Differentiable
          static double[] growing(double x, int n) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
              x = x * Math.exp(x);
              r[i] = x;
            }
            return r;
          }

          @Differentiable
          static double unusedArrayCall(double x) {
            double total = 0;
            for (int i = 0; i < 2; i++) {
              double[] ignored = growing(x + 3, 4);
              total += Math.sin(x) * i;
            }
            return total;
          }

          // The stored element's partial is infinite; nothing reads the array.
          @Differentiable
          static double storeIntoUnreadArray(double x) {
            double y = x * x;
            double[] junk = new double[2];
            junk[0] = y * Math.exp(1000 * y);
            return y;
          }

          @Differentiable
          static double packIntoUnreadArray(double x) {
            double y = Math.sin(x);
            double[] junk = {y * Math.exp(1000 * y), 1.0};
            return 3 * y;
          }

          // t is read, then overwritten with an infinite-partial value that nothing reads.
          @Differentiable
          static double overwrittenAfterLastUse(double x) {
            double t = x * 2;
            double out = t * t;
            t = Math.exp(1000 * x) * t;
            return out;
          }

          // A dead value inside a branch of a loop, next to a live one.
          @Differentiable
          static double deadInABranch(double[] x) {
            double s = 0;
            double waste = 0;
            for (int i = 0; i < x.length; i++) {
              if (x[i] > 0) {
                waste = Math.exp(1000 * x[i]) * x[i];
                s += x[i] * x[i];
              } else {
                s -= x[i];
              }
            }
            return s;
          }
        """);
  }

  @Test
  void aValueOverwrittenInALoopAfterItsLastUseGetsNoAdjoint() {
    fx.check("overflowAfterLastUse", at(1.1, new double[] {0.4, 0.8}), at(-0.7, new double[] {0.1, 0.2, 0.3}));
    Object[] g = fx.gradient("overflowAfterLastUse", 1.1, new double[] {0.4, 0.8});
    assertEquals(2.2, (Double) g[0], 1e-12);
    assertArrayEquals(new double[] {0, 0}, (double[]) g[1]);
  }

  @Test
  void storesIntoAnArrayAfterItsLastReadGetNoAdjoint() {
    double[] scratch = {0.5, 0.7};
    fx.check("storesAfterTheLastRead", at(1.1, scratch), at(0.8, new double[] {1.0, 0.2, 0.3}));
    Object[] g = fx.gradient("storesAfterTheLastRead", 1.1, scratch.clone());
    assertEquals(1.2, (Double) g[0], 1e-12);
    assertArrayEquals(new double[] {1.1, 1.1}, (double[]) g[1], 1e-12);
  }

  @Test
  void anUnusedResultOfAKeptScalarCallGetsNoAdjoint() {
    fx.check("unusedScalarCall", at(1.3), at(2.0));
    assertEquals(1.0, fx.partial("unusedScalarCall", 0, 1.3), 1e-12);
  }

  @Test
  void anUnusedResultOfAKeptArrayCallGetsNoAdjoint() {
    fx.check("unusedArrayCall", at(0.9), at(1.7));
    assertEquals(Math.cos(0.9), fx.partial("unusedArrayCall", 0, 0.9), 1e-12);
  }

  @Test
  void aStoreIntoAnArrayNothingReadsGetsNoAdjoint() {
    fx.check("storeIntoUnreadArray", at(1.5), at(-2.0));
    assertEquals(3.0, fx.partial("storeIntoUnreadArray", 0, 1.5), 1e-12);
    fx.check("packIntoUnreadArray", at(1.2), at(0.3));
    assertEquals(3 * Math.cos(1.2), fx.partial("packIntoUnreadArray", 0, 1.2), 1e-12);
  }

  @Test
  void anAssignmentAfterTheLastUseGetsNoAdjoint() {
    fx.check("overwrittenAfterLastUse", at(1.0), at(2.5));
    assertEquals(8 * 2.5, fx.partial("overwrittenAfterLastUse", 0, 2.5), 1e-12);
  }

  @Test
  void aDeadValueInALoopBranchGetsNoAdjointAndTheLiveOneDoes() {
    double[] x = {1.0, -0.5, 2.0};
    fx.check("deadInABranch", at(x), at(new double[] {-1.0, 3.0}));
    double[] g = (double[]) fx.gradient("deadInABranch", (Object) x)[0];
    assertArrayEquals(new double[] {2.0, -1.0, 4.0}, g, 1e-12);
    assertTrue(fx.generatedMethod("deadInABranchGradient").contains("waste = "),
        "the forward sweep still computes the dead value, as the source does");
  }
}
