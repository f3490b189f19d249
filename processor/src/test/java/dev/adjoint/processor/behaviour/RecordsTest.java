package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.component;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Hessian;
import dev.adjoint.Jacobian;
import dev.adjoint.spi.RecordParts;
import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Records as differentiable parameters (contract v2, "Records"): flat, nested, with array
 * components, read in loops, passed to helpers, built as intermediate values with {@code new}, and
 * with components that carry no derivative. Both modes against finite differences and each other,
 * and the records the registry and the generated methods return.
 */
class RecordsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compileSources("p.Model",
        Compiler.source("p.Shapes", """
            package p;

            public final class Shapes {
              private Shapes() {}

              public record Params(double a, double b) {}

              public record Layer(double[] w, double bias) {}

              public record Inner(double c, int n) {}

              public record Outer(Inner inner, double[] w, String label) {}

              public record Box<T>(T tag, double x) {}

              // validates: a record parameter may have one; new Checked(...) in a body is refused
              public record Checked(double lo, double hi) {
                public Checked {
                  if (!(lo <= hi) && !(hi <= lo)) {
                    throw new IllegalArgumentException("NaN bound");
                  }
                }
              }

              public record Settings(int steps, String name) {
                static final int DEFAULT_STEPS = 3;
              }
            }
            """),
        Compiler.source("p.Model", """
            package p;

            import dev.adjoint.Differentiable;
            import dev.adjoint.NoDerivative;
            import p.Shapes.*;

            public class Model {
              // a curve fit whose parameters are a record
              @Differentiable
              public static double fit(Params p, double[] xs, double[] ys) {
                double s = 0;
                for (int i = 0; i < xs.length; i++) {
                  double r = p.a() * Math.exp(p.b() * xs[i]) - ys[i];
                  s += r * r;
                }
                return s;
              }

              @Differentiable
              public static double nested(Outer o, double x) {
                double s = o.inner().c() * x;
                for (int i = 0; i < o.w().length; i++) {
                  s += Math.sin(o.w()[i] * o.inner().n()) * x;
                }
                return s * o.inner().c();
              }

              @Differentiable
              public static double[] layer(Layer l, double[] in) {
                double[] out = new double[in.length];
                for (int i = 0; i < in.length; i++) {
                  out[i] = Math.tanh(l.w()[i] * in[i] + l.bias());
                }
                return out;
              }

              private static double model(Params p, double x) {
                return p.a() * x + p.b() * x * x;
              }

              private static double sumModel(Params p, double[] xs) {
                double s = 0;
                for (int i = 0; i < xs.length; i++) {
                  s += model(p, xs[i]);
                }
                return s;
              }

              // helpers taking the record: inlined, and one with a loop called in a loop (a kept call)
              @Differentiable
              public static double throughHelpers(Params p, double[] xs) {
                double s = model(p, 0.5);
                for (int k = 0; k < 3; k++) {
                  s += sumModel(p, xs) * 0.1;
                }
                return s;
              }

              // intermediate records: built with new, assigned in a loop, passed on
              @Differentiable
              public static double intermediate(double x, double y) {
                Params q = new Params(x * y, y);
                for (int k = 0; k < 4; k++) {
                  q = new Params(q.b() + 0.1 * q.a(), Math.sin(q.a()));
                }
                Params r = q;
                return model(r, x) + r.a() * r.b();
              }

              // a swap that reads the record it assigns
              @Differentiable
              public static double swap(Params p) {
                Params q = p;
                q = new Params(q.b(), q.a() * 2);
                return q.a() * q.a() + q.b();
              }

              // a record held constant, and one that carries no derivative at all
              @Differentiable
              public static double constants(@NoDerivative Params fixed, Params free, Settings s) {
                double v = 0;
                for (int i = 0; i < s.steps(); i++) {
                  v += fixed.a() * free.a() + free.b() * fixed.b() + s.name().length();
                }
                return v;
              }

              @Differentiable
              public static double generic(Box<String> box, Checked range) {
                return box.x() * box.tag().length() + range.hi() - range.lo() * box.x();
              }

              static final Params BASE = new Params(0.5, -2);

              // another @Differentiable method taking a record, and a record constant passed to a helper
              @Differentiable
              public static double callsAnEntryPoint(Params p, double x) {
                double s = 0;
                for (int k = 0; k < 2; k++) {
                  s += fit(p, new double[] {x, k}, new double[] {1, 2}) + model(BASE, x * s);
                }
                return s + BASE.a() * p.b();
              }

              @Differentiable(wrt = "p")
              public static double onlyWrt(Params p, Params q) {
                return p.a() * q.a() + p.b() * q.b();
              }
            }
            """));
  }

  /** swap(p) = p.b^2 + 2 p.a: H = [[0, 0], [0, 2]], with records for the parameter, direction and product. */
  @Test
  void secondOrderTakesAndReturnsRecords() {
    String generated = fx.generated();
    assertTrue(generated.contains("SwapHessianVector swapHessianVector(Shapes.Params p, Shapes.Params pDot)"),
        generated);
    Object[] hv = fx.method("swap").hessianVector(new Object[] {params(0.3, -0.7)}, new Object[] {params(1, 1)});
    assertEquals(params(0, 2), hv[0], "H (1, 1) as a record");
    double[][] h = Hessian.of(fx.method("swap"), params(0.3, -0.7));
    assertArrayEquals(new double[] {0, 0}, h[0]);
    assertArrayEquals(new double[] {0, 2}, h[1]);
    // Every record method here returning double is checked to second order by DerivativeCheck:
    // the nested record, arrays in records, helpers, a record held constant.
    fx.checkRandom("nested", 12, 3, r -> at(outer(uniform(r, -1, 1), 2, vector(r, 3, -1, 1), "w"),
        uniform(r, -1, 1)));
    fx.checkRandom("constants", 13, 3, r -> at(params(uniform(r, -1, 1), uniform(r, -1, 1)),
        params(uniform(r, -1, 1), uniform(r, -1, 1)), record("Settings", 2, "ab")));
    assertTrue(generated.contains("NestedHessianVector nestedHessianVector("), generated);
  }

  @Test
  void aCurveFitWhoseParametersAreARecord() {
    fx.checkRandom("fit", 1, 4, r -> at(params(uniform(r, 0.5, 1.5), uniform(r, -0.5, 0.5)),
        vector(r, 5, -1, 1), vector(r, 5, -1, 1)));
  }

  @Test
  void nestedRecordsWithArrayAndConstantComponents() {
    fx.checkRandom("nested", 2, 4, r -> at(outer(uniform(r, -1, 1), 2, vector(r, 3, -1, 1), "w"),
        uniform(r, -1, 1)));
  }

  @Test
  void aVectorMethodWithARecordParameter() {
    fx.checkRandom("layer", 3, 4, r -> at(record("Layer", vector(r, 3, -1, 1), uniform(r, -1, 1)),
        vector(r, 3, -1, 1)));
  }

  @Test
  void recordsPassedToHelpersInlinedAndKeptAsCalls() {
    fx.checkRandom("throughHelpers", 4, 4, r -> at(params(uniform(r, -1, 1), uniform(r, -1, 1)),
        vector(r, 4, -1, 1)));
  }

  @Test
  void intermediateRecordsBuiltWithNewInALoop() {
    fx.checkRandom("intermediate", 5, 4, r -> at(uniform(r, -1, 1), uniform(r, -1, 1)));
    fx.checkRandom("swap", 6, 4, r -> at(params(uniform(r, -1, 1), uniform(r, -1, 1))));
  }

  @Test
  void constantRecordsAndHeldConstantRecords() {
    Object settings = record("Settings", 3, "abc");
    fx.checkRandom("constants", 7, 4, r -> at(params(uniform(r, -1, 1), uniform(r, -1, 1)),
        params(uniform(r, -1, 1), uniform(r, -1, 1)), settings));
    Object[] g = fx.gradient("constants", params(2, 5), params(0.5, 0.25), settings);
    assertNull(g[0], "a @NoDerivative record has no gradient entry");
    assertNull(g[2], "a record without a double component is a constant");
    // d/d free.a = steps * fixed.a, d/d free.b = steps * fixed.b
    assertEquals(params(6, 15), g[1]);
  }

  @Test
  void genericRecordsAndRecordsWithCompactConstructors() {
    fx.checkRandom("generic", 8, 4, r -> at(record("Box", "tag", uniform(r, -1, 1)),
        record("Checked", uniform(r, -1, 0), uniform(r, 0, 1))));
    Object[] g = fx.gradient("generic", record("Box", "four", 2.0), record("Checked", -1.0, 1.0));
    // the tag, a component that carries no derivative, is the argument's own value
    assertEquals(record("Box", "four", 4.0 - -1.0), g[0]);
    assertEquals(record("Checked", -2.0, 1.0), g[1]);
  }

  @Test
  void recordsPassedToAnotherEntryPointAndRecordConstants() {
    fx.checkRandom("callsAnEntryPoint", 10, 4, r -> at(params(uniform(r, -1, 1), uniform(r, -1, 1)),
        uniform(r, -0.5, 0.5)));
  }

  @Test
  void wrtNamesARecordParameter() {
    fx.checkRandom("onlyWrt", 9, 3, r -> at(params(uniform(r, -1, 1), uniform(r, -1, 1)),
        params(uniform(r, -1, 1), uniform(r, -1, 1))));
    Object[] g = fx.gradient("onlyWrt", params(1, 2), params(3, 4));
    assertEquals(params(3, 4), g[0]);
    assertNull(g[1]);
  }

  @Test
  void generatedMethodsTakeAndReturnRecordsWhole() throws Exception {
    Class<?> params = type("Params");
    Object p = params(1.5, -0.25);
    double[] xs = {0.1, 0.7};
    double[] ys = {1.0, 2.0};
    Object gradient = fx.callCompanion("fitGradient", p, xs, ys);
    Object pBar = component(gradient, "p");
    assertSame(params, pBar.getClass(), "the gradient component has the record's type");
    // the tangent takes pDot of the record's type; along (1, 0) it is d/da
    Object tangent = fx.callCompanion("fitTangent", p, params(1, 0), xs, new double[2], ys, new double[2]);
    assertEquals((Double) component(pBar, "a"), (Double) component(tangent, "tangent"), 1e-12);
    // the registry returns the record in the parameter's place, and reads one as a tangent
    Object[] viaRegistry = fx.gradient("fit", p, xs, ys);
    assertEquals(pBar, viaRegistry[0]);
    double along = (Double) fx.tangent("fit", new Object[] {p, xs, ys}, new Object[] {params(0, 1), new double[2],
        new double[2]});
    assertEquals((Double) component(pBar, "b"), along, 1e-12);
    String generated = fx.generated();
    assertTrue(generated.contains("public static FitGradient fitGradient(Shapes.Params p, double[] xs, double[] ys)"),
        generated);
    assertTrue(generated.contains("double pA = p.a();"), generated);
    assertTrue(generated.contains("new Shapes.Params(pABar, pBBar)"), generated);
    assertTrue(generated.contains("Shapes.Params pDot"), generated);
  }

  @Test
  void jacobianFlattensRecordComponentsInDeclarationOrder() {
    Object o = outer(0.5, 2, new double[] {0.1, 0.2}, "x");
    double[][] j = Jacobian.of(fx.method("nested"), o, 0.3);
    // columns: o.inner.c, o.w[0], o.w[1], x (the int and the String carry none)
    assertEquals(1, j.length);
    assertEquals(4, j[0].length);
    Object[] g = fx.gradient("nested", o, 0.3);
    Object inner = component(g[0], "inner");
    double[] w = (double[]) component(g[0], "w");
    assertArrayEquals(new double[] {(Double) component(inner, "c"), w[0], w[1], (Double) g[1]}, j[0], 1e-12);
    assertEquals(2, component(inner, "n"), "a component without derivative keeps the argument's value");
    double[][] layer = Jacobian.of(fx.method("layer"), record("Layer", new double[] {0.1, 0.2}, 0.3),
        new double[] {1, 2});
    assertEquals(2, layer.length);
    assertEquals(2 + 1 + 2, layer[0].length);
  }

  private static Object outer(double c, int n, double[] w, String label) {
    return record("Outer", record("Inner", c, n), w, label);
  }

  private static Object params(double a, double b) {
    return record("Params", a, b);
  }

  private static Object record(String name, Object... components) {
    return RecordParts.build(type(name), components);
  }

  private static Class<?> type(String name) {
    return fx.other("p.Shapes$" + name).owner();
  }
}
