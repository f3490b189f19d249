package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.DifferentiableMethod;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reverse sweep pops everything its forward sweep pushed: the runtime's tape throws on close
 * when entries are left, so a leak fails the call that leaks. Many calls in a row, with loops that
 * exit early, nested calls that use their own tape, and large tapes.
 */
class TapeTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Taped", """
          @Differentiable
          static double inner(double[] v, double x) {
            double s = 0;
            int i = 0;
            while (i < v.length && s < 50) {
              s = s * Math.cos(x) + v[i] * x;
              i++;
            }
            return s;
          }

          @Differentiable
          static double outer(double[] v, double x, int n) {
            double acc = 0;
            for (int k = 0; k < n; k++) {
              double t = inner(v, x + k * 0.1);
              if (t > 1) {
                acc = acc * 0.5 + t;
                continue;
              }
              acc -= t * t;
              if (acc < -100) {
                break;
              }
            }
            return acc * x;
          }

          @Differentiable
          static double search(double[][] m, double x) {
            double best = 0;
            outer:
            for (double[] row : m) {
              double s = 0;
              for (double e : row) {
                s = s * x + e;
                if (s > 10) {
                  best = best + s;
                  continue outer;
                }
                if (s < -10) {
                  return best - s;
                }
              }
              best = best * x + s;
            }
            return best;
          }

          @Differentiable
          static double long_(double x, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              s = Math.sin(s) + x;
            }
            return s * 1.0;
          }
        """);
  }

  @Test
  void manyCallsInARow() {
    Random random = new Random(10);
    DifferentiableMethod outer = fx.method("outer");
    DifferentiableMethod search = fx.method("search");
    for (int call = 0; call < 300; call++) {
      double[] v = vector(random, random.nextInt(6), -2, 2);
      double x = Fixture.uniform(random, -1.5, 1.5);
      int n = random.nextInt(5);
      outer.gradient(v, x, n);
      outer.tangent(at(v, x, n), at(vector(random, v.length, -1, 1), 1.0, null));
      double[][] m = Fixture.matrix(random, random.nextInt(4), random.nextInt(5), -6, 6);
      search.gradient(m, x * 3);
    }
    // and the derivatives are still right afterwards
    fx.check("outer", at(new double[] {0.5, 1.5, -0.3}, 0.7, 4), at(new double[] {2.0}, -0.4, 3),
        at(new double[] {}, 1.1, 2));
    double[][] m = {{1, 2, 3}, {-4, 8, 9}, {0.5, 0.25}};
    fx.check("search", at(m, 1.3), at(m, 0.4), at(m, 2.2), at(m, -1.7));
  }

  @Test
  void largeTapesAndThenSmallOnes() {
    fx.check("long_", at(0.5, 100_000), at(0.5, 0), at(1.2, 3), at(-0.7, 1000));
    for (int i = 0; i < 50; i++) {
      fx.gradient("long_", 0.3 + i * 0.01, i);
    }
    // one trip: s = sin(x) + x
    assertEquals(Math.cos(0.9) + 1, fx.partial("long_", 0, 0.9, 1), 1e-15);
  }

  @Test
  void callThatThrowsDoesNotSpoilTheNext() {
    // outer reads v[i] in inner; with a null array the original throws, and so do the derivatives
    assertThrows(NullPointerException.class, () -> fx.callCompanion0("outerGradient", null, 0.5, 2));
    fx.check("outer", at(new double[] {0.5, 1.5}, 0.7, 3), at(new double[] {-1.0, 1.0, 2.0}, 0.2, 2),
        at(new double[] {3.0}, -0.9, 1));
  }
}
