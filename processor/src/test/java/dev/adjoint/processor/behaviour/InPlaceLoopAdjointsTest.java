package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A loop that ends the method and whose iterations only add into the result and into adjoints runs
 * each iteration's adjoint right after it, in one pass, instead of in a second, reversed loop. Loops
 * whose iterations depend on each other in reverse (a running product, a value carried to the next
 * iteration, an array the loop writes, a loop followed by more code) are reversed as before. Both
 * kinds are checked against central differences, between the modes, and to second order.
 */
class InPlaceLoopAdjointsTest {
  private static final String IN_PLACE = "run right after it";
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("InPlace", """
          @Differentiable
          static double rosenbrock(double[] x) {
            double sum = 0.0;
            for (int i = 0; i < x.length - 1; i++) {
              double valley = x[i + 1] - x[i] * x[i];
              double offset = 1.0 - x[i];
              sum += 100.0 * valley * valley + offset * offset;
            }
            return sum;
          }

          // scalar parameters read by every iteration: their adjoints are added into
          @Differentiable
          static double leastSquares(double a, double b, double[] t, double[] y) {
            double loss = 0;
            for (int i = 0; i < t.length; i++) {
              double r = a * Math.exp(b * t[i]) - y[i];
              loss += r * r;
            }
            return loss;
          }

          // a value computed before the loop, whose adjoint the code before the loop hands on
          @Differentiable
          static double scaledBeforeTheLoop(double p, double[] x) {
            double c = Math.exp(p) * x[0];
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s -= c * Math.sin(x[i]);
            }
            return s;
          }

          // an inner loop, rows of a matrix through an alias
          @Differentiable
          static double rowsAndColumns(double[][] m, double w) {
            double total = 0;
            for (int i = 0; i < m.length; i++) {
              double[] row = m[i];
              for (int j = 0; j < row.length; j++) {
                total += row[j] * row[j] * w + Math.sin(row[j] * w) * i;
              }
            }
            return total;
          }

          // a tail after the loop that is linear in its sum: a mean, a scale, a term fixed before it
          @Differentiable
          static double meanSquare(double[] x, double reg) {
            double penalty = reg * reg * x[0];
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
              sum += (x[i] - reg) * (x[i] - reg);
            }
            double mean = sum / x.length;
            return 0.5 * mean + penalty;
          }

          // ---- loops whose adjoint records values: reversed as before ----

          // the inner sum's old values are recorded, and values computed in a branch
          @Differentiable
          static double rowsWithInnerLoop(double[][] m, double w) {
            double total = 0;
            for (int i = 0; i < m.length; i++) {
              double[] row = m[i];
              double dot = 0;
              for (int j = 0; j < row.length; j++) {
                dot += row[j] * row[j] * w;
              }
              if (i % 2 == 0) {
                total += Math.sqrt(dot + 1.0);
              } else {
                total += dot * w;
              }
            }
            return total;
          }

          // the same variable is assigned twice in an iteration
          @Differentiable
          static double twiceInAnIteration(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double t = x[i] * x[i];
              t = Math.cos(t) * x[i];
              s += t;
            }
            return s;
          }

          // a while loop with its own counter
          @Differentiable
          static double whileLoop(double[] x, int n) {
            double s = 0;
            int k = 0;
            while (k < n) {
              s += Math.log(1.0 + x[k % x.length] * x[k % x.length]);
              k += 2;
            }
            return s;
          }

          // ---- loops whose iterations depend on each other in reverse: reversed as before ----

          @Differentiable
          static double runningProduct(double[] x) {
            double p = 1;
            for (int i = 0; i < x.length; i++) {
              p = p * Math.sin(x[i]) + x[i];
            }
            return p;
          }

          // nothing recorded, but the result's adjoint changes from one iteration to the next
          @Differentiable
          static double decaying(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s = 0.75 * s + x[i] * x[i];
            }
            return s;
          }

          // nothing recorded, but prev's adjoint flows from one iteration's adjoint to the one before
          @Differentiable
          static double linearInThePrevious(double[] x) {
            double s = 0;
            double prev = 0;
            for (int i = 0; i < x.length; i++) {
              s += prev + x[i] * x[i];
              prev = Math.sin(x[i]);
            }
            return s;
          }

          @Differentiable
          static double carriedToTheNext(double[] x) {
            double s = 0;
            double prev = x[0];
            for (int i = 1; i < x.length; i++) {
              s += (x[i] - prev) * (x[i] - prev);
              prev = x[i];
            }
            return s;
          }

          @Differentiable
          static double writesAnArray(double[] x) {
            double[] y = new double[x.length];
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i] * x[i];
              s += Math.sin(y[i]) * y[(i + 1) % x.length];
            }
            return s;
          }

          @Differentiable
          static double loopThenMore(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += x[i] * x[i];
            }
            return Math.log(s);
          }

          // the tail adds the last iteration's value, whose adjoint the iterations use for their own
          @Differentiable
          static double tailReadsTheLastValue(double[] x) {
            double sum = 0;
            double t = 0;
            for (int i = 0; i < x.length; i++) {
              t = x[i] * x[i];
              sum += t;
            }
            double r = sum + 3.0 * t;
            return r;
          }

          @Differentiable
          static double readsItsOwnSum(double[] x) {
            double s = 1;
            for (int i = 0; i < x.length; i++) {
              s += Math.sin(s) * x[i];
            }
            return s;
          }

          // ---- the allocation-free adjoint, from a caller's loop ----

          @Differentiable
          static double sumOfSquares(double[] x, double scale) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              s += scale * x[i] * x[i];
            }
            return s;
          }

          @Differentiable
          static double caller(double[] x, double scale) {
            double t = 0;
            for (int k = 0; k < 3; k++) {
              t += Math.sin(sumOfSquares(x, scale * (k + 1)));
            }
            return t;
          }
        """);
  }

  @Test
  void aSumOverAVectorRunsInOnePass() {
    String gradient = fx.generatedMethod("rosenbrockGradient");
    assertTrue(gradient.contains(IN_PLACE), gradient);
    assertFalse(gradient.contains("iteration--"), gradient);
    assertFalse(gradient.contains("tape"), gradient);
    Random r = new Random(4);
    for (int n : new int[] {1, 2, 3, 8}) {
      fx.check("rosenbrock", at(vector(r, n, -1.5, 1.5)));
    }
  }

  @Test
  void scalarParametersAndValuesBeforeTheLoop() {
    assertTrue(fx.generatedMethod("leastSquaresGradient").contains(IN_PLACE));
    assertTrue(fx.generatedMethod("scaledBeforeTheLoopGradient").contains(IN_PLACE));
    Random r = new Random(5);
    for (int n : new int[] {0, 1, 4}) {
      fx.check("leastSquares", at(uniform(r, -1, 1), uniform(r, -0.5, 0.5), vector(r, n, 0, 2), vector(r, n, -1, 1)));
    }
    for (int n : new int[] {1, 2, 6}) {
      fx.check("scaledBeforeTheLoop", at(uniform(r, -1, 1), vector(r, n, -2, 2)));
    }
  }

  @Test
  void aTailLinearInTheSumRunsItsAdjointBeforeTheLoop() {
    String gradient = fx.generatedMethod("meanSquareGradient");
    assertTrue(gradient.contains(IN_PLACE), gradient);
    assertFalse(gradient.contains("iteration--"), gradient);
    Random r = new Random(9);
    for (int n : new int[] {1, 2, 6}) {
      fx.check("meanSquare", at(vector(r, n, -1.5, 1.5), uniform(r, -1, 1)));
    }
  }

  @Test
  void innerLoopsBranchesAndRows() {
    String gradient = fx.generatedMethod("rowsAndColumnsGradient");
    assertTrue(gradient.contains(IN_PLACE), gradient);
    assertEquals(1, count(gradient, "iteration--"), gradient);
    Random r = new Random(6);
    for (int rows : new int[] {0, 1, 2, 5}) {
      fx.check("rowsAndColumns", at(matrix(r, rows, 3, -1, 1), uniform(r, 0.5, 1.5)));
    }
  }

  @Test
  void loopsWhoseAdjointRecordsValuesAreReversedAsBefore() {
    for (String name : new String[] {"rowsWithInnerLoop", "twiceInAnIteration", "whileLoop"}) {
      String gradient = fx.generatedMethod(name + "Gradient");
      assertFalse(gradient.contains(IN_PLACE), gradient);
      assertTrue(gradient.contains("tape.pop"), gradient);
    }
    Random r = new Random(7);
    for (int n : new int[] {0, 1, 5, 8}) {
      fx.check("whileLoop", at(vector(r, 3, -1, 1), n));
      fx.check("twiceInAnIteration", at(vector(r, n, -1.5, 1.5)));
      fx.check("rowsWithInnerLoop", at(matrix(r, n, 3, -1, 1), uniform(r, 0.5, 1.5)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"decaying", "linearInThePrevious", "runningProduct", "carriedToTheNext", "writesAnArray",
      "loopThenMore", "tailReadsTheLastValue", "readsItsOwnSum"})
  void iterationsThatDependOnEachOtherAreReversedAsBefore(String name) {
    String gradient = fx.generatedMethod(name + "Gradient");
    assertFalse(gradient.contains(IN_PLACE), gradient);
    Random r = new Random(name.hashCode());
    for (int n : new int[] {1, 2, 5}) {
      fx.check(name, at(vector(r, n, -1.2, 1.2)));
    }
  }

  @Test
  void aCallerInALoopCallsTheSplitPartsOfTheCalleesAdjoint() {
    // The caller's forward sweep computes the callee's value once; the reverse part runs only the
    // reversed loop, not the callee's forward loop again as the adjoint in one piece (in place) would.
    String caller = fx.generatedMethod("callerGradient");
    assertTrue(caller.contains("sumOfSquaresAdjointWrtXScaleForward(x, "), caller);
    assertTrue(caller.contains("sumOfSquaresAdjointWrtXScaleReverse(x, "), caller);
    String all = fx.generated();
    int start = all.indexOf("static double sumOfSquaresAdjointWrtXScaleReverse(");
    assertTrue(start >= 0, all);
    String reversePart = all.substring(start, all.indexOf("  }\n", start));
    assertTrue(reversePart.contains("iteration--"), reversePart);
    assertFalse(reversePart.contains("; i < x.length; i++) {"), reversePart);
    assertFalse(reversePart.contains(IN_PLACE), reversePart);
    Random r = new Random(8);
    for (int n : new int[] {1, 3}) {
      fx.check("caller", at(vector(r, n, -1, 1), uniform(r, 0.2, 0.8)));
      fx.check("sumOfSquares", at(vector(r, n, -1, 1), uniform(r, 0.2, 0.8)));
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
