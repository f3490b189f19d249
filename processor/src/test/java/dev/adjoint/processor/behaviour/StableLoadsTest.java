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

          // an object's method given the array writes into it: neither recomputed nor loaded again
          public static final class Refiller {
            public void refill(double[] b, int i) {
              b[i] = 100.0 + i;
            }
          }

          @Differentiable
          static double refilled(double[] x, @NoDerivative double[] buffer, Refiller r) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double b = buffer[i];
              r.refill(buffer, i);
              s = s + b * x[i] * x[i];
            }
            return s;
          }

          // ADBench's scaled distance: each element is stored, then loaded, in the same iteration
          @Differentiable
          static double storedThenLoaded(double[] q, double[] x, double[] m) {
            int d = x.length;
            double[] c = new double[d];
            double[] p = new double[d];
            for (int i = 0; i < d; i++) {
              c[i] = x[i] - m[i];
              p[i] = q[i] * c[i];
            }
            double s = 0;
            for (int i = 0; i < d; i++) {
              s += p[i] * p[i] * c[i];
            }
            return s;
          }

          // the same, but the loop runs again inside another: the next pass overwrites c[i]
          @Differentiable
          static double storedThenLoadedAgain(double[] x) {
            double[] c = new double[x.length];
            double s = 0;
            for (int k = 1; k <= 3; k++) {
              for (int i = 0; i < x.length; i++) {
                c[i] = x[i] * k + c[i] * 0.5;
                double t = c[i];
                s += Math.sin(t) * x[i];
              }
            }
            return s;
          }

          // another name for the array writes an element an earlier iteration loaded
          @Differentiable
          static double storedThenLoadedThenAliased(double[] x) {
            double[] c = new double[x.length];
            double[] alias = c;
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              c[i] = x[i] * x[i];
              double t = c[i];
              if (i > 0) {
                alias[i - 1] = t * 3;
              }
              s += Math.sin(t) * x[i];
            }
            return s;
          }

          // a store after the load, at the next index: the next iteration stores it again first
          @Differentiable
          static double storedThenLoadedThenNext(double[] x) {
            double[] c = new double[x.length + 1];
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              c[i] = x[i] + c[i];
              double t = c[i];
              c[i + 1] = t * 0.5;
              s += Math.cos(t) * t;
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
  void anElementStoredEarlierInTheSameIterationIsLoadedAgain() {
    String gradient = method(fx.generated(), "public static StoredThenLoadedGradient storedThenLoadedGradient(");
    assertFalse(gradient.contains("tape."), gradient);
    assertTrue(gradient.contains("= c[i] * "), gradient);
    Random r = new Random(21);
    for (int d : new int[] {1, 2, 5}) {
      fx.check("storedThenLoaded", at(vector(r, d, -1, 1), vector(r, d, -1.5, 1.5), vector(r, d, -1, 1)));
    }
  }

  /** Where a later pass, an alias or a later store changes the element, the loaded value is kept. */
  @Test
  void anElementChangedAfterItsIterationKeepsTheLoadedValue() {
    Random r = new Random(22);
    for (int t = 0; t < 4; t++) {
      fx.check("storedThenLoadedAgain", at(vector(r, 4, -1.5, 1.5)));
      fx.check("storedThenLoadedThenAliased", at(vector(r, 4, -1.5, 1.5)));
      fx.check("storedThenLoadedThenNext", at(vector(r, 4, -1.5, 1.5)));
    }
    for (String name : new String[] {"storedThenLoadedAgain", "storedThenLoadedThenAliased",
        "storedThenLoadedThenNext"}) {
      String record = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Gradient";
      String gradient = method(fx.generated(), "public static " + record + " " + name + "Gradient(");
      assertTrue(gradient.contains("tape.pushDouble"), gradient);
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
  void anArrayAnObjectsMethodIsGivenIsTakenAsWritten() throws Exception {
    // d/dx[i] = 2 b_i x[i], with b_i as loaded before the call overwrote it with 100 + i
    Class<?> refillerClass = Class.forName(fx.owner().getName() + "$Refiller", true, fx.owner().getClassLoader());
    Random r = new Random(16);
    for (int t = 0; t < 3; t++) {
      double[] x = vector(r, 4, -1.5, 1.5);
      double[] buffer = vector(r, 4, -1, 1);
      double[] direction = vector(r, 4, -1, 1);
      Object refiller = refillerClass.getConstructor().newInstance();
      double[] gradient = (double[]) fx.gradient("refilled", x, buffer.clone(), refiller)[0];
      double directional = 0;
      for (int i = 0; i < x.length; i++) {
        Fixture.assertClose(2 * buffer[i] * x[i], gradient[i], "reverse mode d/dx[" + i + "]");
        directional += 2 * buffer[i] * x[i] * direction[i];
      }
      Object tangent = fx.tangent("refilled", new Object[] {x, buffer.clone(), refiller},
          new Object[] {direction, null, null});
      Fixture.assertClose(directional, ((Number) tangent).doubleValue(), "forward mode along a direction");
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
