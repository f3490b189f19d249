package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An element of an array nothing writes any more is loaded again by the reverse sweep where a
 * partial needs it, instead of being recorded: ADBench's packed triangle with its running index
 * puts no double on the tape. Where the array or the index changes between the load and its use,
 * the value is recorded as before, and the derivatives stay right.
 */
class StableLoadsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Loads", """
          // the Qtimesx loop of ADBench's gmm.h: a running index into a packed lower triangle
          @Differentiable
          static double packedProduct(double[] ltri, double[] x) {
            int d = x.length;
            double[] out = new double[d];
            int idx = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                out[j] = out[j] + ltri[idx] * x[i];
                idx++;
              }
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
              s += out[j] * out[j];
            }
            return s;
          }

          // the array is written after the load: the loaded value is the one to use
          @Differentiable
          static double overwritten(double[] x) {
            double[] w = x.clone();
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              double t = w[i];
              w[i] = t * 2;
              s = s + t * Math.sin(w[i]);
            }
            return s;
          }

          // the index moves between the load and its use
          @Differentiable
          static double movedIndex(double[] c, double[] x) {
            double s = 0;
            int k = 0;
            for (int i = 0; i < x.length; i++) {
              double t = c[k];
              k = (k + 1) % c.length;
              s = s + t * x[i] * c[k];
            }
            return s;
          }

          // the array variable is pointed at another array between the load and its use
          @Differentiable
          static double movedArray(double[] a, double[] b) {
            double s = 0;
            double[] row = a;
            for (int i = 0; i < a.length; i++) {
              double t = row[i];
              row = i % 2 == 0 ? b : a;
              s = s + Math.sin(t * row[i]) * t;
            }
            return s;
          }

          // the load's use is in a nested block
          @Differentiable
          static double usedInABranch(double[] c, double[] x) {
            double s = 1;
            for (int i = 0; i < x.length; i++) {
              double t = c[i];
              if (x[i] > 0) {
                s = s * t * x[i];
              } else {
                s = s + t * x[i];
              }
            }
            return s;
          }
        """);
  }

  @Test
  void aPackedTriangleWithARunningIndexPutsNoDoubleOnTheTape() {
    String gradient = method(fx.generated(), "public static PackedProductGradient packedProductGradient(");
    assertFalse(gradient.contains("tape.pushDouble"), gradient);
    Random r = new Random(11);
    for (int d : new int[] {1, 2, 4, 6}) {
      fx.check("packedProduct", at(vector(r, d * (d - 1) / 2 + 1, -1, 1), vector(r, d, -1.5, 1.5)));
    }
  }

  @Test
  void anArrayWrittenAfterTheLoadKeepsTheLoadedValue() {
    Random r = new Random(12);
    for (int t = 0; t < 4; t++) {
      fx.check("overwritten", at(vector(r, 5, -1.5, 1.5)));
    }
  }

  @Test
  void anIndexThatMovesBeforeTheUseKeepsTheLoadedValue() {
    Random r = new Random(13);
    for (int t = 0; t < 4; t++) {
      fx.check("movedIndex", at(vector(r, 3, -1.5, 1.5), vector(r, 7, -1.5, 1.5)));
    }
  }

  @Test
  void anArrayVariablePointedElsewhereKeepsTheLoadedValue() {
    Random r = new Random(14);
    for (int t = 0; t < 4; t++) {
      fx.check("movedArray", at(vector(r, 5, -1.5, 1.5), vector(r, 5, -1.5, 1.5)));
    }
  }

  @Test
  void aUseInANestedBlock() {
    Random r = new Random(15);
    for (int t = 0; t < 4; t++) {
      fx.check("usedInABranch", at(vector(r, 5, -1.5, 1.5), vector(r, 5, -1.5, 1.5)));
    }
  }

  /** The text of one generated method, from its signature to its closing brace. */
  private static String method(String source, String signature) {
    int start = source.indexOf(signature);
    assertTrue(start >= 0, "no " + signature + " in\n" + source);
    return source.substring(start, source.indexOf("\n  }\n", start));
  }
}
