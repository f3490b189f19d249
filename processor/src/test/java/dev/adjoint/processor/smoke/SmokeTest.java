package dev.adjoint.processor.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.DerivativeCheck;
import org.junit.jupiter.api.Test;

/** The classic example end to end: compile, load, and check both modes. */
class SmokeTest {
  @Test
  void classicExample() throws Exception {
    Compiler.Loaded loaded = Compiler.compileClean(Compiler.source("p.Ex", """
        package p;

        import dev.adjoint.Differentiable;

        public class Ex {
          @Differentiable
          public static double e(double a, double b) {
            double c = a + b;
            double d = b + 1;
            return c * d;
          }
        }
        """));
    DifferentiableMethod m = Derivatives.of(loaded.load("p.Ex"), "e");
    Object[] g = m.gradient(2.0, 1.0);
    assertEquals(2.0, (Double) g[0]);
    assertEquals(5.0, (Double) g[1]);
    assertEquals(5.0, (Double) m.tangent(new Object[] {2.0, 1.0}, new Object[] {0.0, 1.0}));
    DerivativeCheck check = new DerivativeCheck(m, loaded.load("p.ExDerivatives"), 1);
    check.at(2.0, 1.0);
    check.at(-0.5, 3.25);
  }
}
