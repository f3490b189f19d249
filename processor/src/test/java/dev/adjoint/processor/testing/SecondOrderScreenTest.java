package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import org.junit.jupiter.api.Test;

/**
 * The Hessian-vector check next to a jump of the gradient: its differences (step 1e-5) cross the
 * jump and do not settle, so the entry is counted as unsettled rather than reported; away from the
 * jump the same method is checked as usual.
 */
class SecondOrderScreenTest {
  @Test
  void differencesThatCrossAJumpOfTheGradientAreNotAVerdict() {
    Compiler.Loaded loaded = Compiler.compileClean(Compiler.source("p.Jump", """
        package p;

        import dev.adjoint.Differentiable;

        public class Jump {
          @Differentiable
          static double f(double x) {
            return x > 0.5 ? 3 * x * x : x * x;
          }
        }
        """));
    Class<?> owner = loaded.load("p.Jump");
    DifferentiableMethod f = Derivatives.of(owner, "f");
    Class<?> companion = loaded.load("p.JumpDerivatives");
    // 3e-6 from the jump: first-order differences (step 1e-6) stay on one side, those of the
    // gradient (step 1e-5) do not.
    long unsettled = DerivativeCheck.SECOND_ORDER_UNSETTLED.get();
    new DerivativeCheck(f, companion, 1).at(new Object[] {0.5 + 3e-6});
    assertEquals(unsettled + 1, DerivativeCheck.SECOND_ORDER_UNSETTLED.get());
    long checked = DerivativeCheck.SECOND_ORDER_CHECKED.get();
    new DerivativeCheck(f, companion, 1).at(new Object[] {0.9});
    assertTrue(DerivativeCheck.SECOND_ORDER_CHECKED.get() > checked, "a smooth point is checked");
  }
}
