package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loops whose start and bound do not change inside them have their trip counts computed again by
 * the reverse sweep instead of recorded: nested loops then put nothing on the tape. The variables
 * the bounds read may change elsewhere (before, after, in an enclosing loop): the derivatives stay
 * right, in both modes and to second order.
 */
class LoopTripCountsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Trips", """
          // triangular nested loops: the inner start reads the outer counter
          @Differentiable
          static double triangle(double[] x, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              for (int j = i + 1; j < x.length; j++) {
                s += Math.sin(x[i] * x[j]);
              }
            }
            return s;
          }

          // ADBench's packed lower triangle: an int and a boolean computed from the index at the top of
          // the body are computed again in the reverse sweep, and so is the branch on the boolean
          @Differentiable
          static double packedLower(double[] packed, double[] v) {
            int d = v.length;
            double s = 0;
            for (int i = 0; i < d; i++) {
              int columnStart = i * (2 * d - i - 1) / 2;
              boolean even = i % 2 == 0;
              for (int j = i + 1; j < d; j++) {
                double term = packed[columnStart + j - i - 1] * v[i] * v[j];
                if (even) {
                  s += term;
                } else {
                  s -= Math.sin(term);
                }
              }
            }
            return s;
          }

          // an inclusive bound, and a start past the bound at some points (no iteration)
          @Differentiable
          static double inclusive(double[] x, int from, int to) {
            double s = x[0];
            for (int k = 0; k < 2; k++) {
              for (int i = from; i <= to; i++) {
                s = s * Math.cos(x[i]) + x[i];
              }
            }
            return s;
          }

          // the bound changes inside the loop: counted
          @Differentiable
          static double shrinking(double[] x, double y) {
            double s = y;
            int m = x.length;
            for (int i = 0; i < m; i++) {
              s = s * x[i] + y;
              if (s > 2) {
                m--;
              }
            }
            return s;
          }

          // the bound's variable changes after the loop, and in the enclosing loop
          @Differentiable
          static double reassignedBound(double[] x, double y) {
            double s = y;
            int m = 2;
            for (int i = 0; i < m; i++) {
              s = Math.sin(s + x[i]);
            }
            m = x.length;
            for (int i = 0; i < m; i++) {
              s = s * y + x[i];
            }
            for (int k = 0; k < x.length; k++) {
              int len = k + 1;
              for (int j = 0; j < len; j++) {
                s = Math.tanh(s * x[j]) + y;
              }
              len = 0;
            }
            return s;
          }
        """);
  }

  @Test
  void nestedLoopsWithInvariantBoundsPutNothingOnTheTape() {
    String gradient = method(fx.generated(), "public static TriangleGradient triangleGradient(");
    assertFalse(gradient.contains("tape.push"), gradient);
    assertTrue(gradient.contains("Start = i + 1;"), "the inner start is computed again:\n" + gradient);
    Random r = new Random(3);
    for (int n : new int[] {0, 1, 3, 5}) {
      fx.check("triangle", at(vector(r, 5, -1.5, 1.5), n));
    }
  }

  @Test
  void valuesAndBranchesComputedFromTheIndexAreComputedAgainNotRecorded() {
    String gradient = method(fx.generated(), "public static PackedLowerGradient packedLowerGradient(");
    assertFalse(gradient.contains("tape.push"), gradient);
    Random r = new Random(7);
    for (int t = 0; t < 4; t++) {
      fx.check("packedLower", at(vector(r, 10, -1, 1), vector(r, 5, -1.5, 1.5)));
    }
  }

  @Test
  void inclusiveBoundsAndEmptyLoops() {
    assertFalse(method(fx.generated(), "public static InclusiveGradient inclusiveGradient(").contains("tape.pushInt"));
    Random r = new Random(4);
    for (int[] range : new int[][] {{0, 4}, {2, 3}, {3, 3}, {4, 1}}) {
      fx.check("inclusive", at(vector(r, 5, -1.2, 1.2), range[0], range[1]));
    }
  }

  @Test
  void aBoundThatChangesInsideTheLoopIsCounted() {
    assertTrue(method(fx.generated(), "public static ShrinkingGradient shrinkingGradient(").contains("trips++"));
    Random r = new Random(5);
    for (int t = 0; t < 6; t++) {
      fx.check("shrinking", at(vector(r, 6, 0.2, 1.4), 0.3 + 0.2 * t));
    }
  }

  @Test
  void boundsReadTheirVariablesAsTheyWereAtTheLoop() {
    Random r = new Random(6);
    for (int t = 0; t < 5; t++) {
      fx.check("reassignedBound", at(vector(r, 4, -1, 1), 0.1 + 0.3 * t));
    }
  }

  /** The text of one generated method, from its signature to its closing brace. */
  private static String method(String source, String signature) {
    int start = source.indexOf(signature);
    assertTrue(start >= 0, "no " + signature + " in\n" + source);
    return source.substring(start, source.indexOf("\n  }\n", start));
  }
}
