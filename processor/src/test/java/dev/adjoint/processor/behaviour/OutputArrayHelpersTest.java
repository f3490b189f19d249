package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Helpers that write their results into arrays they are given: the ODE idiom
 * {@code void rhs(t, y, dydt)} of Commons Math and Hipparchus, in-place updates, a helper that
 * returns the array it was given, and an early {@code return;}. Their writes carry derivatives,
 * in straight-line code and in loops, in both modes.
 */
class OutputArrayHelpersTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Ode", """
          // a damped oscillator: y = (position, velocity)
          private static void rhs(double t, double[] y, double k, double[] dydt) {
            dydt[0] = y[1];
            dydt[1] = -k * y[0] - 0.1 * y[1] + 0.05 * Math.sin(t);
          }

          // y += a * x, in place
          static void axpy(double a, double[] x, double[] y) {
            for (int i = 0; i < x.length; i++) {
              y[i] += a * x[i];
            }
          }

          // writes into out and hands it back, as builder-style helpers do
          private static double[] scaleInto(double[] out, double[] v, double s) {
            for (int i = 0; i < v.length; i++) {
              out[i] = s * v[i];
            }
            return out;
          }

          // an early return in a void method
          private static void clampFirst(double[] v, double limit) {
            if (v[0] <= limit) {
              return;
            }
            v[0] = limit + 0.5 * (v[0] - limit);
          }

          private static void rk4Step(double t, double[] y, double k, double h) {
            int n = y.length;
            double[] k1 = new double[n];
            double[] k2 = new double[n];
            double[] k3 = new double[n];
            double[] k4 = new double[n];
            double[] tmp = new double[n];
            rhs(t, y, k, k1);
            for (int i = 0; i < n; i++) {
              tmp[i] = y[i] + 0.5 * h * k1[i];
            }
            rhs(t + 0.5 * h, tmp, k, k2);
            for (int i = 0; i < n; i++) {
              tmp[i] = y[i] + 0.5 * h * k2[i];
            }
            rhs(t + 0.5 * h, tmp, k, k3);
            for (int i = 0; i < n; i++) {
              tmp[i] = y[i] + h * k3[i];
            }
            rhs(t + h, tmp, k, k4);
            for (int i = 0; i < n; i++) {
              y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
          }

          @Differentiable
          static double finalPosition(double[] y0, double k, int steps) {
            double[] y = y0.clone();
            double h = 0.05;
            for (int s = 0; s < steps; s++) {
              rk4Step(s * h, y, k, h);
            }
            return y[0];
          }

          @Differentiable
          static double eulerInline(double[] y0, double k) {
            double[] y = y0.clone();
            double[] dydt = new double[2];
            for (int s = 0; s < 20; s++) {
              rhs(s * 0.1, y, k, dydt);
              axpy(0.1, dydt, y);
            }
            return y[0] * y[1];
          }

          @Differentiable
          static double straightLine(double[] x, double a) {
            double[] acc = new double[x.length];
            axpy(a, x, acc);
            axpy(a * a, x, acc);
            double[] scaled = scaleInto(new double[x.length], acc, a);
            clampFirst(scaled, 0.2);
            return scaled[0] + 2 * scaled[x.length - 1];
          }

          @Differentiable
          static double writeIntoParameterCopy(double[] x, double a) {
            double[] y = x.clone();
            for (int r = 0; r < 3; r++) {
              clampFirst(y, a);
              axpy(a, x, y);
            }
            return y[0] + y[1];
          }

          // a writer reached through five levels of helpers: inlined however deep
          private static void addInto(double s, double[] out) {
            out[0] += s;
          }

          private static double level4(double x) {
            double[] w = new double[1];
            addInto(x * x, w);
            return w[0] + Math.sin(x);
          }

          private static double level3(double x) {
            return level4(x) * x;
          }

          private static double level2(double[] a, double x) {
            return level3(x + a[0]);
          }

          private static double level1(double[] a, double x) {
            return level2(a, x) + a[0];
          }

          @Differentiable
          static double deepWriter(double[] a, double x) {
            double[] r = new double[1];
            return level1(r, x) + level1(a, x * a[0]);
          }
        """);
  }

  @Test
  void aWriterIsInlinedHoweverDeepItsCallIs() {
    fx.check("deepWriter", at(new double[] {0.4}, 0.7), at(new double[] {-1.3}, 0.2), at(new double[] {0.9}, -1.1));
  }

  @Test
  void rk4WithAVoidRightHandSide() {
    fx.check("finalPosition", at(new double[] {1.0, 0.0}, 2.0, 0), at(new double[] {1.0, 0.0}, 2.0, 1),
        at(new double[] {0.3, -0.4}, 1.5, 7), at(new double[] {-0.8, 0.9}, 0.7, 40));
  }

  @ParameterizedTest
  @ValueSource(strings = {"eulerInline", "straightLine", "writeIntoParameterCopy"})
  void writesCarryDerivatives(String name) {
    fx.checkRandom(name, name.hashCode(), 5, r -> at(vector(r, 2, -1, 1), uniform(r, 0.1, 1.2)));
  }
}
