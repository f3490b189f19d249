package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scalar arithmetic: operators, compound assignment, reassigned locals, int/long/boolean constants, casts. */
class ScalarArithmeticTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Arith", """
          @Differentiable
          static double operators(double x, double y) {
            double a = x * y + 3 * x - y / 2;
            double b = -a + x % 1.5 + +y;
            return a * b - y / x;
          }

          @Differentiable
          static double remainder(double x, double y) {
            return x % y + y % 0.75;
          }

          @Differentiable
          static double compound(double x, double y) {
            double s = x;
            s += y;
            s *= x;
            s -= 2 * y;
            s /= 1 + y * y;
            s %= 10.0;
            s += s;
            s *= s;
            return s - y;
          }

          @Differentiable
          static double reassigned(double x) {
            double t = x;
            t = t * t;
            t = t * x + t;
            double u = t;
            t = Math.sin(t) * u;
            t = t / x;
            t = t * t;
            u = u - t;
            return t + u * x;
          }

          @Differentiable
          static double integers(double x, int n, long m, boolean flip) {
            int k = n * 2 + 1;
            long big = m * 3L;
            double c = k + big / 2;
            k++;
            k--;
            ++k;
            --k;
            k += 3;
            k *= 2;
            k -= 1;
            k /= 3;
            k %= 7;
            int j = k++;
            int i = --k;
            double y = x * c + (flip ? -x : x) * k + j * x - i;
            return y + (double) n * x + m;
          }

          @Differentiable
          static double casts(double x) {
            int i = (int) x;
            long l = (long) (x * 10);
            double frac = x - i;
            double back = (double) (int) (x * 3) / 3;
            return frac * frac + l * x + (double) i * x + back * x + (long) x;
          }

          @Differentiable
          static double literals(double x) {
            double a = 1e-3 * x + 0x10 * x + 1_000 * x;
            double b = 07 * x + 2L * x + 0.5e1 * x + .25 * x + 3. * x;
            final double half = 0.5;
            final int three = 3;
            return a - b * half + three * x * x;
          }

          @Differentiable
          static double product(double x, double y) {
            return x * y;
          }

          @Differentiable
          static double quotient(double x, double y) {
            return x / y;
          }

          @Differentiable
          static double negate(double x) {
            double y = -x;
            y = -y * -x;
            return -y;
          }
        """);
  }

  @Test
  void operators() {
    fx.checkRandom("operators", 1, 5, r -> at(uniform(r, 0.2, 1.4), uniform(r, -2, 2)));
  }

  @Test
  void remainderOfTwoVariables() {
    fx.check("remainder", at(3.3, 1.4), at(-5.1, 2.2), at(0.7, 0.3), at(7.7, -2.0));
    // d/dx (x % y) = 1, d/dy (x % y) = -trunc(x / y), plus d/dy (y % 0.75) = 1
    Object[] g = fx.gradient("remainder", 3.3, 1.4);
    assertClose(1.0, (Double) g[0], "d/dx");
    assertClose(-2.0 + 1.0, (Double) g[1], "d/dy");
  }

  @Test
  void compoundAssignment() {
    fx.check("compound", at(0.5, 0.3), at(1.1, -0.7), at(-0.9, 1.6), at(2.0, 0.1));
  }

  @Test
  void localReassignedManyTimes() {
    fx.checkRandom("reassigned", 2, 5, r -> at(uniform(r, 0.3, 1.5)));
  }

  @Test
  void integerLongAndBooleanConstants() {
    fx.check("integers", at(0.7, 3, 5L, true), at(-1.3, 0, 2L, false), at(2.5, -4, -7L, true), at(0.1, 11, 0L, false));
    // y is linear in x; k, j, i are integers computed from n
    int n = 3;
    long m = 5L;
    int k = n * 2 + 1;
    double c = k + (m * 3L) / 2;
    k = ((((k + 3) * 2) - 1) / 3) % 7;
    int j = k;
    int i = k;
    double expected = c - k + j + n;
    assertClose(expected, fx.partial("integers", 0, 0.7, n, m, true), "d/dx with flip");
  }

  @Test
  void castsBetweenDoubleAndIntegers() {
    fx.check("casts", at(0.33), at(1.45), at(2.71), at(-1.62));
    // at x = 2.71: i = 2, l = 27, frac = 0.71, back = 8/3, (long) x = 2
    double x = 2.71;
    double expected = 2 * (x - 2) + 27 + 2 + 8.0 / 3;
    assertClose(expected, fx.partial("casts", 0, x), "d/dx");
  }

  @Test
  void literals() {
    fx.check("literals", at(0.5), at(-2.0), at(3.25));
    double slope = 1e-3 + 16 + 1000 - 0.5 * (7 + 2 + 5 + 0.25 + 3);
    assertClose(slope + 6 * 1.5, fx.partial("literals", 0, 1.5), "d/dx");
  }

  @Test
  void knownProductAndQuotientDerivatives() {
    fx.check("product", at(2.0, 3.0), at(-1.5, 0.25), at(0.0, 4.0));
    Object[] g = fx.gradient("product", 2.0, 3.0);
    assertEquals(3.0, (Double) g[0]);
    assertEquals(2.0, (Double) g[1]);
    fx.check("quotient", at(2.0, 3.0), at(-1.5, 0.25), at(1.0, -4.0));
    g = fx.gradient("quotient", 2.0, 4.0);
    assertClose(0.25, (Double) g[0], "d/dx x/y");
    assertClose(-2.0 / 16, (Double) g[1], "d/dy x/y");
    assertClose(0.25 * 0.5 + (-2.0 / 16) * -1.0,
        (Double) fx.tangent("quotient", at(2.0, 4.0), at(0.5, -1.0)), "tangent of x/y");
  }

  @Test
  void unaryMinus() {
    fx.check("negate", at(1.5), at(-0.5), at(3.0));
    // negate(x) = -(x * x) ... y = -x; y = -y * -x = -x^2; return x^2
    assertClose(2 * 1.5, fx.partial("negate", 0, 1.5), "d/dx");
  }
}
