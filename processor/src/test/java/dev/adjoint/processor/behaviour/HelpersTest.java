package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.testing.Compiler;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Helpers as people write them: static methods without {@code @Differentiable}, of any access,
 * called with values that carry derivatives. Inlined where they are small, kept calls (with
 * derivatives specialised to the call, and private ones copied into the companion) where they have
 * loops and are called in loops; recursive, overloaded, nested and from another class.
 */
class HelpersTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compileSources("p.Net",
        Compiler.source("p.Tools", """
            package p;

            final class Tools {
              private Tools() {}

              static double sumOfSquares(double[] v) {
                double s = 0;
                for (double e : v) {
                  s += e * e;
                }
                return s;
              }
            }
            """),
        Compiler.source("p.Net", """
            package p;

            import dev.adjoint.Differentiable;
            import dev.adjoint.NoDerivative;

            public class Net {
              // a layer: y = tanh(W in + b), W row-major, out x in
              private static double[] dense(double[] w, double[] b, double[] in) {
                double[] out = new double[b.length];
                for (int o = 0; o < b.length; o++) {
                  double s = b[o];
                  for (int i = 0; i < in.length; i++) {
                    s += w[o * in.length + i] * in[i];
                  }
                  out[o] = Math.tanh(s);
                }
                return out;
              }

              private static double dot(double[] a, double[] b) {
                double s = 0;
                for (int i = 0; i < a.length; i++) {
                  s += a[i] * b[i];
                }
                return s;
              }

              private static double square(double v) {
                return v * v;
              }

              // overloads of one name
              private static double norm(double a, double b) {
                return Math.sqrt(a * a + b * b);
              }

              private static double norm(double[] v) {
                return Math.sqrt(dot(v, v));
              }

              private static int hidden(int n) {
                int h = 1;
                while (h < n) {
                  h *= 2;
                }
                return h;
              }

              private static double power(double x, int n) {
                return n == 0 ? 1 : x * power(x, n - 1);
              }

              static double softplus(double v, @NoDerivative double beta) {
                return Math.log1p(Math.exp(beta * v)) / beta;
              }

              // the MLP of a new user: a private dense helper called per sample
              @Differentiable
              static double loss(double[] w1, double[] b1, double[] w2, double[] b2,
                  @NoDerivative double[][] xs, @NoDerivative double[] ys) {
                double total = 0;
                for (int s = 0; s < xs.length; s++) {
                  double[] h = dense(w1, b1, xs[s]);
                  double[] y = dense(w2, b2, h);
                  total += square(y[0] - ys[s]);
                }
                return total / xs.length;
              }

              @Differentiable
              static double inlinedHelpers(double x, double y) {
                return square(norm(x, y)) + norm(new double[] {x, y, 1.0});
              }

              @Differentiable
              static double loopHelperInLoop(double[] v, double t) {
                double acc = 0;
                for (int k = 0; k < 3; k++) {
                  acc += t * dot(v, v) + Tools.sumOfSquares(v);
                }
                return acc;
              }

              @Differentiable
              static double constantHelper(double x, int n) {
                return x * hidden(n) + power(x, hidden(n) % 5);
              }

              @Differentiable
              static double recursiveHelper(double x, double y) {
                return power(x, 4) + power(Math.sin(x * y), 3);
              }

              // x = g(x): the call reads the variable it assigns, in a loop where g stays a call
              @Differentiable
              static double selfUpdateThroughACall(double x, double s) {
                for (int k = 0; k < 3; k++) {
                  x = softplus(x * dot(new double[] {x, s}, new double[] {s, 1}), 1.5);
                  x = scaled(x, s);
                }
                return x;
              }

              static double scaled(double x, double s) {
                double r = 0;
                for (int i = 0; i < 2; i++) {
                  r += x * s;
                }
                return r;
              }

              @Differentiable
              static double vectorSelfUpdateThroughACall(double[] w, double s) {
                double[] v = w.clone();
                for (int k = 0; k < 3; k++) {
                  v = dense(w, v, v);
                  v[0] += s;
                }
                return v[0] + v[v.length - 1];
              }

              @Differentiable
              static double noDerivativeParameterOfAHelper(double x, double beta) {
                double s = 0;
                for (int i = 0; i < 3; i++) {
                  s += softplus(x * i, beta * beta + 1);
                }
                return s;
              }
            }
            """));
  }

  @Test
  void anMlpWithAPrivateDenseHelper() {
    fx.checkRandom("loss", 5, 3, r -> at(vector(r, 4 * 3, -1, 1), vector(r, 4, -1, 1), vector(r, 4, -1, 1),
        vector(r, 1, -1, 1), matrix(r, 5, 3, -1, 1), vector(r, 5, -1, 1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"inlinedHelpers", "recursiveHelper", "noDerivativeParameterOfAHelper"})
  void scalarHelpers(String name) {
    fx.checkRandom(name, name.hashCode(), 4, r -> at(uniform(r, 0.3, 1.3), uniform(r, 0.3, 1.3)));
  }

  @Test
  void helpersWithLoopsCalledInLoops() {
    fx.checkRandom("loopHelperInLoop", 7, 4, r -> at(vector(r, 4, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void callsThatReadTheVariableTheyAssign() {
    fx.checkRandom("selfUpdateThroughACall", 9, 4, r -> at(uniform(r, 0.2, 0.8), uniform(r, 0.2, 0.8)));
    fx.checkRandom("vectorSelfUpdateThroughACall", 10, 4, r -> at(vector(r, 1, -1, 1), uniform(r, -1, 1)));
  }

  /**
   * Forward over reverse reaches callees that stay calls through the tangents of their allocation-free
   * adjoints (DerivativeCheck compares each Hessian-vector product with differences of the gradient).
   */
  @ParameterizedTest
  @ValueSource(strings = {"loopHelperInLoop", "vectorSelfUpdateThroughACall"})
  void secondOrderGoesThroughCallsThatStayCalls(String name) {
    String generated = fx.generated();
    assertTrue(generated.contains("public static " + GeneratedNames.hessianVectorRecord(name) + " "
        + GeneratedNames.hessianVectorMethod(name) + "("), generated);
    assertTrue(generated.contains("AdjointWrt") && generated.contains("Tangent("), generated);
  }

  /** A recursive callee called once, outside loops: the gradient calls its adjoint, which second order differentiates again. */
  @Test
  void secondOrderGoesThroughARecursiveCallee() {
    assertTrue(fx.generated().contains("RecursiveHelperHessianVector recursiveHelperHessianVector("), fx.generated());
    fx.check("recursiveHelper", at(0.6, 0.9), at(-1.1, 0.3));
  }

  @Test
  void helpersWithConstantArguments() {
    fx.check("constantHelper", at(0.7, 3), at(-1.2, 9), at(0.4, 0));
    // hidden(9) = 16; power(x, 1): d/dx = 16 + 1
    assertEquals(17.0, fx.partial("constantHelper", 0, -1.2, 9), 1e-12);
  }

  @Test
  void privateHelpersThatStayCallsAreCopiedAndOnlyAnnotatedMethodsArePublic() {
    String generated = fx.generated();
    assertFalse(generated.contains("Net.dense("), "the companion cannot call the private original:\n" + generated);
    assertTrue(generated.contains("private static double[] dense(double[] w, double[] b, double[] in)"), generated);
    assertTrue(generated.contains("private static DensePullbackWrtWBIn densePullbackWrtWBIn("), generated);
    assertTrue(generated.contains("private static DensePullbackWrtWB densePullbackWrtWB("), generated);
    long publicMethods = Arrays.stream(fx.companion().getDeclaredMethods())
        .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
        .filter(m -> !m.getName().endsWith("HessianVector")).count();
    // loss, inlinedHelpers, loopHelperInLoop, constantHelper, recursiveHelper, noDerivativeParameterOfAHelper,
    // selfUpdateThroughACall, vectorSelfUpdateThroughACall
    assertEquals(8 * 2, publicMethods, generated);
  }
}
