package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Jacobian;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Methods returning double[]: pullback and tangent, and whole Jacobians in both modes. */
class VectorFunctionsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Vec", """
          @Differentiable
          static double[] polar(double r, double theta) {
            return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
          }

          @Differentiable
          static double[] affine(double[][] a, double[] x, double[] b) {
            double[] y = b.clone();
            for (int i = 0; i < a.length; i++) {
              for (int j = 0; j < x.length; j++) {
                y[i] += a[i][j] * x[j];
              }
              y[i] = Math.tanh(y[i]);
            }
            return y;
          }

          @Differentiable
          static double[] wide(double[] x) {
            double s = 0;
            double p = 1;
            for (int i = 0; i < x.length; i++) {
              s += x[i] * x[i] * (i + 1);
              p *= 1 + 0.1 * Math.sin(x[i]);
            }
            return new double[] {s, p};
          }

          @Differentiable
          static double[] tall(double u, double v, int n) {
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
              out[k] = Math.exp(-k * u) * Math.cos(k * v) + u * v;
            }
            return out;
          }

          @Differentiable(wrt = {"x"})
          static double[] residuals(double[] x, double[] data, int m) {
            double[] r = new double[m];
            for (int i = 0; i < m; i++) {
              double t = i * 0.5;
              r[i] = x[0] * Math.exp(x[1] * t) - data[i];
            }
            return r;
          }
        """);
  }

  @Test
  void polarCoordinates() {
    fx.check("polar", at(1.0, 0.3), at(2.5, -1.2), at(0.4, 2.9));
    // J = [[cos t, -r sin t], [sin t, r cos t]]
    double r = 2.0;
    double t = 0.7;
    Object[] p = fx.method("polar").pullback(at(r, t), new double[] {1, 0});
    assertEquals(Math.cos(t), (Double) p[0], 1e-15);
    assertEquals(-r * Math.sin(t), (Double) p[1], 1e-15);
    double[] tangent = (double[]) fx.tangent("polar", at(r, t), at(0.0, 1.0));
    assertArrayEquals(new double[] {-r * Math.sin(t), r * Math.cos(t)}, tangent, 1e-15);
    assertEquals(List.of("value", "r", "theta"), fx.componentNames("PolarPullback"));
  }

  @Test
  void affineLayer() {
    fx.checkRandom("affine", 7, 4, rnd -> {
      int rows = 1 + rnd.nextInt(4);
      int cols = 1 + rnd.nextInt(4);
      return at(matrix(rnd, rows, cols, -1, 1), vector(rnd, cols, -1, 1), vector(rnd, rows, -1, 1));
    });
  }

  @Test
  void residualsWithWrt() {
    double[] data = {1.0, 1.4, 2.1, 2.9, 4.2};
    fx.check("residuals", at(new double[] {1.0, 0.6}, data, 5), at(new double[] {0.5, -0.2}, data, 3),
        at(new double[] {2.0, 0.1}, data, 1));
    assertEquals(List.of("value", "x"), fx.componentNames("ResidualsPullback"));
  }

  private static void assertSameMatrix(double[][] expected, double[][] actual) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i].length, actual[i].length);
      for (int j = 0; j < expected[i].length; j++) {
        double scale = Math.max(1, Math.abs(expected[i][j]));
        assertEquals(expected[i][j], actual[i][j], 1e-12 * scale, "J[" + i + "][" + j + "]");
      }
    }
  }

  private static double[][] centralDifferences(DifferentiableMethod m, double[] x, int rows) {
    double[][] j = new double[rows][x.length];
    for (int c = 0; c < x.length; c++) {
      double h = 1e-6 * Math.max(1, Math.abs(x[c]));
      double[] plus = x.clone();
      plus[c] += h;
      double[] minus = x.clone();
      minus[c] -= h;
      double[] fp = (double[]) m.invoke((Object) plus);
      double[] fm = (double[]) m.invoke((Object) minus);
      for (int r = 0; r < rows; r++) {
        j[r][c] = (fp[r] - fm[r]) / (2 * h);
      }
    }
    return j;
  }

  @Test
  void wideJacobianForwardAndReverseAgree() {
    DifferentiableMethod m = fx.method("wide");
    Random random = new Random(8);
    for (int trial = 0; trial < 3; trial++) {
      double[] x = vector(random, 10, -2, 2);
      fx.check("wide", at(x));
      double[][] forward = Jacobian.of(m, Jacobian.Mode.FORWARD, x);
      double[][] reverse = Jacobian.of(m, Jacobian.Mode.REVERSE, x);
      assertEquals(2, forward.length);
      assertEquals(10, forward[0].length);
      assertSameMatrix(forward, reverse);
      double[][] fd = centralDifferences(m, x, 2);
      for (int r = 0; r < 2; r++) {
        for (int c = 0; c < 10; c++) {
          assertEquals(fd[r][c], reverse[r][c], 1e-5 * Math.max(1, Math.abs(fd[r][c])), "J[" + r + "][" + c + "]");
        }
      }
      // row 0 is d/dx sum (i + 1) x_i^2
      for (int c = 0; c < 10; c++) {
        assertEquals(2 * (c + 1) * x[c], reverse[0][c], 1e-13 * Math.max(1, Math.abs(x[c]) * 20));
      }
    }
  }

  @Test
  void tallJacobianForwardAndReverseAgree() {
    DifferentiableMethod m = fx.method("tall");
    Random random = new Random(9);
    for (int trial = 0; trial < 3; trial++) {
      double u = uniform(random, 0.1, 1);
      double v = uniform(random, -2, 2);
      fx.check("tall", at(u, v, 10));
      double[][] forward = Jacobian.of(m, Jacobian.Mode.FORWARD, u, v, 10);
      double[][] reverse = Jacobian.of(m, Jacobian.Mode.REVERSE, u, v, 10);
      assertEquals(10, forward.length);
      assertEquals(2, forward[0].length);
      assertSameMatrix(forward, reverse);
      for (int k = 0; k < 10; k++) {
        double du = -k * Math.exp(-k * u) * Math.cos(k * v) + v;
        double dv = -k * Math.exp(-k * u) * Math.sin(k * v) + u;
        assertEquals(du, forward[k][0], 1e-12 * Math.max(1, Math.abs(du)), "d out" + k + "/du");
        assertEquals(dv, forward[k][1], 1e-12 * Math.max(1, Math.abs(dv)), "d out" + k + "/dv");
      }
    }
    fx.check("tall", at(0.5, 0.5, 0), at(0.5, 0.5, 1));
  }
}
