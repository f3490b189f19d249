package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Jacobian;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code fPullbacks}: several pullbacks of a method returning double[] from one forward sweep, where
 * the reverse sweep can run again, else one pullback per row. Every method is checked by
 * {@code DerivativeCheck}, which compares each row of {@code pullbacks} with {@code pullback} bit for
 * bit, and the pullback with finite differences and with forward mode.
 */
class SharedForwardSweepTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Rows", """
          @Differentiable
          static double[] straight(double[] x, double w) {
            double[] r = new double[2];
            r[0] = w * Math.sin(x[0]) * x[1];
            r[1] = Math.exp(w * x[1]) - x[0];
            return r;
          }

          static double[] cross(double[] a, double[] b) {
            return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
          }

          @Differentiable
          static double[] rotated(double[] rot, double[] pt) {
            double[] out = new double[3];
            double sq = rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2];
            if (sq != 0.0) {
              double theta = Math.sqrt(sq);
              double[] w = new double[3];
              for (int i = 0; i < 3; i++) {
                w[i] = rot[i] / theta;
              }
              double[] c = cross(w, pt);
              for (int i = 0; i < 3; i++) {
                out[i] = pt[i] * Math.cos(theta) + c[i] * Math.sin(theta);
              }
            } else {
              double[] c = cross(rot, pt);
              for (int i = 0; i < 3; i++) {
                out[i] = pt[i] + c[i];
              }
            }
            return out;
          }

          @Differentiable
          static double[] lastValley(double[] x) {
            double valley = 0;
            double sum = 0;
            for (int i = 0; i < x.length - 1; i++) {
              valley = x[i + 1] - x[i] * x[i];
              sum += valley * valley;
            }
            return new double[] {sum, valley * sum, Math.sin(valley)};
          }

          @Differentiable
          static double[] branchy(double[] x) {
            double a = x[0];
            double b;
            if (a > 0) {
              b = a * a;
            } else {
              b = -a * x[1];
            }
            double c = b * x[1];
            return new double[] {c * b, Math.exp(c)};
          }

          @Differentiable
          static double[] reused(double[] x) {
            double b = x[0] * x[0];
            double c = b * x[1];
            b = Math.sin(b * c);
            return new double[] {b * c, Math.exp(c) + b};
          }

          @Differentiable
          static double[] taped(double[] x) {
            double s = 1;
            double t = 0;
            for (int i = 0; i < x.length; i++) {
              s = Math.sin(s * x[i]);
              t += s * s;
            }
            return new double[] {s, t};
          }

          @Differentiable
          static double[] tapedEverywhere(double[] x) {
            double s = 0.5;
            double t = 0;
            for (int k = 1; k <= 2; k++) {
              int steps = 0;
              while (t < 3 * k && steps < 40) {
                for (int i = 0; i < x.length; i++) {
                  if (s > 0.2) {
                    s = Math.sin(s + x[i]);
                  } else {
                    s = s * x[i] + 1;
                  }
                  t += s * s;
                }
                steps++;
              }
            }
            return new double[] {s * t, t, Math.cos(s)};
          }

          @Differentiable
          static double[] rowsOnTheTape(double[][] a, double[] x) {
            double[] row = a[0];
            double s = 1;
            for (int i = 0; i < a.length; i++) {
              if (a[i][0] > row[0]) {
                row = a[i];
              }
              s = Math.sin(s * row[1] + x[0]);
            }
            return new double[] {s * row[0], s + x[1]};
          }

          @Differentiable
          static double[] longChain(double[] x) {
            double s = x[0];
            %s
            return new double[] {s, s * x[0]};
          }

          @Differentiable
          static double[] matrixVector(double[][] a, double[] x) {
            double[] y = new double[a.length];
            for (int i = 0; i < a.length; i++) {
              double s = 0;
              for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
              }
              y[i] = Math.tanh(s);
            }
            return y;
          }

          @Differentiable
          static double[] inPlace(double[] x) {
            for (int i = 0; i < x.length; i++) {
              x[i] = x[i] * x[i] + 0.5;
            }
            return new double[] {x[0] + x[1], x[0] * x[1]};
          }

          static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s += a[i] * b[i];
            }
            return s;
          }

          @Differentiable
          static double[] calls(double[] x, double[] y) {
            double[] r = new double[3];
            for (int k = 0; k < 3; k++) {
              r[k] = dot(x, y) * (k + 1) + Math.cos(dot(x, x));
            }
            return r;
          }

          static double scaled(double a, double b, double[] v) {
            double s = 0;
            for (int i = 0; i < v.length; i++) {
              s += a * v[i] * Math.sin(b * v[i]);
            }
            return s;
          }

          @Differentiable
          static double[] keptScalars(double[] x, double w) {
            double[] r = new double[3];
            for (int k = 0; k < 3; k++) {
              r[k] = scaled(w * (k + 1), x[0] - k, x);
            }
            return r;
          }

          @Differentiable
          static void into(double[] x, double[] out) {
            out[0] = x[0] * x[1];
            out[1] = Math.sin(x[0]);
          }

          @Differentiable
          static double scalar(double[] x) {
            return x[0] * x[0] * x[1];
          }
        """.formatted(longChainSteps()));
  }

  /**
   * Thirty statements of a chain that makes {@code longChain} too large for two rows per reverse
   * sweep: {@code s = s * Math.sin(x[0] + c) + Math.cos(s * x[1]);} with c from 0.5 to 4.5, six times.
   */
  private static String longChainSteps() {
    StringBuilder steps = new StringBuilder();
    for (int k = 0; k < 30; k++) {
      if (k > 0) {
        steps.append("\n            ");
      }
      steps.append("s = s * Math.sin(x[0] + ").append(k % 5).append(".5) + Math.cos(s * x[1]);");
    }
    return steps.toString();
  }

  private static final String SHARED = "The forward sweep runs once; the reverse sweep runs once per";

  @Test
  void straightLineCodeSharesItsForwardSweep() {
    Random r = new Random(1);
    for (int i = 0; i < 4; i++) {
      fx.check("straight", at(vector(r, 2, -2, 2), r.nextGaussian()));
    }
    assertTrue(fx.generated().contains("public static StraightPullbacks straightPullbacks(double[] x, double w,"
        + " double[][] resultBars)"), fx.generated());
    assertTrue(fx.generatedMethod("straightPullbacks").contains("for (int row = 0; row < resultBars.length; row"),
        fx.generatedMethod("straightPullbacks"));
  }

  @Test
  void branchesLoopsAndInlinedHelpersShareTheirForwardSweep() {
    Random r = new Random(2);
    for (int i = 0; i < 4; i++) {
      fx.check("rotated", at(vector(r, 3, -1, 1), vector(r, 3, -2, 2)));
    }
    fx.check("rotated", at(new double[3], new double[] {1, 2, 3}));
    assertTrue(javadocOf("rotatedPullbacks").contains(SHARED), javadocOf("rotatedPullbacks"));
  }

  /**
   * Two rows in one reverse sweep: each adjoint statement twice, the primal (branch, loops, the
   * inlined helper) once. Any number of rows gives, row by row, the bits of one pullback each.
   */
  @Test
  void twoRowsShareOneReverseSweepWhereTheMethodStaysSmall() {
    assertTrue(javadocOf("rotatedPullbacks").contains("once per two rows"), javadocOf("rotatedPullbacks"));
    String code = fx.generatedMethod("rotatedPullbacks");
    assertTrue(code.contains("row += 2") && code.contains("double[] rowBarRow2 = row + 1 < resultBars.length"
        + " ? resultBars[row + 1] : new double[rowBar.length];"), code);
    Random r = new Random(10);
    double[] rot = vector(r, 3, -1, 1);
    double[] pt = vector(r, 3, -2, 2);
    for (int n = 0; n <= 5; n++) {
      double[][] bars = new double[n][];
      for (int k = 0; k < n; k++) {
        bars[k] = vector(r, 3, -1, 1);
      }
      Object p = fx.callCompanion("rotatedPullbacks", rot.clone(), pt.clone(), bars);
      double[][] rotRows = (double[][]) Fixture.component(p, "rot");
      double[][] ptRows = (double[][]) Fixture.component(p, "pt");
      assertEquals(n, rotRows.length);
      for (int k = 0; k < n; k++) {
        Object[] alone = fx.method("rotated").pullback(new Object[] {rot.clone(), pt.clone()}, bars[k]);
        assertArrayEquals((double[]) alone[0], rotRows[k], 0.0, n + " rows, row " + k);
        assertArrayEquals((double[]) alone[1], ptRows[k], 0.0, n + " rows, row " + k);
      }
    }
  }

  /**
   * Thirty statements: one row per sweep makes about 6,000 bytes of bytecode, two rows per sweep
   * more than HotSpot's 8,000-byte limit for compiling a method, so the method takes one row at a
   * time (the fixture's compilation checks every method against the limit).
   */
  @Test
  void aPairedSweepTooLargeForHotSpotTakesOneRowAtATime() {
    Random r = new Random(11);
    for (int i = 0; i < 3; i++) {
      fx.check("longChain", at(vector(r, 2, -1, 1)));
    }
    assertTrue(javadocOf("longChainPullbacks").contains("the reverse sweep runs once per row."),
        javadocOf("longChainPullbacks"));
  }

  /**
   * The reverse sweep reads b (its last value) and then restores the value b had before its second
   * assignment: without setting b back, the second row would read that old value.
   */
  @Test
  void aValueTheReverseSweepRestoresIsSetBackForEachRow() {
    fx.check("reused", at(new double[] {0.7, 1.3}), at(new double[] {-0.4, 0.9}), at(new double[] {1.1, -0.6}));
    String code = fx.generatedMethod("reusedPullbacks");
    assertTrue(javadocOf("reusedPullbacks").contains(SHARED), code);
    assertTrue(code.contains("double bAfterForward = b;"), code);
    assertTrue(code.contains("b = bAfterForward;"), code);
    Object p = fx.callCompanion("reusedPullbacks", new double[] {0.7, 1.3}, new double[][] {{1, 0}, {1, 0}});
    double[][] rows = (double[][]) Fixture.component(p, "x");
    assertArrayEquals(rows[0], rows[1], 0.0);
    Object[] alone = fx.method("reused").pullback(new Object[] {new double[] {0.7, 1.3}}, new double[] {1, 0});
    assertArrayEquals((double[]) alone[0], rows[1], 0.0);
  }

  /** A branch whose value is read only after it: nothing to restore, and the rows share the sweep. */
  @Test
  void aBranchReadOnlyAfterItNeedsNothingSetBack() {
    fx.check("branchy", at(new double[] {0.7, 1.3}), at(new double[] {-0.4, 0.9}), at(new double[] {1.1, -0.6}));
    assertTrue(javadocOf("branchyPullbacks").contains(SHARED), javadocOf("branchyPullbacks"));
    Object p = fx.callCompanion("branchyPullbacks", new double[] {0.7, 1.3}, new double[][] {{1, 0}, {1, 0}});
    double[][] rows = (double[][]) Fixture.component(p, "x");
    // d(c b)/dx with b = a^2, c = a^2 x1: (4 a^3 x1, a^4)
    assertArrayEquals(new double[] {4 * 0.343 * 1.3, 0.2401}, rows[1], 1e-14);
  }

  /**
   * A loop that overwrites a value read after it records it on the tape; the tape is rewound for
   * each row, so the rows share the forward sweep.
   */
  @Test
  void aValueReadAfterItsLoopIsTapedAndTheTapeRewoundForEachRow() {
    Random r = new Random(3);
    for (int i = 0; i < 4; i++) {
      fx.check("lastValley", at(vector(r, 2 + i, -1.5, 1.5)));
    }
    assertSharedWithRewind("lastValleyPullbacks");
  }

  @Test
  void aReverseSweepThatTakesNumbersOffTheTapeRewindsItForEachRow() {
    Random r = new Random(4);
    for (int i = 0; i < 3; i++) {
      fx.check("taped", at(vector(r, 3 + i, -1, 1)));
    }
    assertSharedWithRewind("tapedPullbacks");
  }

  /** Doubles, trip counts and branch bits, across loops nested in a loop whose trip count is recorded. */
  @Test
  void everyKindOfNumberOnTheTapeComesBackForEachRow() {
    Random r = new Random(8);
    for (int i = 0; i < 4; i++) {
      fx.check("tapedEverywhere", at(vector(r, 2 + i, -1.2, 1.2)));
    }
    String code = assertSharedWithRewind("tapedEverywherePullbacks");
    assertTrue(code.contains("tape.popInt()") && code.contains("tape.popBoolean()") && code.contains("tape.popDouble()"),
        code);
    // Three rows (more than the two that BA has): each reverse sweep after the first one reads the tape again.
    double[] x = {0.3, -0.8, 1.1};
    Object p = fx.callCompanion("tapedEverywherePullbacks", x.clone(), new double[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}});
    double[][] rows = (double[][]) Fixture.component(p, "x");
    assertArrayEquals(rows[0], rows[2], 0.0);
    Object[] alone = fx.method("tapedEverywhere").pullback(new Object[] {x.clone()}, new double[] {0, 1, 0});
    assertArrayEquals((double[]) alone[0], rows[1], 0.0);
  }

  /** The tape drops its reference to an array it gives back: such a reverse sweep cannot run twice. */
  @Test
  void aReverseSweepThatTakesArraysOffTheTapeTakesOnePullbackPerRow() {
    Random r = new Random(9);
    for (int i = 0; i < 4; i++) {
      int n = 2 + i;
      fx.check("rowsOnTheTape", at(matrix(r, n, 2, -1, 1), vector(r, 2, -1, 1)));
    }
    String code = fx.generatedMethod("rowsOnTheTapePullbacks");
    assertTrue(javadocOf("rowsOnTheTapePullbacks").contains(
        "One pullback per row, because the reverse sweep takes double[] values off the tape."), code);
  }

  /** The method shares its forward sweep, and its rows rewind the tape that the forward sweep marked. */
  private static String assertSharedWithRewind(String method) {
    String code = fx.generatedMethod(method);
    assertTrue(javadocOf(method).contains(SHARED), code);
    int mark = code.indexOf("tape.mark();");
    int rows = code.indexOf("for (int row = 0; row < resultBars.length; row");
    int rewind = code.indexOf("tape.rewind();");
    assertTrue(mark > 0 && mark < rows && rows < rewind, code);
    return code;
  }

  @Test
  void matrixParametersGetOneMatrixPerRow() {
    fx.checkRandom("matrixVector", 5, 4, rnd -> {
      int rows = 1 + rnd.nextInt(4);
      int cols = 1 + rnd.nextInt(4);
      return at(matrix(rnd, rows, cols, -1, 1), vector(rnd, cols, -1, 1));
    });
    assertEquals(java.util.List.of(double[].class, double[][][].class, double[][].class),
        fx.componentTypes("MatrixVectorPullbacks"));
  }

  /** Every row is at the point on entry, and the argument ends as the method leaves it. */
  @Test
  void aMethodThatUpdatesItsArgumentGivesEveryRowAtThePointOnEntry() {
    fx.check("inPlace", at(new double[] {0.3, -1.2}), at(new double[] {2.0, 0.7}));
    double[] x = {0.3, -1.2};
    double[][] bars = {{1, 0}, {0, 1}};
    Object p = fx.callCompanion("inPlacePullbacks", x, bars);
    double[][] rows = (double[][]) Fixture.component(p, "x");
    // d/dx (x0^2 + x1^2 + 1) and d/dx ((x0^2 + .5)(x1^2 + .5)) at (0.3, -1.2)
    assertArrayEquals(new double[] {0.6, -2.4}, rows[0], 1e-15);
    assertArrayEquals(new double[] {0.6 * (1.44 + 0.5), -2.4 * (0.09 + 0.5)}, rows[1], 1e-14);
    assertArrayEquals(new double[] {0.09 + 0.5, 1.44 + 0.5}, x, 1e-15);
  }

  @Test
  void keptCallsOfHelpersWithLoops() {
    Random r = new Random(6);
    for (int i = 0; i < 3; i++) {
      fx.check("calls", at(vector(r, 2 + i, -1, 1), vector(r, 2 + i, -1, 1)));
    }
  }

  /**
   * A kept callee writes the adjoints of its two double arguments into a buffer: each row has a
   * buffer of its own, or the second row's call would overwrite what the first row reads.
   */
  @Test
  void keptCalleesWriteEachRowsScalarAdjointsIntoItsOwnBuffer() {
    Random r = new Random(12);
    for (int i = 0; i < 3; i++) {
      fx.check("keptScalars", at(vector(r, 2 + i, -1, 1), r.nextGaussian()));
    }
    String code = fx.generatedMethod("keptScalarsPullbacks");
    assertTrue(javadocOf("keptScalarsPullbacks").contains("once per two rows"), code);
    assertTrue(code.contains("ScalarBarsRow2"), code);
  }

  @Test
  void noRowsGiveTheValueAlone() {
    Object p = fx.callCompanion("straightPullbacks", new double[] {0.5, 2.0}, 1.5, new double[0][]);
    assertArrayEquals((double[]) fx.invoke("straight", new double[] {0.5, 2.0}, 1.5),
        (double[]) Fixture.component(p, "value"), 0.0);
    assertEquals(0, ((double[][]) Fixture.component(p, "x")).length);
    assertEquals(0, ((double[]) Fixture.component(p, "w")).length);
    Object taped = fx.callCompanion("tapedPullbacks", new double[] {0.5, 2.0}, new double[0][]);
    assertArrayEquals((double[]) fx.invoke("taped", new double[] {0.5, 2.0}),
        (double[]) Fixture.component(taped, "value"), 0.0);
  }

  @Test
  void jacobiansByRowsMatchJacobiansByColumns() {
    Random r = new Random(7);
    for (String name : new String[] {"straight", "rotated", "lastValley", "branchy", "reused", "taped", "calls",
        "tapedEverywhere"}) {
      DifferentiableMethod m = fx.method(name);
      Object[] args = switch (name) {
        case "straight" -> at(vector(r, 2, -1, 1), 0.7);
        case "rotated", "calls" -> at(vector(r, 3, -1, 1), vector(r, 3, -1, 1));
        default -> at(vector(r, 4, -1, 1));
      };
      double[][] byRows = Jacobian.of(m, Jacobian.Mode.REVERSE, args);
      double[][] byColumns = Jacobian.of(m, Jacobian.Mode.FORWARD, args);
      assertEquals(byColumns.length, byRows.length, name);
      for (int i = 0; i < byRows.length; i++) {
        for (int j = 0; j < byRows[i].length; j++) {
          assertEquals(byColumns[i][j], byRows[i][j], 1e-12 * Math.max(1, Math.abs(byColumns[i][j])),
              name + " J[" + i + "][" + j + "]");
        }
      }
    }
  }

  /** A void method and a method returning double have no typed pullbacks; the registry takes one per row. */
  @Test
  void theRegistryTakesRowsForEveryMethod() {
    fx.check("into", at(new double[] {0.4, 1.1}, new double[2]));
    assertTrue(!fx.generated().contains("intoPullbacks("), fx.generated());
    DifferentiableMethod scalar = fx.method("scalar");
    Object[][] rows = scalar.pullbacks(new Object[] {new double[] {1.5, -2.0}}, new double[][] {{1.0}, {-3.0}});
    assertArrayEquals(new double[] {2 * 1.5 * -2.0, 1.5 * 1.5}, (double[]) rows[0][0], 1e-15);
    assertArrayEquals(new double[] {-3 * 2 * 1.5 * -2.0, -3 * 1.5 * 1.5}, (double[]) rows[1][0], 1e-14);
  }

  @Test
  void wrongResultBarsAreExplained() {
    DifferentiableMethod scalar = fx.method("scalar");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scalar.pullbacks(new Object[] {new double[] {1, 2}}, new double[][] {{1.0, 2.0}}));
    assertTrue(e.getMessage().contains("each row of resultBars must hold one number"), e.getMessage());
    DifferentiableMethod into = fx.method("into");
    e = assertThrows(IllegalArgumentException.class,
        () -> into.pullbacks(new Object[] {new double[] {1, 2}, new double[2]}, new double[][] {{1.0, 2.0, 3.0}}));
    assertTrue(e.getMessage().contains("as long as double[] out"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> fx.method("straight").pullbacks(new Object[] {new double[] {1, 2}, 1.0}, null));
    assertTrue(e.getMessage().contains("resultBars must be an array of result bars"), e.getMessage());
  }

  /** The method's javadoc: the text from the comment before it to its signature. */
  private static String javadocOf(String method) {
    String text = fx.generated();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("public static \\w+ " + method + "\\(").matcher(text);
    assertTrue(m.find(), "no method " + method);
    int signature = m.start();
    int start = text.lastIndexOf("/**", signature);
    return text.substring(start, signature);
  }
}
