package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hunt's screen of points where finite differences cannot judge a derivative: it must skip
 * those (or the hunt reports correct derivatives as wrong) and keep every other point, constant
 * outputs included (or it hides wrong ones).
 */
class FiniteDifferenceScreenTest {
  private static Compiler.Loaded loaded;

  @BeforeAll
  static void compile() {
    loaded = Compiler.compileClean(Compiler.source("p.Screen", """
        package p;

        import dev.adjoint.Differentiable;

        public class Screen {
          @Differentiable
          static double absorbed(double x) {
            double big = 7.5e11;
            return (x - big) + big;
          }

          @Differentiable
          static double[] partlyAbsorbed(double x) {
            double big = 7.5e11;
            return new double[] {x * x, (x - big) + big};
          }

          @Differentiable
          static double constant(double x) {
            return 2.0 + 0.0 * x;
          }

          @Differentiable
          static double[] smoothAndConstant(double x) {
            return new double[] {Math.sin(x), 4.0};
          }

          @Differentiable
          static double kink(double x) {
            return Math.abs(x);
          }
        }
        """));
  }

  private static DifferentiableMethod method(String name) {
    return Derivatives.of(loaded.load("p.Screen"), name);
  }

  @Test
  void anOutputWhoseSmallChangesAreRoundedAwayIsSkipped() {
    assertFalse(FuzzRunner.stable(method("absorbed"), new Object[] {0.3}));
    assertFalse(FuzzRunner.stable(method("partlyAbsorbed"), new Object[] {0.3}));
  }

  @Test
  void constantAndSmoothOutputsAreChecked() {
    assertTrue(FuzzRunner.stable(method("constant"), new Object[] {0.3}));
    assertTrue(FuzzRunner.stable(method("smoothAndConstant"), new Object[] {0.3}));
  }

  @Test
  void aPointNextToAKinkIsSkippedAndOneAwayFromItIsNot() {
    assertFalse(FuzzRunner.stable(method("kink"), new Object[] {1e-7}));
    assertTrue(FuzzRunner.stable(method("kink"), new Object[] {0.5}));
  }
}
