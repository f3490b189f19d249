package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** double[] and double[][] parameters, locals and element updates; index arrays; clone; writes to arguments. */
class ArraysTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Arrays", """
          @Differentiable
          static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
              s += a[i] * b[i];
            }
            return s;
          }

          @Differentiable
          static double quadratic(double[][] m, double[] x) {
            int n = x.length;
            double[] y = new double[n];
            for (int i = 0; i < m.length; i++) {
              for (int j = 0; j < n; j++) {
                y[i] += m[i][j] * x[j];
              }
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
              s += x[i] * y[i];
            }
            return s;
          }

          @Differentiable
          static double locals(double x, double y, int r, int c) {
            double[][] g = new double[r][c];
            for (int i = 0; i < r; i++) {
              for (int j = 0; j < c; j++) {
                g[i][j] = Math.sin(x * (i + 1)) * Math.cos(y * (j + 1));
              }
            }
            for (int i = 0; i < r; i++) {
              for (int j = 0; j < c; j++) {
                g[i][j] *= x + j;
                g[i][j] += y * g[i][j];
                g[i][j] -= 0.5 * x;
                g[i][j] /= 1 + y * y;
              }
            }
            double s = 0;
            for (double[] row : g) {
              for (double e : row) {
                s += e;
              }
            }
            return s;
          }

          @Differentiable
          static double initialisers(double x, double y) {
            double[] v = {x, y, x * y, 2.0};
            double[][] m = {{x, 1}, {y, x + y}};
            double[] w = new double[] {v[3] * x, m[1][1]};
            v[0] = v[0] * v[2];
            v[1] += w[0];
            m[0][1] *= y;
            return v[0] + v[1] + v[2] + m[0][0] * m[1][1] + m[0][1] + w[1] + v.length + m[1].length;
          }

          @Differentiable
          static double gather(double[] values, int[] index, double scale) {
            double s = 0;
            for (int k = 0; k < index.length; k++) {
              s += values[index[k]] * values[index[(k + 1) % index.length]];
            }
            return s * scale;
          }

          @Differentiable
          static double rowNorm(double[] row) {
            double s = 0;
            for (double e : row) {
              s += e * e;
            }
            return Math.sqrt(s);
          }

          @Differentiable
          static double frobeniusByRows(double[][] m) {
            double s = 0;
            for (int i = 0; i < m.length; i++) {
              double r = rowNorm(m[i]);
              s += r * r;
            }
            return s + dot(m[0], m[m.length - 1]);
          }

          @Differentiable
          static double normaliseInPlace(double[] v) {
            double n = 0;
            for (int i = 0; i < v.length; i++) {
              n += v[i] * v[i];
            }
            n = Math.sqrt(n);
            for (int i = 0; i < v.length; i++) {
              v[i] = v[i] / n;
            }
            return v[0] * n + v[v.length - 1];
          }

          @Differentiable
          static double scaleRows(double[][] m, double f) {
            for (double[] row : m) {
              for (int j = 0; j < row.length; j++) {
                row[j] *= f;
              }
            }
            m[0][0] += f * f;
            double s = 0;
            for (int i = 0; i < m.length; i++) {
              s += m[i][0] * m[i][m[i].length - 1];
            }
            return s;
          }

          @Differentiable
          static double cloned(double[] v, double x) {
            double[] c = v.clone();
            for (int i = 0; i < c.length; i++) {
              c[i] = c[i] * x + i;
            }
            double s = 0;
            for (int i = 0; i < c.length; i++) {
              s += c[i] * v[i];
            }
            return s;
          }
        """);
  }

  @Test
  void dotProduct() {
    fx.checkRandom("dot", 1, 4, r -> {
      int n = 1 + r.nextInt(6);
      return at(vector(r, n, -2, 2), vector(r, n, -2, 2));
    });
    Object[] g = fx.gradient("dot", new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertArrayEquals(new double[] {4, 5, 6}, (double[]) g[0]);
    assertArrayEquals(new double[] {1, 2, 3}, (double[]) g[1]);
  }

  @Test
  void matrixParameterAndNewArrayLocal() {
    fx.checkRandom("quadratic", 2, 4, r -> {
      int n = 1 + r.nextInt(4);
      return at(matrix(r, n, n, -1, 1), vector(r, n, -1, 1));
    });
    // d/dx x^T M x = (M + M^T) x
    double[][] m = {{1, 2}, {3, 4}};
    double[] x = {0.5, -1};
    Object[] g = fx.gradient("quadratic", m, x);
    assertArrayEquals(new double[] {2 * 0.5 + 5 * -1, 5 * 0.5 + 8 * -1}, (double[]) g[1], 1e-15);
    double[][] dm = (double[][]) g[0];
    assertArrayEquals(new double[] {0.25, -0.5}, dm[0], 1e-15);
    assertArrayEquals(new double[] {-0.5, 1}, dm[1], 1e-15);
  }

  @Test
  void newMatrixLocalsWithElementUpdates() {
    fx.check("locals", at(0.3, 0.7, 2, 3), at(-1.1, 0.4, 1, 1), at(0.9, -0.6, 3, 2), at(0.5, 0.5, 0, 4));
  }

  @Test
  void arrayInitialisersAndLength() {
    fx.check("initialisers", at(0.5, 1.5), at(-1.0, 2.0), at(2.5, -0.3));
    // v0 = x * xy, v1 = y + 2x, v2 = xy, m00 m11 = x (x + y), m01 = y, w1 = x + y
    double x = 0.5;
    double y = 1.5;
    Object[] g = fx.gradient("initialisers", x, y);
    assertClose(2 * x * y + 2 + y + 2 * x + y + 1, (Double) g[0], "d/dx");
    assertClose(x * x + 1 + x + x + 1 + 1, (Double) g[1], "d/dy");
  }

  @Test
  void intIndexArrays() {
    double[] values = {0.5, -1.0, 2.0, 0.25};
    fx.check("gather", at(values, new int[] {0, 2, 3}, 1.5), at(values, new int[] {1, 1}, -0.5),
        at(values, new int[] {3, 0, 1, 2}, 2.0));
    Object[] g = fx.gradient("gather", values, new int[] {0, 2}, 1.0);
    // s = 2 v0 v2
    assertArrayEquals(new double[] {4.0, 0, 1.0, 0}, (double[]) g[0], 1e-15);
  }

  @Test
  void rowsPassedToOtherDifferentiableMethods() {
    fx.checkRandom("frobeniusByRows", 3, 4, r -> at((Object) matrix(r, 1 + r.nextInt(3), 3, -2, 2)));
    double[][] m = {{1, 2}, {3, 4}};
    double[][] g = (double[][]) fx.gradient("frobeniusByRows", (Object) m)[0];
    // s = |m|^2 + m0 . m1
    assertArrayEquals(new double[] {2 + 3, 4 + 4}, g[0], 1e-14);
    assertArrayEquals(new double[] {6 + 1, 8 + 2}, g[1], 1e-14);
  }

  @Test
  void methodWritingIntoItsArrayParameter() {
    // DerivativeCheck checks that the argument is left as the original method leaves it, and that the
    // gradient is with respect to the values on entry (finite differences perturb the entry values)
    fx.checkRandom("normaliseInPlace", 4, 4, r -> at(vector(r, 1 + r.nextInt(4), 0.5, 2)));
    double[] v = {3, 4};
    Object gradient = fx.callCompanion("normaliseInPlaceGradient", (Object) v);
    assertArrayEquals(new double[] {0.6, 0.8}, v, 1e-15);
    // f = v0 + v1 / |v|: df/dv0 = 1 - v0 v1 / |v|^3, df/dv1 = 1/|v| - v1^2 / |v|^3
    assertArrayEquals(new double[] {1 - 12.0 / 125, 0.2 - 16.0 / 125},
        (double[]) Fixture.component(gradient, "v"), 1e-15);
    v = new double[] {3, 4};
    fx.callCompanion("normaliseInPlaceTangent", v, new double[] {1, 0});
    assertArrayEquals(new double[] {0.6, 0.8}, v, 1e-15);
  }

  @Test
  void methodWritingIntoMatrixRows() {
    fx.checkRandom("scaleRows", 5, 4, r -> at(matrix(r, 1 + r.nextInt(3), 1 + r.nextInt(3), -2, 2), uniform(r, -2, 2)));
  }

  @Test
  void cloneOfAnArray() {
    fx.checkRandom("cloned", 6, 4, r -> at(vector(r, r.nextInt(5), -2, 2), uniform(r, -2, 2)));
    Object[] g = fx.gradient("cloned", new double[] {1, 2}, 3.0);
    // s = sum (v_i x + i) v_i: ds/dv_i = 2 v_i x + i, ds/dx = |v|^2
    assertArrayEquals(new double[] {6, 13}, (double[]) g[0], 1e-15);
    assertClose(5, (Double) g[1], "d/dx");
  }
}
