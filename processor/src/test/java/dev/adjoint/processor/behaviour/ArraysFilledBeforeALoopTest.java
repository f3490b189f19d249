package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A loop inside a branch that reads an array filled earlier in the same branch (Rodrigues' rotation
 * in the bundle-adjustment benchmark, inlined under {@code if (theta != 0)}): the reverse sweep reads
 * the elements again instead of recording them, because nothing writes the array after the loop
 * starts. When something does write it afterwards, the elements are recorded.
 */
class ArraysFilledBeforeALoopTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("FilledFirst", """
          @Differentiable
          static double filledFirst(double[] x) {
            double s = x[0];
            if (x[0] > 0) {
              double[] w = new double[3];
              for (int i = 0; i < 3; i++) {
                w[i] = x[i] * x[i];
              }
              for (int i = 0; i < 3; i++) {
                s += w[i] * Math.sin(x[i]);
              }
            }
            return s;
          }

          @Differentiable
          static double overwrittenAfter(double[] x) {
            double s = x[0];
            if (x[0] > 0) {
              double[] w = new double[3];
              for (int k = 0; k < 3; k++) {
                w[k] = Math.exp(x[k]);
              }
              for (int k = 0; k < 3; k++) {
                s += w[k] * x[k] * x[k];
              }
              for (int k = 0; k < 3; k++) {
                w[k] = s * x[k];
              }
              s += w[1] * w[2];
            }
            return s;
          }
        """);
  }

  @Test
  void anArrayFilledBeforeTheLoopIsReadAgainNotRecorded() {
    String gradient = fx.generatedMethod("filledFirstGradient");
    assertFalse(gradient.contains("Tape"), gradient);
    fx.check("filledFirst", at((Object) new double[] {0.7, -1.3, 2.1}), at((Object) new double[] {-0.4, 0.9, 1.5}),
        at((Object) new double[] {1.9, 0.2, -0.8}));
  }

  @Test
  void anArrayWrittenAfterTheLoopHasItsElementsRecordedAndTheDerivativeIsRight() {
    String gradient = fx.generatedMethod("overwrittenAfterGradient");
    assertTrue(gradient.contains("tape.pushDouble"), gradient);
    fx.check("overwrittenAfter", at((Object) new double[] {0.7, -1.3, 2.1}),
        at((Object) new double[] {-0.4, 0.9, 1.5}), at((Object) new double[] {1.9, 0.2, -0.8}));
  }
}
