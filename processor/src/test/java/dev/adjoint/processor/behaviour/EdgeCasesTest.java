package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Less common but accepted code: aliasing and swapped arrays, while (true), side effects in indices,
 * nested vector-valued calls, names that look like generated ones, shadowed locals,
 * active values passed to a callee's non-wrt or @NoDerivative parameters, ordinary helpers returning
 * arrays, and parameters that are reassigned.
 */
class EdgeCasesTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Edge", """
          static double factor = 2.5;

          static double[] weights(int n) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
              w[i] = 1.0 / (i + 1);
            }
            return w;
          }

          @Differentiable(wrt = {"a"})
          static double scaled(double a, double b) {
            return a * a * b;
          }

          @Differentiable
          static double nd(double a, @NoDerivative double c) {
            return a * c;
          }

          @Differentiable
          static double activeIntoCalleeConstants(double x, double y) {
            // the callees do not differentiate b and c, but the caller still needs the chain rule through them
            return scaled(x, y) + nd(y, x * x);
          }

          @Differentiable
          static double names(double x, double xBar, double result) {
            double tape = x * xBar;
            double resultBar = tape + result;
            double xDot = resultBar * x;
            return xDot * 2;
          }

          @Differentiable
          static double shadow(double x, double y) {
            double s = 0;
            if (x > 0) {
              double t = x * y;
              s += t;
            } else {
              double t = y * y;
              s += t * x;
            }
            for (int i = 0; i < 2; i++) {
              double t = s * x;
              s = t + y;
            }
            return s * 1.0;
          }

          @Differentiable
          static double doubleIncrement(double x) {
            double y = x * x;
            y++;
            ++y;
            y--;
            double z = y++ * x;
            return z + y;
          }

          @Differentiable
          static double alias(double[] v, double x) {
            double[] a = v;
            a[0] = a[0] * x;
            return v[0] + a[1] * x;
          }

          @Differentiable
          static double swap(double[] p, double[] q, int n) {
            double[] a = p;
            double[] b = q;
            for (int i = 0; i < n; i++) {
              double[] t = a;
              a = b;
              b = t;
              a[0] = a[0] * b[0];
            }
            return a[0] + 2 * b[0];
          }

          @Differentiable
          static double whileTrue(double x) {
            double s = x;
            int k = 0;
            while (true) {
              s = s * 1.5 + x;
              k++;
              if (k >= 3) {
                break;
              }
            }
            return s + 0;
          }

          @Differentiable
          static double sideIndex(double[] a, double x) {
            int i = 0;
            a[i++] += x;
            a[i++] *= x;
            return a[0] * a[1] + i;
          }

          @Differentiable
          static double[] polar(double r, double theta) {
            return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
          }

          @Differentiable
          static double[] vecCaller(double a, double b) {
            double[] p = polar(a, b);
            double[] q = polar(b, a);
            return new double[] {p[0] * q[1], p[1] + q[0], a};
          }

          @Differentiable
          static double useVec(double a, double b) {
            double[] p = polar(a, b);
            return p[0] * p[1];
          }

          @Differentiable
          static double arrayTernary(double[] a, double[] b, double x) {
            double[] c = x > 0 ? a : b;
            c[0] *= x;
            return a[0] + b[0] + c[1];
          }

          @Differentiable
          static double paramReassigned(double x, double y) {
            x = x * y;
            y = Math.sin(x) + y;
            x = x + y;
            return x;
          }

          @Differentiable
          static double intArrays(double x, int[] idx) {
            int[] local = {2, 0, 1};
            double s = 0;
            for (int k : idx) {
              s += x * k * local[k % 3];
            }
            for (long i = 0; i < 3L; i++) {
              s = s * x + i;
            }
            return s + Math.sqrt(idx.length);
          }

          @Differentiable
          static double helpers(double[] v, int n) {
            double[] w = weights(n);
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += w[i] * v[i] * v[i] * factor;
            }
            return s;
          }
        """);
  }

  @Test
  void activeValuesIntoCalleeConstants() {
    fx.check("activeIntoCalleeConstants", at(1.2, 0.4), at(-0.5, 2.0), at(0.3, -1.1));
  }

  @Test
  void namesThatLookGenerated() {
    fx.check("names", at(0.5, 1.5, 2.0), at(-1.0, 0.3, 0.7), at(2.0, -0.5, 1.0));
  }

  @Test
  void shadowedLocalsInSiblingBlocks() {
    fx.check("shadow", at(0.5, 1.5), at(-0.5, 1.5), at(1.2, -0.3));
  }

  @Test
  void incrementOfDoubles() {
    fx.check("doubleIncrement", at(1.3), at(-0.4), at(2.2));
  }

  @Test
  void aliasedAndSwappedArrays() {
    fx.check("alias", at(new double[] {1, 2}, 1.5), at(new double[] {-0.5, 0.3, 4}, -2.0), at(new double[] {3, 1}, 0.1));
    for (int n = 0; n <= 3; n++) {
      fx.check("swap", at(new double[] {1, 2}, new double[] {0.5, 3}, n), at(new double[] {-1.5}, new double[] {0.7}, n));
    }
    fx.check("arrayTernary", at(new double[] {1, 2}, new double[] {3, 4}, 1.5),
        at(new double[] {1, 2}, new double[] {3, 4}, -1.5), at(new double[] {0.5, -2}, new double[] {1, 1}, 0.3));
  }

  @Test
  void whileTrueWithBreak() {
    fx.check("whileTrue", at(0.7), at(-1.0), at(3.0));
  }

  @Test
  void sideEffectsInIndices() {
    fx.check("sideIndex", at(new double[] {1, 2}, 1.5), at(new double[] {-1, 0.5, 9}, -0.5), at(new double[] {2, 2}, 3.0));
  }

  @Test
  void vectorValuedCalls() {
    fx.check("vecCaller", at(1.2, 0.4), at(-0.3, 2.0), at(0.8, -1.5));
    fx.check("useVec", at(1.2, 0.4), at(-0.3, 2.0), at(0.8, -1.5));
  }

  @Test
  void reassignedParameters() {
    fx.check("paramReassigned", at(0.5, 1.5), at(-1.0, 0.3), at(2.0, -0.8));
  }

  @Test
  void intArraysAndLongCounters() {
    fx.check("intArrays", at(0.5, new int[] {0, 1, 2, 4}), at(-1.5, new int[] {}), at(1.1, new int[] {5, 5}));
  }

  @Test
  void ordinaryHelperReturningAnArrayAndStaticField() {
    fx.check("helpers", at(new double[] {1, 2, 3}, 3), at(new double[] {1, 2, 3}, 1), at(new double[] {-0.5, 4}, 2));
  }
}
