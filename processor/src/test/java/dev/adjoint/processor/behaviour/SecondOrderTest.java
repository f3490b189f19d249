package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Hessian;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.InMemoryClassLoader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Second order, forward over reverse: {@code Hessian.of} and the typed {@code fHessianVector} against
 * Hessians worked out by hand, through loops, arrays, matrices, branches, tape-recorded loops,
 * inlined helpers and kinked Math functions away from their kinks; and a method whose gradient keeps
 * a call, which has no Hessian-vector method and says why. Every method also goes through
 * {@link dev.adjoint.processor.testing.DerivativeCheck}, which compares H v with central differences
 * of the gradient and checks symmetry.
 */
class SecondOrderTest {
  /** Forward over reverse is exact up to rounding: entries agree with the closed forms to this, relatively. */
  private static final double EXACT = 1e-11;

  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Second", """
          // x^T A x, A not symmetric
          @Differentiable
          static double quadraticForm(double[] x, @NoDerivative double[][] a) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              for (int j = 0; j < x.length; j++) {
                s += x[i] * a[i][j] * x[j];
              }
            }
            return s;
          }

          @Differentiable
          static double rosenbrock(double[] x) {
            double sum = 0.0;
            for (int i = 0; i < x.length - 1; i++) {
              double valley = x[i + 1] - x[i] * x[i];
              double offset = 1.0 - x[i];
              sum += 100.0 * valley * valley + offset * offset;
            }
            return sum;
          }

          // shifted by the largest element, found with a branch, so that exp never overflows
          @Differentiable
          static double logSumExp(double[] x) {
            double m = x[0];
            for (int i = 1; i < x.length; i++) {
              if (x[i] > m) {
                m = x[i];
              }
            }
            double s = 0;
            for (double e : x) {
              s += Math.exp(e - m);
            }
            return m + Math.log(s);
          }

          // sum of m_ij^3 / 3 over a ragged matrix, plus m00 m11
          @Differentiable
          static double cubes(double[][] m) {
            double s = m[0][0] * m[1][1];
            for (double[] row : m) {
              for (int j = 0; j < row.length; j++) {
                s += row[j] * row[j] * row[j] / 3;
              }
            }
            return s;
          }

          @Differentiable
          static double branches(double x, double y) {
            if (x > y) {
              return x * x * y;
            }
            return Math.exp(x) * y * y;
          }

          // a while loop with a data-dependent trip count: p is overwritten each time, so it is taped
          @Differentiable
          static double whileLoop(double x, double y, @NoDerivative double limit) {
            double p = 1;
            double t = 0;
            while (t < limit) {
              p = p * x + y;
              t += 1.0;
            }
            return p;
          }

          private static double square(double v) {
            return v * v;
          }

          private static double norm(double a, double b) {
            return Math.sqrt(a * a + b * b);
          }

          // x (x^2 + y^2) through two small helpers, which are inlined
          @Differentiable
          static double inlinedHelpers(double x, double y) {
            return square(norm(x, y)) * x;
          }

          @Differentiable
          static double kinks(double x, double y) {
            return Math.abs(x) * y * y + Math.max(x, y) * x;
          }

          // hypot at its kink (0, 0), reached with n = 0: there the function is x y, and hypot's
          // partial r == 0 ? 0 : s / r has derivative 0 (fuzz seed 9000168 gave NaN: 0 * (1 / 0))
          @Differentiable
          static double hypotAtItsKink(double x, double y, int n) {
            double s = x * n;
            return Math.atan(Math.hypot(s, s)) + x * y;
          }

          // mean cross-entropy of logistic regression, bias first
          @Differentiable
          static double logistic(double[] w, @NoDerivative double[][] xs, @NoDerivative double[] ys) {
            double total = 0;
            for (int i = 0; i < ys.length; i++) {
              double score = w[0];
              for (int j = 0; j < xs[i].length; j++) {
                score += w[j + 1] * xs[i][j];
              }
              double margin = ys[i] > 0.5 ? -score : score;
              total += Math.max(margin, 0.0) + Math.log1p(Math.exp(-Math.abs(margin)));
            }
            return total / ys.length;
          }

          // every kind of parameter, for the record's shape: a^2 v0 + n a m00 m01 + v1^2 m10
          @Differentiable
          static double mixed(double a, double[] v, double[][] m, int n) {
            return a * a * v[0] + n * a * m[0][0] * m[0][1] + v[1] * v[1] * m[1][0];
          }

          private static double power(double x, int n) {
            return n == 0 ? 1 : x * power(x, n - 1);
          }

          // a recursive helper stays a call, so the gradient calls its derivative code
          @Differentiable
          static double recursive(double x, double y) {
            return power(x, 3) * y;
          }

          // a recursive helper with two double parameters: its adjoint writes both adjoints into the
          // caller's array; called once outside loops and in a loop that overwrites its arguments
          private static double twist(double x, double y, int n) {
            return n == 0 ? x * y : Math.sin(x) * twist(y, x + 0.5 * y, n - 1);
          }

          @Differentiable
          static double twoScalarCallee(double a, double b) {
            double total = twist(a, b, 3);
            double u = a;
            double v = b;
            for (int i = 0; i < 3; i++) {
              total += twist(u, v, 2);
              u = u * 0.5 + v;
              v = Math.cos(u);
            }
            return total;
          }
        """);
  }

  // ---- known Hessians ------------------------------------------------------------------------

  @Test
  void quadraticFormHasHessianAPlusATransposed() {
    Random r = new Random(1);
    for (int n : new int[] {1, 3, 6}) {
      double[] x = vector(r, n, -2, 2);
      double[][] a = matrix(r, n, n, -3, 3);
      double[][] expected = new double[n][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          expected[i][j] = a[i][j] + a[j][i];
        }
      }
      assertHessian(expected, "quadraticForm", x, a);
      fx.check("quadraticForm", at(x, a));
    }
  }

  @Test
  void rosenbrockHasItsClosedFormHessian() {
    Random r = new Random(2);
    for (int n : new int[] {2, 5, 12}) {
      double[] x = vector(r, n, -1.5, 1.5);
      double[][] expected = new double[n][n];
      for (int i = 0; i < n - 1; i++) {
        expected[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
        expected[i][i + 1] -= 400 * x[i];
        expected[i + 1][i] -= 400 * x[i];
        expected[i + 1][i + 1] += 200;
      }
      assertHessian(expected, "rosenbrock", x);
      fx.check("rosenbrock", at(x));
    }
  }

  @Test
  void logSumExpHasSoftmaxCovariance() {
    Random r = new Random(3);
    for (int n : new int[] {1, 4, 9}) {
      double[] x = vector(r, n, -3, 3);
      double max = Arrays.stream(x).max().orElseThrow();
      double[] p = Arrays.stream(x).map(e -> Math.exp(e - max)).toArray();
      double total = Arrays.stream(p).sum();
      double[][] expected = new double[n][n];
      for (int i = 0; i < n; i++) {
        p[i] /= total;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          expected[i][j] = (i == j ? p[i] : 0) - p[i] * p[j];
        }
      }
      assertHessian(expected, "logSumExp", x);
      fx.check("logSumExp", at(x));
    }
  }

  @Test
  void aRaggedMatrixParameterIsFlattenedRowByRow() {
    double[][] m = {{0.5, -1.2, 2.0}, {1.5, 0.3}, {-0.7}};
    // flat order: m00 m01 m02 m10 m11 m20; d2/dm_ij^2 = 2 m_ij, and d2/dm00 dm11 = 1 (flat 0 and 4)
    double[] flat = {0.5, -1.2, 2.0, 1.5, 0.3, -0.7};
    double[][] expected = new double[6][6];
    for (int k = 0; k < 6; k++) {
      expected[k][k] = 2 * flat[k];
    }
    expected[0][4] = 1;
    expected[4][0] = 1;
    assertHessian(expected, "cubes", (Object) m);
    fx.checkRandom("cubes", 4, 3, r -> at((Object) new double[][] {vector(r, 2, -2, 2), vector(r, 3, -2, 2)}));
  }

  @Test
  void eachBranchHasItsOwnHessian() {
    double x = 1.3;
    double y = 0.4; // x > y: x^2 y
    assertHessian(new double[][] {{2 * y, 2 * x}, {2 * x, 0}}, "branches", x, y);
    x = -0.6;
    y = 0.9; // otherwise: e^x y^2
    double e = Math.exp(x);
    assertHessian(new double[][] {{e * y * y, 2 * e * y}, {2 * e * y, 2 * e}}, "branches", x, y);
    fx.check("branches", at(1.3, 0.4), at(-0.6, 0.9));
  }

  @Test
  void aTapeRecordedWhileLoopMatchesTheRecurrenceOfItsDerivatives() {
    String generated = fx.generated();
    String method = generated.substring(generated.indexOf("whileLoopHessianVector(double x"));
    method = method.substring(0, method.indexOf("\n  }\n"));
    assertTrue(method.contains("tape.pushDouble(pDot);") && method.contains("pDot = tape.popDouble();"),
        "the overwritten p goes through the tape, and its tangent with it: " + method);
    double x = 0.8;
    double y = -0.4;
    for (double limit : new double[] {0.5, 3, 7.5}) {
      // p <- p x + y, and its first and second derivatives by the same recurrence
      double p = 1, px = 0, py = 0, pxx = 0, pxy = 0;
      for (double t = 0; t < limit; t += 1.0) {
        pxx = pxx * x + 2 * px;
        pxy = pxy * x + py;
        px = px * x + p;
        py = py * x + 1;
        p = p * x + y;
      }
      assertHessian(new double[][] {{pxx, pxy}, {pxy, 0}}, "whileLoop", x, y, limit);
      fx.check("whileLoop", at(x, y, limit));
    }
  }

  @Test
  void inlinedHelpersAreDifferentiatedTwice() {
    assertFalse(fx.generated().contains("squareGradient") || fx.generated().contains("normGradient"),
        "small helpers are inlined, not called");
    double x = 0.7;
    double y = -1.9;
    assertHessian(new double[][] {{6 * x, 2 * y}, {2 * y, 2 * x}}, "inlinedHelpers", x, y);
    fx.checkRandom("inlinedHelpers", 5, 4, r -> at(uniform(r, -2, 2), uniform(r, -2, 2)));
  }

  @Test
  void absAndMaxAwayFromTheirKinks() {
    // f = |x| y^2 + max(x, y) x: fxx = (x > y ? 2 : 0), fxy = 2 sign(x) y + (x > y ? 0 : 1), fyy = 2 |x|
    double[][] points = {{1.5, 0.5}, {-0.8, 0.6}, {-0.4, -1.7}, {0.3, 2.0}};
    for (double[] pt : points) {
      double x = pt[0];
      double y = pt[1];
      double s = Math.signum(x);
      double fxx = x > y ? 2 : 0;
      double fxy = 2 * s * y + (x > y ? 0 : 1);
      assertHessian(new double[][] {{fxx, fxy}, {fxy, 2 * Math.abs(x)}}, "kinks", x, y);
      fx.check("kinks", at(x, y));
    }
  }

  @Test
  void theBranchNotTakenOfAPartialAddsNothingToTheHessianEvenWhereItIsInfinite() {
    // n = 0: f = x y everywhere, though hypot is evaluated at its kink, where its partials' own
    // derivatives are infinite; n = 1, x > 0: f = atan(u) + x y with u = sqrt(2) x, fxx = -4 u / (1 + u^2)^2
    assertHessian(new double[][] {{0, 1}, {1, 0}}, "hypotAtItsKink", 0.8, -1.3, 0);
    fx.check("hypotAtItsKink", at(0.8, -1.3, 0));
    double x = 0.6;
    double u = Math.sqrt(2) * x;
    assertHessian(new double[][] {{-4 * u / Math.pow(1 + u * u, 2), 1}, {1, 0}}, "hypotAtItsKink", x, 0.4, 1);
    fx.check("hypotAtItsKink", at(x, 0.4, 1));
  }

  @Test
  void logisticRegressionHasTheWeightedOuterProductHessian() {
    Random r = new Random(6);
    int samples = 40;
    int features = 3;
    double[][] xs = matrix(r, samples, features, -2, 2);
    double[] ys = new double[samples];
    for (int i = 0; i < samples; i++) {
      ys[i] = r.nextBoolean() ? 1 : 0;
    }
    double[] w = vector(r, features + 1, -1, 1);
    double[][] expected = new double[features + 1][features + 1];
    for (int i = 0; i < samples; i++) {
      double[] z = new double[features + 1];
      z[0] = 1;
      System.arraycopy(xs[i], 0, z, 1, features);
      double score = 0;
      for (int j = 0; j <= features; j++) {
        score += w[j] * z[j];
      }
      double p = 1 / (1 + Math.exp(-score));
      for (int j = 0; j <= features; j++) {
        for (int k = 0; k <= features; k++) {
          expected[j][k] += p * (1 - p) * z[j] * z[k] / samples;
        }
      }
    }
    assertHessian(expected, "logistic", w, xs, ys);
    fx.check("logistic", at(w, xs, ys));
  }

  // ---- the typed method and its record -------------------------------------------------------

  @Test
  void theRecordHoldsValueGradientAndOneHvPerDifferentiableParameter() {
    assertEquals(List.of("value", "a", "v", "m", "aHv", "vHv", "mHv"), fx.componentNames("MixedHessianVector"));
    assertEquals(List.of(double.class, double.class, double[].class, double[][].class, double.class, double[].class,
        double[][].class), fx.componentTypes("MixedHessianVector"));
    String generated = fx.generated().replaceAll("\\s+", " ");
    assertTrue(generated.contains("public static MixedHessianVector mixedHessianVector(double a, double aDot,"
        + " double[] v, double[] vDot, double[][] m, double[][] mDot, int n)"), "each differentiable p, then pDot");
    assertEquals(List.of("value", "x", "xHv"), fx.componentNames("QuadraticFormHessianVector"));
    assertEquals(List.of(double[].class, double[].class, double[][].class), parameterTypes("quadraticFormHessianVector"),
        "a @NoDerivative parameter has no direction");
  }

  @Test
  void theTypedMethodGivesValueGradientAndHessianTimesTheDirection() {
    double a = 1.5;
    double[] v = {0.7, -1.3};
    double[][] m = {{2.0, -0.5}, {3.0}};
    int n = 3;
    double aDot = 0.25;
    double[] vDot = {-1, 2};
    double[][] mDot = {{0.5, 1}, {-2}};
    Object record = fx.callCompanion("mixedHessianVector", a, aDot, v, vDot, m, mDot, n);
    Object gradient = fx.callCompanion("mixedGradient", a, v, m, n);
    assertEquals(Fixture.component(gradient, "value"), Fixture.component(record, "value"));
    assertEquals(Fixture.component(gradient, "a"), Fixture.component(record, "a"));
    assertTrue(Arrays.equals((double[]) Fixture.component(gradient, "v"), (double[]) Fixture.component(record, "v")));
    assertTrue(Arrays.deepEquals((double[][]) Fixture.component(gradient, "m"), (double[][]) Fixture.component(record, "m")));
    // rows and columns a, v0, v1, m00, m01, m10
    double[][] h = new double[6][6];
    h[0][0] = 2 * v[0];
    h[0][1] = 2 * a;
    h[0][3] = n * m[0][1];
    h[0][4] = n * m[0][0];
    h[2][2] = 2 * m[1][0];
    h[2][5] = 2 * v[1];
    h[3][4] = n * a;
    for (int r = 0; r < 6; r++) {
      for (int c = 0; c < r; c++) {
        h[r][c] = h[c][r];
      }
    }
    double[] direction = {aDot, vDot[0], vDot[1], mDot[0][0], mDot[0][1], mDot[1][0]};
    double[] expected = times(h, direction);
    double aHv = (Double) Fixture.component(record, "aHv");
    double[] vHv = (double[]) Fixture.component(record, "vHv");
    double[][] mHv = (double[][]) Fixture.component(record, "mHv");
    double[] actual = {aHv, vHv[0], vHv[1], mHv[0][0], mHv[0][1], mHv[1][0]};
    for (int k = 0; k < 6; k++) {
      assertEquals(expected[k], actual[k], EXACT * Math.max(1, Math.abs(expected[k])), "(H d)[" + k + "]");
    }
    assertEquals(2, mHv[0].length);
    assertEquals(1, mHv[1].length, "pHv has the shape of p");
    assertHessian(h, "mixed", a, v, m, n);
    fx.check("mixed", at(a, v, m, n), at(-0.4, new double[] {1.1, 0.2}, new double[][] {{0.3, 0.9}, {-1.4}}, -2));
  }

  // ---- calls that stay calls -----------------------------------------------------------------

  /** f = x^3 y through a recursive callee: its adjoint is differentiated once more. */
  @Test
  void aCallThatStaysACallGoesThroughTheTangentOfItsAdjoint() {
    String generated = fx.generated();
    assertTrue(generated.contains("public static RecursiveHessianVector recursiveHessianVector("), generated);
    for (double[] point : new double[][] {{0.8, 1.5}, {-1.3, 0.4}}) {
      double x = point[0];
      double y = point[1];
      assertHessian(new double[][] {{6 * x * y, 3 * x * x}, {3 * x * x, 0}}, "recursive", x, y);
    }
    fx.check("recursive", at(0.8, 1.5), at(-1.3, 0.4));
  }

  @Test
  void aCalleeWithSeveralDoubleParametersWritesTheirAdjointsIntoOneArrayPerCallSite() {
    String generated = fx.generated();
    assertTrue(generated.contains("double[] scalarBars"), generated);
    assertTrue(generated.contains("= new double[2];"), generated);
    assertTrue(generated.contains("TwoScalarCalleeHessianVector twoScalarCalleeHessianVector("), generated);
    assertTrue(generated.contains("SecondDerivatives.twistAdjointWrtXY("), generated);
    assertFalse(generated.contains("= SecondDerivatives.twistGradientWrt"), "no gradient record per call:\n" + generated);
    fx.check("twoScalarCallee", at(0.7, -0.4), at(1.9, 0.3), at(-0.2, -1.1));
  }

  // ---- what has no second order yet ----------------------------------------------------------

  @Test
  void aCallOfAMethodFromAJarHasNoHessianVectorMethodAndTheRegistrySaysWhy(@TempDir Path dir) throws Exception {
    Compilation library = Compiler.compile(Compiler.source("lib.Cube", """
        package lib;
        import dev.adjoint.Differentiable;
        public final class Cube {
          @Differentiable
          public static double cube(double x) {
            return x * x * x;
          }
        }
        """));
    assertThat(library).succeededWithoutWarnings();
    Path classes = Compiler.writeOutput(library, dir.resolve("lib"));
    Compilation app = Compiler.compileAgainst(List.of(classes), Compiler.source("app.UsesCube", """
        package app;
        import dev.adjoint.Differentiable;
        import lib.Cube;
        public final class UsesCube {
          @Differentiable
          public static double usesCube(double x, double y) {
            return Cube.cube(x) * y;
          }
        }
        """));
    assertThat(app).succeededWithoutWarnings();
    ClassLoader loader = new InMemoryClassLoader(app,
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, SecondOrderTest.class.getClassLoader()));
    DifferentiableMethod usesCube = Derivatives.of(loader.loadClass("app.UsesCube"), "usesCube");
    assertEquals(3 * 0.8 * 0.8 * 1.5, (Double) usesCube.gradient(0.8, 1.5)[0], 1e-12, "first order still works");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> usesCube.hessianVector(new Object[] {0.8, 1.5}, new Object[] {1.0, 0.0}));
    assertTrue(e.getMessage().startsWith("Adjoint generated no Hessian-vector method for usesCube: "), e.getMessage());
    assertTrue(e.getMessage().contains("cubeGradient"), "names the derivative code it calls: " + e.getMessage());
    assertTrue(e.getMessage().contains("not through a callee whose pullback is recorded"), e.getMessage());
    UnsupportedOperationException viaHessian = assertThrows(UnsupportedOperationException.class,
        () -> Hessian.of(usesCube, 0.8, 1.5));
    assertEquals(e.getMessage(), viaHessian.getMessage());
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** {@code Hessian.of} equals {@code expected} entry by entry, and is exactly symmetric. */
  private static void assertHessian(double[][] expected, String name, Object... args) {
    double[][] h = Hessian.of(fx.method(name), args);
    assertEquals(expected.length, h.length, name + ": rows");
    double scale = 1;
    for (double[] row : expected) {
      for (double e : row) {
        scale = Math.max(scale, Math.abs(e));
      }
    }
    for (int r = 0; r < expected.length; r++) {
      assertEquals(expected.length, h[r].length, name + ": columns of row " + r);
      for (int c = 0; c < expected.length; c++) {
        assertEquals(expected[r][c], h[r][c], EXACT * scale, name + ": H[" + r + "][" + c + "] at "
            + Arrays.deepToString(args));
        assertEquals(h[r][c], h[c][r], 0.0, name + ": symmetric");
      }
    }
  }

  private static List<Class<?>> parameterTypes(String companionMethod) {
    for (Method method : fx.companion().getMethods()) {
      if (method.getName().equals(companionMethod)) {
        return List.of(method.getParameterTypes());
      }
    }
    throw new AssertionError("no " + companionMethod);
  }

  private static double[] times(double[][] h, double[] d) {
    double[] out = new double[d.length];
    for (int r = 0; r < d.length; r++) {
      for (int c = 0; c < d.length; c++) {
        out[r] += h[r][c] * d[c];
      }
    }
    return out;
  }
}
