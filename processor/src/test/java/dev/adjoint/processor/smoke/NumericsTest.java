package dev.adjoint.processor.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.Test;

/**
 * Special values: NaN and infinity reach derivatives as they reach values, kinks follow the
 * documented conventions in both modes, and a division by zero is never turned into a crash.
 */
class NumericsTest {
  private static final String SOURCE = """
      package p;

      import dev.adjoint.Differentiable;

      public class N {
        @Differentiable
        static double smooth(double x, double y) {
          return Math.sin(x) * y + Math.exp(x);
        }

        @Differentiable
        static double quotient(double x, double y) {
          return x / y;
        }

        @Differentiable
        static double kinks(double x, double y) {
          return Math.abs(x) + Math.max(x, y) + Math.min(y, x);
        }

        @Differentiable
        static double integerDivision(double x, int n) {
          int k = 7 / Math.max(n, 1);
          return x * k;
        }
      }
      """;

  private static double tangent(DifferentiableMethod m, Object[] args, Object[] dirs) {
    return (Double) m.tangent(args, dirs);
  }

  @Test
  void specialValuesInBothModes() {
    Compiler.Loaded loaded = Compiler.compileClean(Compiler.source("p.N", SOURCE));
    Class<?> owner = loaded.load("p.N");

    DifferentiableMethod smooth = Derivatives.of(owner, "smooth");
    Object[] nan = smooth.gradient(Double.NaN, 2.0);
    assertTrue(Double.isNaN((Double) nan[0]), "NaN in, NaN derivative out");
    assertTrue(Double.isNaN(tangent(smooth, new Object[] {Double.NaN, 2.0}, new Object[] {1.0, 0.0})));
    Object[] inf = smooth.gradient(1.0, Double.POSITIVE_INFINITY);
    assertEquals(Double.POSITIVE_INFINITY, (Double) inf[0]);
    assertEquals(Math.sin(1.0), (Double) inf[1]);

    DifferentiableMethod quotient = Derivatives.of(owner, "quotient");
    Object[] atZero = quotient.gradient(1.0, 0.0);
    assertEquals(Double.POSITIVE_INFINITY, (Double) atZero[0], "d(x/y)/dx = 1/y");
    assertEquals(Double.POSITIVE_INFINITY, (Double) quotient.invoke(1.0, 0.0));
    // Forward mode sums partial * direction over all inputs: here (-x/y^2) * 0 is NaN, as in IEEE arithmetic.
    assertTrue(!Double.isFinite(tangent(quotient, new Object[] {1.0, 0.0}, new Object[] {1.0, 0.0})));

    DifferentiableMethod kinks = Derivatives.of(owner, "kinks");
    // abs'(0) = 0; on the tie x == y, max and min give the derivative to their first argument.
    Object[] tie = kinks.gradient(0.0, 0.0);
    assertEquals(1.0, (Double) tie[0], "abs'(0) = 0, max(x, y) -> x, min(y, x) -> y");
    assertEquals(1.0, (Double) tie[1]);
    assertEquals(1.0, tangent(kinks, new Object[] {0.0, 0.0}, new Object[] {1.0, 0.0}));
    assertEquals(1.0, tangent(kinks, new Object[] {0.0, 0.0}, new Object[] {0.0, 1.0}));

    DifferentiableMethod division = Derivatives.of(owner, "integerDivision");
    assertEquals(7.0, (Double) division.gradient(2.0, 0)[0], "the guarded int division of the original");
  }
}
