package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Calls of other @Differentiable methods and of ordinary static methods with constant arguments. */
class CallsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compileSources("p.Model",
        Compiler.source("p.Kernels", """
            package p;

            import dev.adjoint.Differentiable;
            import dev.adjoint.NoDerivative;

            public final class Kernels {
              private Kernels() {}

              @Differentiable
              public static double gauss(double x, double mu, @NoDerivative double sigma) {
                double z = (x - mu) / sigma;
                return Math.exp(-0.5 * z * z);
              }

              @Differentiable(wrt = {"a"})
              public static double scaled(double a, double b) {
                return a * a * b;
              }
            }
            """),
        Compiler.source("p.Model", """
            package p;

            import dev.adjoint.Differentiable;

            public class Model {
              @Differentiable
              static double square(double x) {
                return x * x;
              }

              @Differentiable
              static double sameClass(double x, double y) {
                double s = square(x) + square(x * y);
                return s * square(y);
              }

              @Differentiable
              static double otherClass(double x, double mu) {
                return Kernels.gauss(x, mu, 0.5) + 2 * Kernels.gauss(mu, x * x, 1.5);
              }

              @Differentiable
              static double h(double x) {
                return Math.sin(x) * x;
              }

              @Differentiable
              static double g(double x, double y) {
                double t = h(x * y);
                return t + h(t);
              }

              @Differentiable
              static double chain(double x, double y) {
                return g(x, y) * g(y, x);
              }

              @Differentiable
              static double partialCallee(double x, double y) {
                // Kernels.scaled differentiates only in a: its b argument is a constant here
                return Kernels.scaled(x * y, 3.0) + Kernels.scaled(y, 2.0);
              }

              @Differentiable
              static double power(double x, int n) {
                if (n == 0) {
                  return 1;
                }
                return x * power(x, n - 1);
              }

              static int order(int n) {
                return 2 * n + 1;
              }

              static double coefficient(int k) {
                double c = 1;
                for (int i = 1; i <= k; i++) {
                  c /= i;
                }
                return c;
              }

              @Differentiable
              static double taylorExp(double x, int n) {
                double s = 0;
                double p = 1;
                for (int k = 0; k < order(n); k++) {
                  s += coefficient(k) * p;
                  p *= x;
                }
                return s + Math.max(order(2), 3) * x * coefficient(3);
              }
            }
            """));
  }

  @Test
  void sameClass() {
    fx.check("sameClass", at(0.5, 1.5), at(-1.2, 0.3), at(2.0, -0.7));
    // s = x^2 + x^2 y^2, f = s y^2: df/dx = (2x + 2x y^2) y^2
    assertClose((2 * 0.5 + 2 * 0.5 * 2.25) * 2.25, fx.partial("sameClass", 0, 0.5, 1.5), "d/dx");
  }

  @Test
  void otherClassWithNoDerivativeParameter() {
    fx.check("otherClass", at(0.5, 0.2), at(-0.3, 0.4), at(1.1, 0.9), at(0.0, -0.5));
    double x = 0.5;
    double mu = 0.2;
    double z = (x - mu) / 0.5;
    double expected = Math.exp(-0.5 * z * z) * -z / 0.5;
    double z2 = (mu - x * x) / 1.5;
    expected += 2 * Math.exp(-0.5 * z2 * z2) * (z2 / 1.5) * 2 * x;
    assertClose(expected, fx.partial("otherClass", 0, x, mu), "d/dx");
  }

  @Test
  void chainOfCalls() {
    fx.checkRandom("g", 3, 4, r -> at(Fixture.uniform(r, -1.5, 1.5), Fixture.uniform(r, -1.5, 1.5)));
    fx.checkRandom("chain", 4, 4, r -> at(Fixture.uniform(r, -1.5, 1.5), Fixture.uniform(r, -1.5, 1.5)));
  }

  @Test
  void calleeWithWrt() {
    fx.check("partialCallee", at(0.5, 1.5), at(-1.2, 0.3), at(2.0, -0.7));
    // scaled(a, b) = a^2 b: f = 3 x^2 y^2 + 2 y^2
    double x = 0.5;
    double y = 1.5;
    Object[] g = fx.gradient("partialCallee", x, y);
    assertClose(6 * x * y * y, (Double) g[0], "d/dx");
    assertClose(6 * x * x * y + 4 * y, (Double) g[1], "d/dy");
    assertEquals(java.util.List.of("value", "x", "mu"), fx.other("p.Kernels").componentNames("GaussGradient"));
    assertEquals(java.util.List.of("value", "a"), fx.other("p.Kernels").componentNames("ScaledGradient"));
  }

  @Test
  void recursionWithDecreasingInt() {
    fx.check("power", at(1.3, 0), at(1.3, 1), at(0.7, 5), at(-1.1, 4));
    assertClose(5 * Math.pow(0.7, 4), fx.partial("power", 0, 0.7, 5), "d/dx x^5");
  }

  @Test
  void ordinaryStaticHelpersWithConstantArguments() {
    fx.check("taylorExp", at(0.5, 0), at(0.5, 2), at(-1.0, 3), at(1.7, 4));
    // n = 2: s = sum_{k<5} x^k / k!, ds/dx = sum_{k<4} x^k / k!, plus 5 * x / 6
    double x = 0.5;
    double expected = 1 + x + x * x / 2 + x * x * x / 6 + 5.0 / 6;
    assertClose(expected, fx.partial("taylorExp", 0, x, 2), "d/dx");
    assertEquals(5.0 / 6, fx.partial("taylorExp", 0, 0.0, 0), 1e-15);
  }
}
