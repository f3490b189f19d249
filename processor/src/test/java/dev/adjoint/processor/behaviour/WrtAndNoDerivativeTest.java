package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.DifferentiableMethod;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** wrt and @NoDerivative select exactly the components of the gradient record, in parameter order. */
class WrtAndNoDerivativeTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Loss", """
          @Differentiable(wrt = {"w", "b"})
          static double loss(double[] x, double[] w, double b, double y) {
            double s = b;
            for (int i = 0; i < x.length; i++) {
              s += w[i] * x[i];
            }
            double e = s - y;
            return 0.5 * e * e;
          }

          @Differentiable(wrt = {"c", "a"})
          static double order(double a, double b, double c) {
            return a * b * c + a * a;
          }

          @Differentiable
          static double marked(double a, @NoDerivative double scale, double[] v, @NoDerivative double[][] m, int n) {
            double s = a * scale;
            for (int i = 0; i < n; i++) {
              s += v[i] * m[i][0] + a * m[i][1];
            }
            return s * s;
          }

          @Differentiable
          static double allByDefault(double a, int k, double[] v, long l, boolean flag, double[][] m, int[] idx) {
            double s = flag ? a * k : a / k;
            s += v[idx[0]] * l + m[idx[1]][0];
            return s * a;
          }
        """);
  }

  private static List<String> parameters(String method) {
    for (Method m : fx.companion().getMethods()) {
      if (m.getName().equals(method)) {
        return Arrays.stream(m.getParameters()).map(p -> p.getType().getSimpleName()).toList();
      }
    }
    throw new AssertionError(method);
  }

  @Test
  void wrtSelectsComponentsInParameterOrder() {
    assertEquals(List.of("value", "w", "b"), fx.componentNames("LossGradient"));
    assertEquals(List.of(double.class, double[].class, double.class), fx.componentTypes("LossGradient"));
    // wrt = {"c", "a"} still gives parameter order
    assertEquals(List.of("value", "a", "c"), fx.componentNames("OrderGradient"));
    DifferentiableMethod m = fx.method("loss");
    assertFalse(m.isDifferentiable(0));
    assertTrue(m.isDifferentiable(1));
    assertTrue(m.isDifferentiable(2));
    assertFalse(m.isDifferentiable(3));
    // the tangent takes a direction only for w and b
    assertEquals(List.of("double[]", "double[]", "double[]", "double", "double", "double"), parameters("lossTangent"));
  }

  @Test
  void wrtDerivativesAreRight() {
    fx.check("loss", at(new double[] {1, 2, 3}, new double[] {0.5, -0.25, 0.1}, 0.3, 1.0),
        at(new double[] {-1, 0.5}, new double[] {2, 1}, -0.7, 0.2),
        at(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {1, 1, 1, 1}, 0.0, -3.0));
    double[] x = {1, 2, 3};
    double[] w = {0.5, -0.25, 0.1};
    Object gradient = fx.callCompanion("lossGradient", x, w, 0.3, 1.0);
    double e = 0.3 + 0.5 - 0.5 + 0.3 - 1.0;
    assertArrayEquals(new double[] {e * 1, e * 2, e * 3}, (double[]) Fixture.component(gradient, "w"), 1e-15);
    assertClose(e, (Double) Fixture.component(gradient, "b"), "d/db");
    Object[] g = fx.gradient("loss", x, w, 0.3, 1.0);
    assertNull(g[0]);
    assertNull(g[3]);

    fx.check("order", at(1.0, 2.0, 3.0), at(-0.5, 0.7, 1.1), at(2.0, -1.0, 0.25));
    g = fx.gradient("order", 1.0, 2.0, 3.0);
    assertClose(2 * 3 + 2, (Double) g[0], "d/da");
    assertNull(g[1]);
    assertClose(2.0, (Double) g[2], "d/dc");
  }

  @Test
  void noDerivativeParametersGetNoComponent() {
    assertEquals(List.of("value", "a", "v"), fx.componentNames("MarkedGradient"));
    assertEquals(List.of("double", "double", "double", "double[]", "double[]", "double[][]", "int"),
        parameters("markedTangent"));
    double[][] m = {{1, 2}, {3, 4}, {5, 6}};
    fx.check("marked", at(0.5, 2.0, new double[] {1, -1, 0.5}, m, 3), at(-1.0, 0.5, new double[] {0.3, 0.2, 0.1}, m, 2),
        at(2.0, -1.0, new double[] {1, 2, 3}, m, 0));
    Object[] g = fx.gradient("marked", 0.5, 2.0, new double[] {1, -1, 0.5}, m, 1);
    double s = 0.5 * 2.0 + 1 * 1 + 0.5 * 2;
    assertClose(2 * s * (2.0 + 2), (Double) g[0], "d/da");
    assertNull(g[1]);
    assertArrayEquals(new double[] {2 * s * 1, 0, 0}, (double[]) g[2], 1e-14);
    assertNull(g[3]);
    assertNull(g[4]);
  }

  @Test
  void defaultIsEveryDoubleArrayAndMatrixParameter() {
    assertEquals(List.of("value", "a", "v", "m"), fx.componentNames("AllByDefaultGradient"));
    DifferentiableMethod method = fx.method("allByDefault");
    assertEquals(List.of("a", "k", "v", "l", "flag", "m", "idx"), method.parameterNames());
    boolean[] expected = {true, false, true, false, false, true, false};
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], method.isDifferentiable(i), "parameter " + i);
    }
    double[][] m = {{1, 2}, {3, 4}};
    fx.check("allByDefault", at(0.5, 3, new double[] {1, 2, 3}, 2L, true, m, new int[] {2, 1}),
        at(-1.5, 2, new double[] {0.5, -2}, -1L, false, m, new int[] {0, 0}),
        at(2.5, 7, new double[] {4, 5}, 3L, true, m, new int[] {1, 1}));
  }
}
