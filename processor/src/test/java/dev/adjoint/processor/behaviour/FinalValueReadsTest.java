package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A variable the reverse sweep reads only after its last assignment (the sum of a log-sum-exp, read
 * by the adjoint of {@code log(sum)}) is not recorded where its loop overwrites it: nothing would
 * read the restored values. Where something earlier reads an older value, it is recorded as before,
 * and the derivatives stay right either way.
 */
class FinalValueReadsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Finals", """
          @Differentiable
          static double logSumExp(double[] v) {
            double max = v[0];
            for (int i = 1; i < v.length; i++) {
              if (max < v[i]) {
                max = v[i];
              }
            }
            double sum = 0.0;
            for (int i = 0; i < v.length; i++) {
              sum += Math.exp(v[i] - max);
            }
            return Math.log(sum) + max;
          }

          // the running product's old values are read by its own loop's adjoint
          @Differentiable
          static double productThenSquare(double[] x) {
            double p = 1;
            for (int i = 0; i < x.length; i++) {
              p = p * Math.sin(x[i]);
            }
            return p * p + p;
          }

          // s is read after its loop and again, at an older value, by the statement before it
          @Differentiable
          static double readBeforeAndAfter(double[] x) {
            double s = x[0] * x[0];
            double t = s * x[1];
            for (int i = 0; i < x.length; i++) {
              s = s + Math.cos(x[i] * t);
            }
            return s * t;
          }

          // the inner sum is read after its loop, inside an outer loop that runs it again
          @Differentiable
          static double nestedSums(double[] x) {
            double total = 0;
            for (int k = 1; k <= 3; k++) {
              double s = 0;
              for (int i = 0; i < x.length; i++) {
                s += Math.exp(x[i] * k);
              }
              total += Math.log(s) * k;
            }
            return total;
          }

          // a later loop's reversed iterations compute a value again from m, which the first loop set
          @Differentiable
          static double recomputedFromIt(double[] x) {
            double m = 0;
            for (int i = 0; i < x.length; i++) {
              m = m + x[i] * 0.5;
            }
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double d = x[i] - m;
              s += d * d * d;
            }
            return s;
          }

          // the loop's reversed iterations compute d again from m, which is assigned again after it
          @Differentiable
          static double overwrittenAfter(double[] x) {
            double m = x[0] * 0.5;
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double d = x[i] - m;
              s += d * d * d;
            }
            m = 3.0 * x[1];
            return s * m;
          }
        """);
  }

  @Test
  void aSumReadAfterItsLoopIsNotRecorded() {
    String gradient = fx.generatedMethod("logSumExpGradient");
    assertFalse(gradient.contains("tape.pushDouble"), gradient);
    Random r = new Random(31);
    for (int n : new int[] {1, 2, 5, 9}) {
      fx.check("logSumExp", at(vector(r, n, -3, 3)));
    }
  }

  @Test
  void valuesReadBeforeTheirLastAssignmentAreStillRecorded() {
    Random r = new Random(32);
    for (int t = 0; t < 4; t++) {
      fx.check("productThenSquare", at(vector(r, 4, -1.5, 1.5)));
      fx.check("readBeforeAndAfter", at(vector(r, 3, -1.5, 1.5)));
      fx.check("nestedSums", at(vector(r, 3, -1, 1)));
      fx.check("recomputedFromIt", at(vector(r, 5, -1.5, 1.5)));
      fx.check("overwrittenAfter", at(vector(r, 4, -1.5, 1.5)));
    }
    assertTrue(fx.generatedMethod("productThenSquareGradient").contains("tape.pushDouble"));
  }
}
