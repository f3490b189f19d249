package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loops: for, while, do/while, enhanced for, break/continue (labelled too), nesting, early return. */
class LoopsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Loops", """
          @Differentiable
          static double forLoop(double x, int n) {
            double s = 1;
            for (int i = 0; i < n; i++) {
              s = s * x + Math.sin(s);
            }
            return s + 0.0;
          }

          @Differentiable
          static double whileLoop(double x, int n) {
            double p = x;
            int i = 0;
            while (i < n) {
              p = p * 0.9 + x / (1 + p * p);
              i++;
            }
            return p * x;
          }

          @Differentiable
          static double doWhile(double x, int n) {
            double p = x;
            int i = 0;
            do {
              p = Math.cos(p) + x * i;
              i += 1;
            } while (i < n);
            return p * 2;
          }

          @Differentiable
          static double enhancedFor(double[] v, double w) {
            double s = 0;
            for (double e : v) {
              s += e * e * w;
            }
            return s * w;
          }

          @Differentiable
          static double rows(double[][] m, double x) {
            double s = 0;
            for (double[] row : m) {
              double r = 0;
              for (double e : row) {
                r = r * x + e;
              }
              s += r * r;
            }
            return s / 2;
          }

          @Differentiable
          static double breakContinue(double[] v, double limit) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              if (v[i] < 0) {
                continue;
              }
              s += v[i] * v[i];
              if (s > limit) {
                break;
              }
            }
            return s * limit;
          }

          @Differentiable
          static double labelled(double[][] m, double t) {
            double s = 0;
            outer:
            for (int i = 0; i < m.length; i++) {
              inner:
              for (int j = 0; j < m[i].length; j++) {
                if (m[i][j] > t) {
                  continue outer;
                }
                if (m[i][j] < -t) {
                  break outer;
                }
                if (j == i) {
                  continue inner;
                }
                s += m[i][j] * t;
              }
            }
            return s + t;
          }

          @Differentiable
          static double nested(double x, double y, int n) {
            double s = 0;
            for (int i = 0; i < n; i++) {
              double row = 0;
              for (int j = 0; j <= i; j++) {
                row += Math.pow(x, j) * y;
              }
              s += row / (i + 1);
            }
            return s * x;
          }

          @Differentiable
          static double returnInside(double x, int n) {
            double s = x;
            for (int i = 0; i < n; i++) {
              s = s * x;
              if (s > 100) {
                return Math.sqrt(s);
              }
            }
            return -s;
          }

          @Differentiable
          static double computedBounds(double x, @NoDerivative double tolerance) {
            // Newton's iteration for sqrt(x): the trip count depends on the values
            double r = x;
            int trips = 0;
            while (Math.abs(r * r - x) > tolerance && trips < 50) {
              r = 0.5 * (r + x / r);
              trips++;
            }
            int extra = (int) Math.floor(x);
            for (int k = 0; k < extra && k < 5; k++) {
              r += 0.01 * r;
            }
            return r * 1.0;
          }
        """);
  }

  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {0, 1, 7})
  void tripCounts(int n) {
    fx.check("forLoop", at(0.5, n), at(-0.3, n), at(0.9, n));
    fx.check("whileLoop", at(0.5, n), at(-1.3, n), at(2.0, n));
    fx.check("doWhile", at(0.5, n), at(-1.3, n), at(2.0, n));
    fx.check("nested", at(0.5, 1.5, n), at(-1.3, 0.2, n), at(1.1, -0.7, n));
    fx.check("returnInside", at(1.5, n), at(2.5, n), at(-1.2, n), at(0.8, n));
  }

  @Test
  void knownValues() {
    assertClose(0.0, fx.partial("forLoop", 0, 0.7, 0), "zero trips: constant");
    // one trip: s = x + sin(1)
    assertClose(1.0, fx.partial("forLoop", 0, 0.7, 1), "one trip");
    // whileLoop with n = 0: p = x, returns x^2
    assertClose(2 * 0.7, fx.partial("whileLoop", 0, 0.7, 0), "zero trips of while");
    // do/while runs once even for n = 0: p = cos(x), returns 2 cos x
    assertClose(-2 * Math.sin(0.7), fx.partial("doWhile", 0, 0.7, 0), "do/while runs once");
    // returnInside at x = 5, n = 7: s = 25, 125 > 100, returns sqrt(x^3)
    assertClose(1.5 * Math.sqrt(5), fx.partial("returnInside", 0, 5.0, 7), "return inside the loop");
  }

  @Test
  void enhancedForOverArrayAndRows() {
    fx.check("enhancedFor", at(new double[] {1, 2, 3}, 0.5), at(new double[] {}, 2.0), at(new double[] {-0.5}, -1.5),
        at(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, 3.0));
    Object[] g = fx.gradient("enhancedFor", new double[] {1, 2, 3}, 0.5);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {0.5, 1.0, 1.5}, (double[]) g[0], 1e-15);
    assertClose(2 * 14 * 0.5, (Double) g[1], "d/dw");
    fx.check("rows", at(new double[][] {{1, 2}, {3, 4, 5}}, 0.5), at(new double[][] {}, 1.0),
        at(new double[][] {{0.5}, {}, {-1, 2, -3}}, -1.2));
  }

  @Test
  void breakAndContinue() {
    double[] v = {1.0, -2.0, 0.5, 3.0, 0.25, 4.0};
    fx.check("breakContinue", at(v, 0.5), at(v, 1.2), at(v, 9.5), at(v, 100.0), at(new double[] {-1, -2}, 1.0));
  }

  @Test
  void labelledBreakAndContinue() {
    double[][] m = {{0.1, 0.5, 0.2}, {0.3, -0.05, 2.0, 0.4}, {-5.0, 0.1}, {0.2, 0.3}};
    fx.check("labelled", at(m, 1.0), at(m, 0.35), at(m, 6.0), at(m, 0.15));
  }

  @Test
  void boundsAndConditionsFromComputedValues() {
    fx.check("computedBounds", at(2.3, 1e-3), at(0.5, 1e-6), at(7.5, 1e-2), at(3.3, 1e-9));
    // converged: r = sqrt(x) * 1.01^2 at x = 2.3 (two extra trips), and d/dx sqrt(x) does not see the iteration
    assertClose(1.0201 * 0.5 / Math.sqrt(2.3), fx.partial("computedBounds", 0, 2.3, 1e-12), "d/dx");
  }
}
