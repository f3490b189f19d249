package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.spi.Tape;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A load that does not change in a loop is made once before it: ADBench's {@code Qtimesx} reads
 * {@code x[i]} in its loop over j, and the next call overwrites x, so the reverse sweep recorded it
 * once per (i, j); now once per i. Where the loop may not run, the load is made only where it
 * does; where the array, the index or the variable changes in the loop, or the loop calls a method
 * or jumps before the load, it stays where it is. Every case is checked in both modes against
 * central differences.
 */
class InvariantLoadsTest {
  private static final String MOVED = "the loads of the loop below that do not change in it";
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Invariant", """
          // ADBench's Qtimesx after subtract, as in gmm.h: x is written again by the next call
          static void subtract(int d, double[] x, int xOff, double[] y, double[] out) {
            for (int id = 0; id < d; id++) {
              out[id] = x[xOff + id] - y[id];
            }
          }

          static void triangle(int d, double[] ltri, double[] x, double[] out) {
            for (int id = 0; id < d; id++) {
              out[id] = x[id];
            }
            int idx = 0;
            for (int i = 0; i < d; i++) {
              for (int j = i + 1; j < d; j++) {
                out[j] = out[j] + ltri[idx] * x[i];
                idx++;
              }
            }
          }

          @Differentiable
          static double qtimesx(double[] ltri, double[] m, @NoDerivative double[] points, int d) {
            double[] centred = new double[d];
            double[] product = new double[d];
            double s = 0;
            for (int p = 0; p * d < points.length; p++) {
              subtract(d, points, p * d, m, centred);
              triangle(d, ltri, centred, product);
              for (int j = 0; j < d; j++) {
                s += product[j] * product[j];
              }
            }
            return s;
          }

          // a while loop and a do-while loop, each reading c[k] in every iteration; c changes after them
          @Differentiable
          static double whileAndDo(double[] x) {
            double[] c = x.clone();
            double s = 0;
            for (int k = 0; k < c.length; k++) {
              int j = k;
              while (j < c.length) {
                double t = c[k];
                s += t * Math.sin(x[j]);
                j++;
              }
              int n = 0;
              do {
                double u = c[k];
                s += u * u * x[n];
                n++;
              } while (n < k);
              c[k] = c[k] * 1.5;
            }
            return s;
          }

          // the inner loop never runs where its load's index is out of range
          @Differentiable
          static double neverRuns(double[] x) {
            double[] c = x.clone();
            double s = 0;
            for (int i = 0; i <= c.length; i++) {
              for (int j = i; j < c.length; j++) {
                s += c[i] * x[j];
              }
              if (i < c.length) {
                c[i] = s;
              }
            }
            return s;
          }

          // the array is written in the loop through another name: the load stays
          @Differentiable
          static double writtenThroughAnAlias(double[] x) {
            double[] c = x.clone();
            double[] alias = c;
            double s = 0;
            for (int i = 0; i < c.length; i++) {
              for (int j = 0; j < c.length; j++) {
                double t = c[i];
                alias[i] = t * 0.5 + x[j];
                s += t * x[j];
              }
            }
            return s;
          }

          // the index changes in the loop: the load stays
          @Differentiable
          static double movingIndex(double[] x) {
            double[] c = x.clone();
            double s = 0;
            for (int i = 0; i < c.length; i++) {
              int k = i;
              for (int j = 0; j < c.length; j++) {
                double t = c[k];
                s += t * x[j];
                k = (k + 1) % c.length;
              }
              c[i] = s;
            }
            return s;
          }

          // the loaded variable changes in the loop, and a break comes before another load: both stay
          @Differentiable
          static double changedOrAfterABreak(double[] x) {
            double[] c = x.clone();
            double s = 0;
            for (int i = 0; i < c.length; i++) {
              for (int j = 0; j < c.length; j++) {
                double t = c[i];
                t = t * x[j];
                s += t;
              }
              for (int j = 0; j < c.length; j++) {
                if (s > 100) {
                  break;
                }
                double u = c[i];
                s += u * x[j];
              }
              c[i] = s * 0.1;
            }
            return s;
          }

          // an array nothing writes: the reverse sweep loads it again, nothing is moved or recorded
          @Differentiable
          static double neverWritten(double[] w, double[] x) {
            double s = 0;
            for (int i = 0; i < w.length; i++) {
              for (int j = 0; j < x.length; j++) {
                double t = w[i];
                s += t * x[j] * x[j];
              }
            }
            return s;
          }
        """);
  }

  private static double[] points(Random r, int count, int d) {
    return vector(r, count * d, -1.5, 1.5);
  }

  @Test
  void qtimesxRecordsEachElementOncePerRow() {
    String gradient = fx.generatedMethod("qtimesxGradient");
    assertTrue(gradient.contains(MOVED), gradient);
    Random r = new Random(1);
    for (int d : new int[] {1, 2, 3, 5}) {
      fx.check("qtimesx", at(vector(r, d * (d - 1) / 2 + 1, -1, 1), vector(r, d, -1, 1), points(r, 3, d), d));
    }
    // d = 10, 4 points: per point the 10 centred values of the diagonal loop and 10 of the moved
    // loads (not 45), and a few words more; unmoved, the inner loop would record 45 per point.
    int d = 10;
    fx.gradient("qtimesx", vector(r, 46, -1, 1), vector(r, d, -1, 1), points(r, 4, d), d);
    long peak = Tape.lastPeakBytes();
    assertTrue(peak > 0 && peak < 4 * 8 * (10 + 10 + 12), "tape peak " + peak);
  }

  @Test
  void whileAndDoWhileLoopsLoadOnce() {
    String gradient = fx.generatedMethod("whileAndDoGradient");
    // (the reverse sweep's comments say "adjoint of ..." before the same words)
    assertEquals(2, gradient.split("// " + MOVED, -1).length - 1, gradient);
    Random r = new Random(2);
    for (int n : new int[] {1, 2, 4}) {
      fx.check("whileAndDo", at(vector(r, n, -1, 1)));
    }
  }

  @Test
  void aLoopThatNeverRunsNeverLoads() {
    String gradient = fx.generatedMethod("neverRunsGradient");
    assertTrue(gradient.contains(MOVED), gradient);
    Random r = new Random(3);
    for (int n : new int[] {1, 3}) {
      // i reaches c.length, where c[i] is out of range and the inner loop does not run
      fx.check("neverRuns", at(vector(r, n, -1, 1)));
    }
  }

  @Test
  void loadsThatChangeInTheLoopStay() {
    for (String name : new String[] {"writtenThroughAnAlias", "movingIndex", "changedOrAfterABreak"}) {
      String gradient = fx.generatedMethod(name + "Gradient");
      assertFalse(gradient.contains(MOVED), gradient);
      Random r = new Random(name.hashCode());
      for (int n : new int[] {1, 3}) {
        fx.check(name, at(vector(r, n, -1, 1)));
      }
    }
  }

  @Test
  void anArrayNothingWritesIsLoadedAgainInstead() {
    String gradient = fx.generatedMethod("neverWrittenGradient");
    assertFalse(gradient.contains(MOVED), gradient);
    assertFalse(gradient.contains("tape.push"), gradient);
    Random r = new Random(4);
    fx.check("neverWritten", at(vector(r, 3, -1, 1), vector(r, 4, -1, 1)));
  }
}
