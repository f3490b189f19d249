package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The triage table a fuzz failure report prints: one line per nonzero Jacobian entry, both modes and the step ladder. */
class JacobianTableTest {
  private static Compiler.Loaded loaded;

  @BeforeAll
  static void compile() {
    loaded = Compiler.compileClean(Compiler.source("p.Table", """
        package p;

        import dev.adjoint.Differentiable;

        public class Table {
          @Differentiable
          static double[] pair(double x, double[] a, int n) {
            return new double[] {x * a[0], a[1] + n};
          }

          @Differentiable
          static double absorbed(double x) {
            double big = 1e30;
            return (x - big) + big;
          }
        }
        """));
  }

  private static DifferentiableMethod method(String name) {
    return Derivatives.of(loaded.load("p.Table"), name);
  }

  @Test
  void everyNonzeroEntryHasALineWithBothModesAndEveryStep() {
    List<String> lines = JacobianTable.of(method("pair"), new Object[] {2.0, new double[] {3.0, 5.0}, 1});
    // d out0/dx = 3, d out0/da0 = 2, d out1/da1 = 1; the other three entries are 0 everywhere
    assertEquals(3, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).startsWith("d out[0] / d x: reverse 3.0000000000000000, forward 3.0000000000000000;"), lines.get(0));
    assertTrue(lines.get(1).startsWith("d out[0] / d a[0]: reverse 2.0000000000000000, forward 2.0000000000000000;"), lines.get(1));
    assertTrue(lines.get(2).startsWith("d out[1] / d a[1]: reverse 1.0000000000000000, forward 1.0000000000000000;"), lines.get(2));
    assertEquals(8, lines.get(0).split(":")[2].trim().split(" ").length, lines.get(0));
  }

  @Test
  void anAbsorbedOutputShowsBothModesAgainstDifferencesOfZero() {
    List<String> lines = JacobianTable.of(method("absorbed"), new Object[] {0.3});
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(0).contains("reverse 1.0000000000000000"), lines.get(0));
    assertTrue(lines.get(0).endsWith(" 0.000000000 0.000000000 0.000000000"), lines.get(0));
  }
}
