package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Jacobian;
import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A caller passes a value that carries a derivative into a parameter its callee holds constant
 * ({@code @NoDerivative}, or left out of {@code wrt}). The callee's own derivatives have no partial
 * for that parameter, so the caller must still get the full derivative: through the inlined body,
 * or through a copy of the callee's derivatives specialised to the call. Every combination: wrt
 * or {@code @NoDerivative}; inlined (straight-line callee) or kept a call (callee with a loop,
 * called in a loop; recursive callee); the call in straight-line code or in a loop; scalar and
 * vector callees; both modes and {@code Jacobian.of}.
 */
class RestrictedCalleeParametersTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compileSources("p.Caller",
        Compiler.source("p.Callees", """
            package p;

            import dev.adjoint.Differentiable;
            import dev.adjoint.NoDerivative;

            public final class Callees {
              private Callees() {}

              // kept a call when called in a loop (it has a loop itself)
              @Differentiable(wrt = {"x"})
              public static double scaledSinLoop(double[] x, double scale) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += Math.sin(scale * x[i]);
                }
                return s;
              }

              @Differentiable
              public static double weightedLoop(double[] x, @NoDerivative double w, @NoDerivative double[] c) {
                double s = 0;
                for (int i = 0; i < x.length; i++) {
                  s += w * x[i] * x[i] + c[i] * x[i];
                }
                return s;
              }

              // inlined (straight line)
              @Differentiable(wrt = {"a"})
              public static double scaled(double a, double b) {
                return a * Math.exp(b);
              }

              @Differentiable
              public static double shifted(double a, @NoDerivative double b) {
                return Math.sin(a - b);
              }

              // vector callee with a loop: kept a call when called in a loop
              @Differentiable(wrt = {"x"})
              public static double[] scaleAll(double[] x, double s) {
                double[] out = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                  out[i] = s * x[i] * x[i];
                }
                return out;
              }

              // recursive: never inlined
              @Differentiable
              public static double powerSum(double x, @NoDerivative double k, int n) {
                if (n == 0) {
                  return 0;
                }
                return Math.pow(x, k) + powerSum(x, k, n - 1);
              }

              // a callee that passes its own argument on into a restricted parameter
              @Differentiable(wrt = {"x"})
              public static double nested(double[] x, double scale) {
                double t = 0;
                for (int j = 0; j < 2; j++) {
                  t += scaledSinLoop(x, scale * (j + 1));
                }
                return t;
              }
            }
            """),
        Compiler.source("p.Caller", """
            package p;

            import dev.adjoint.Differentiable;

            public class Caller {
              // the example of the report: d/dscale was silently 0
              @Differentiable
              static double loopWrt(double[] x, double scale) {
                double t = 0;
                for (int k = 0; k < 3; k++) {
                  t += Callees.scaledSinLoop(x, scale * scale);
                }
                return t;
              }

              @Differentiable
              static double loopNoDerivative(double[] x, double w, double[] c) {
                double t = 0;
                for (int k = 0; k < 2; k++) {
                  double u = Callees.weightedLoop(x, w * (k + 1), c);
                  t = t + u * u;
                }
                return t;
              }

              @Differentiable
              static double straightWrt(double[] x, double scale) {
                double a = Callees.scaledSinLoop(x, Math.cos(scale));
                return a * scale;
              }

              @Differentiable
              static double straightNoDerivative(double[] x, double w, double[] c) {
                return Callees.weightedLoop(x, w, c) + w;
              }

              @Differentiable
              static double inlinedWrt(double a, double b) {
                return Callees.scaled(a * b, b * b);
              }

              @Differentiable
              static double inlinedNoDerivativeInLoop(double a, double b) {
                double s = 0;
                for (int i = 0; i < 4; i++) {
                  s += Callees.shifted(a, b * i);
                }
                return s;
              }

              @Differentiable
              static double[] vectorInLoop(double[] x, double s) {
                double[] acc = new double[x.length];
                for (int k = 0; k < 2; k++) {
                  double[] y = Callees.scaleAll(x, s + k);
                  for (int i = 0; i < x.length; i++) {
                    acc[i] += y[i];
                  }
                }
                return acc;
              }

              @Differentiable
              static double recursive(double x, double k) {
                return Callees.powerSum(x, k * k, 3);
              }

              @Differentiable
              static double throughNested(double[] x, double scale) {
                double t = 0;
                for (int k = 0; k < 2; k++) {
                  t += Callees.nested(x, scale + k);
                }
                return t;
              }

              // a parameter held constant, then assigned a value that carries a derivative
              @Differentiable(wrt = {"x"})
              static double constantParameterReassigned(double x, double c) {
                for (int i = 0; i < 2; i++) {
                  c -= x * i;
                }
                return c * x;
              }

              @Differentiable
              static double callsOneThatReassignsAConstantParameter(double[] x, double s) {
                double t = 0;
                for (int k = 0; k < 2; k++) {
                  t += constantParameterReassigned(s, 1.5) * x[k];
                }
                return t;
              }

              // the same restricted callee, called with an active and with a constant argument
              @Differentiable
              static double mixed(double[] x, double scale) {
                double t = 0;
                for (int k = 0; k < 2; k++) {
                  t += Callees.scaledSinLoop(x, scale) + Callees.scaledSinLoop(x, 2.0);
                }
                return t;
              }
            }
            """));
  }

  @ParameterizedTest
  @ValueSource(strings = {"loopWrt", "straightWrt", "throughNested", "mixed"})
  void scaleThroughAWrtRestrictedCallee(String name) {
    fx.checkRandom(name, name.hashCode(), 4, r -> at(vector(r, 3, -1, 1), uniform(r, 0.3, 1.5)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"loopNoDerivative", "straightNoDerivative"})
  void weightThroughANoDerivativeParameter(String name) {
    fx.checkRandom(name, name.hashCode(), 4, r -> at(vector(r, 3, -1, 1), uniform(r, -1, 1), vector(r, 3, -1, 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"inlinedWrt", "inlinedNoDerivativeInLoop", "recursive"})
  void scalarCallees(String name) {
    fx.checkRandom(name, name.hashCode(), 4, r -> at(uniform(r, 0.4, 1.4), uniform(r, 0.4, 1.4)));
  }

  @Test
  void aConstantParameterAssignedAnActiveValue() {
    fx.checkRandom("constantParameterReassigned", 21, 4, r -> at(uniform(r, -1, 1), uniform(r, -1, 1)));
    fx.checkRandom("callsOneThatReassignsAConstantParameter", 22, 4, r -> at(vector(r, 2, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void vectorCalleeInALoop() {
    fx.checkRandom("vectorInLoop", 11, 4, r -> at(vector(r, 3, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void theReportedExampleHasTheClosedFormDerivative() {
    double[] x = {0.3, -0.7, 1.1};
    double scale = 0.9;
    // t = 3 sum sin(scale^2 x_i): dt/dscale = 3 sum cos(scale^2 x_i) x_i 2 scale
    double expected = 0;
    for (double xi : x) {
      expected += 3 * Math.cos(scale * scale * xi) * xi * 2 * scale;
    }
    assertEquals(expected, fx.partial("loopWrt", 1, x, scale), 1e-12);
    Object tangent = fx.tangent("loopWrt", at(x, scale), at(new double[3], 1.0));
    assertEquals(expected, (Double) tangent, 1e-12);
    double[][] jacobian = Jacobian.of(fx.method("loopWrt"), Jacobian.Mode.FORWARD, x, scale);
    assertEquals(expected, jacobian[0][3], 1e-12);
    assertEquals(expected, Jacobian.of(fx.method("loopWrt"), Jacobian.Mode.REVERSE, x, scale)[0][3], 1e-12);
  }

  @Test
  void jacobianOfAVectorCallerInBothModes() {
    double[] x = {0.4, -0.2};
    double s = 0.7;
    double[][] forward = Jacobian.of(fx.method("vectorInLoop"), Jacobian.Mode.FORWARD, x, s);
    double[][] reverse = Jacobian.of(fx.method("vectorInLoop"), Jacobian.Mode.REVERSE, x, s);
    for (int i = 0; i < x.length; i++) {
      // acc_i = sum_k (s + k) x_i^2: d acc_i / ds = 2 x_i^2
      assertEquals(2 * x[i] * x[i], forward[i][2], 1e-12);
      assertEquals(2 * x[i] * x[i], reverse[i][2], 1e-12);
    }
  }

  @Test
  void specialisedCopiesArePrivateAndTheCalleesOwnDerivativesStayAsDeclared() {
    String generated = fx.generated();
    assertTrue(generated.contains("private static ScaledSinLoopGradientWrtXScale scaledSinLoopGradientWrtXScale("),
        generated);
    assertTrue(generated.contains("private record ScaledSinLoopGradientWrtXScale(double value, double[] x, double scale)"),
        generated);
    // One copy per callee and activity pattern, however many calls use it.
    assertEquals(1, count(generated, "static ScaledSinLoopGradientWrtXScale scaledSinLoopGradientWrtXScale("));
    assertEquals(java.util.List.of("value", "x"), fx.other("p.Callees").componentNames("ScaledSinLoopGradient"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
