package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code System.arraycopy}, {@code Arrays.fill}, {@code Arrays.copyOf} and {@code copyOfRange}:
 * the copied elements carry derivatives; overlapping copies within one array give what arraycopy
 * gives; in loops and on matrices.
 */
class ArrayLibraryCallsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Copies", """
          @Differentiable
          static double arraycopy(double[] a, double s) {
            double[] b = new double[a.length + 2];
            System.arraycopy(a, 0, b, 1, a.length);
            b[0] = s;
            return b[1] * b[0] + b[a.length] * s;
          }

          @Differentiable
          static double[] shiftRight(double[] a, double s) {
            double[] b = a.clone();
            System.arraycopy(b, 0, b, 1, b.length - 1);
            b[0] = s * s;
            return b;
          }

          @Differentiable
          static double[] shiftLeft(double[] a, double s) {
            double[] b = a.clone();
            System.arraycopy(b, 1, b, 0, b.length - 1);
            b[b.length - 1] = s;
            return b;
          }

          @Differentiable
          static double fill(double[] a, double s) {
            double[] b = new double[a.length];
            java.util.Arrays.fill(b, s * s);
            java.util.Arrays.fill(b, 1, 2, a[0]);
            java.util.Arrays.fill(b, 2, b.length, 0);
            return b[0] + b[1] * s + b[2];
          }

          @Differentiable
          static double copies(double[] a, double s) {
            double[] longer = java.util.Arrays.copyOf(a, a.length + 1);
            longer[a.length] = s;
            double[] shorter = java.util.Arrays.copyOf(longer, 2);
            double[] middle = java.util.Arrays.copyOfRange(longer, 1, longer.length);
            return shorter[0] * shorter[1] + middle[middle.length - 1] * middle[0];
          }

          @Differentiable
          static double inALoop(double[] a, double s) {
            double[] state = a.clone();
            double[] previous = new double[a.length];
            for (int step = 0; step < 5; step++) {
              System.arraycopy(state, 0, previous, 0, state.length);
              for (int i = 0; i < state.length; i++) {
                state[i] = Math.sin(previous[(i + 1) % state.length] * s) + previous[i];
              }
            }
            return state[0] + state[state.length - 1];
          }

          @Differentiable
          static double rows(double[][] m, double s) {
            double[][] copy = java.util.Arrays.copyOf(m, m.length);
            copy[0] = java.util.Arrays.copyOf(m[1], m[1].length);
            copy[0][0] = s;
            return copy[0][0] * copy[1][1] + m[0][0] * copy[0][1];
          }
        """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"arraycopy", "shiftRight", "shiftLeft", "fill", "copies", "inALoop"})
  void vectors(String name) {
    fx.checkRandom(name, name.hashCode(), 4, r -> at(vector(r, 4, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void matrixRows() {
    fx.checkRandom("rows", 3, 4, r -> at(matrix(r, 2, 2, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void overlappingCopiesGiveWhatArraycopyGives() {
    double[] a = {1, 2, 3, 4};
    assertArrayEquals(new double[] {0.25, 1, 2, 3}, (double[]) fx.invoke("shiftRight", a, 0.5));
    assertArrayEquals(new double[] {2, 3, 4, 0.5}, (double[]) fx.invoke("shiftLeft", a, 0.5));
  }
}
