package dev.adjoint.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.fixtures.Foo;
import dev.adjoint.fixtures.FooMethod;
import dev.adjoint.fixtures.VectorMethods;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GeneratedMethodTest {
  private final GeneratedMethod f = FooMethod.create();
  private final double[] w = {1, 2};

  @Test
  void describesTheMethod() {
    assertEquals("dev.adjoint.fixtures.Foo.f(double x, double[] w, int n) -> double", f.toString());
    assertEquals(Foo.class, f.owner());
    assertEquals("f", f.name());
    assertEquals(List.of("x", "w", "n"), f.parameterNames());
    assertEquals(List.of(double.class, double[].class, int.class), f.parameterTypes());
    assertEquals(double.class, f.returnType());
    assertTrue(f.isDifferentiable(0));
    assertTrue(f.isDifferentiable(1));
    assertFalse(f.isDifferentiable(2));
    assertThrows(IndexOutOfBoundsException.class, () -> f.isDifferentiable(3));
  }

  @Test
  void callsTheHooksWithCheckedArguments() {
    assertEquals(2.0 * 3 + 4, f.invoke(2.0, w, 4));
    Object[] g = f.gradient(2.0, w, 4);
    assertEquals(3.0, g[0]);
    assertArrayEquals(new double[] {2, 2}, (double[]) g[1]);
    assertNull(g[2]);
    // tangent = xDot * sum(w) + x * sum(wDot); the int's tangent is ignored, whatever it is
    assertEquals(0.5 * 3 + 2.0 * (1 - 1), f.tangent(new Object[] {2.0, w, 4}, new Object[] {0.5, new double[] {1, -1}, "ignored"}));
  }

  @Test
  void countsArguments() {
    assertMessage(IllegalArgumentException.class, "Foo.f takes 3 arguments (double x, double[] w, int n) but was given 2",
        () -> f.invoke(2.0, w));
    assertMessage(IllegalArgumentException.class, "Foo.f takes 3 arguments (double x, double[] w, int n) but was given 4",
        () -> f.gradient(2.0, w, 4, 5));
    assertMessage(NullPointerException.class, "Foo.f: the argument array is null", () -> f.invoke((Object[]) null));
  }

  @Test
  void explainsAMatrixPassedAsTheWholeArgumentArray() {
    double[][] rows = {{1}, {2}, {3}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.invoke((Object[]) rows));
    assertTrue(e.getMessage().startsWith("Foo.f was given a double[][] as its whole argument array"), e.getMessage());
  }

  @Test
  void checksEachArgumentsType() {
    assertMessage(IllegalArgumentException.class,
        "Foo.f: argument 0 (double x) must be a Double but was given Integer; numbers are not converted, so pass a Double",
        () -> f.invoke(2, w, 4));
    assertMessage(IllegalArgumentException.class, "Foo.f: argument 2 (int n) must be an Integer but was given Double;"
        + " numbers are not converted, so pass an Integer", () -> f.invoke(2.0, w, 4.0));
    assertMessage(IllegalArgumentException.class, "Foo.f: argument 1 (double[] w) must be a double[] but was given int[]",
        () -> f.invoke(2.0, new int[] {1}, 4));
    assertMessage(NullPointerException.class, "Foo.f: argument 0 (double x) must be a Double but was given null",
        () -> f.gradient(null, w, 4));
    assertMessage(NullPointerException.class, "Foo.f: argument 1 (double[] w) must be a double[] but was given null",
        () -> f.pullback(new Object[] {2.0, null, 4}, 1.0));
  }

  @Test
  void pullbackOfAScalarMethodIsTheGradientScaled() {
    Object[] args = {2.0, w, 4};
    Object[] one = f.pullback(args, 1.0);
    assertEquals(3.0, one[0]);
    assertArrayEquals(new double[] {2, 2}, (double[]) one[1]);
    Object[] scaled = f.pullback(args, 2.5);
    assertEquals(7.5, scaled[0]);
    assertArrayEquals(new double[] {5, 5}, (double[]) scaled[1]);
    assertNull(scaled[2]);
    Object[] byInteger = f.pullback(args, -2);
    assertEquals(-6.0, byInteger[0]);
    assertArrayEquals(new double[] {-4, -4}, (double[]) byInteger[1]);
  }

  @Test
  void resultBarMustMatchTheReturnType() {
    assertMessage(IllegalArgumentException.class,
        "Foo.f returns double, so resultBar must be a Double (or another Number), but was given double[]",
        () -> f.pullback(new Object[] {2.0, w, 4}, new double[] {1}));
    assertMessage(IllegalArgumentException.class,
        "Foo.f returns double, so resultBar must be a Double (or another Number), but was given null",
        () -> f.pullback(new Object[] {2.0, w, 4}, null));
    GeneratedMethod tall = VectorMethods.tall(new int[2]);
    assertMessage(IllegalArgumentException.class,
        "VectorFunctions.tall returns double[], so resultBar must be a double[] as long as the result, but was given Double",
        () -> tall.pullback(new Object[] {new double[] {1, 2}}, 1.0));
  }

  @Test
  void gradientNeedsAScalarResult() {
    GeneratedMethod tall = VectorMethods.tall(new int[2]);
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> tall.gradient((Object) new double[] {1, 2}));
    assertTrue(e.getMessage().startsWith("VectorFunctions.tall returns double[], so it has no gradient; use pullback"),
        e.getMessage());
  }

  @Test
  void checksTangents() {
    Object[] args = {2.0, w, 4};
    assertMessage(IllegalArgumentException.class, "Foo.f takes one tangent per argument (3) but was given 2",
        () -> f.tangent(args, new Object[] {1.0, w}));
    assertMessage(NullPointerException.class, "Foo.f: the tangent array is null", () -> f.tangent(args, null));
    assertMessage(NullPointerException.class, "Foo.f: tangent 1 (double[] w) must be a double[] but was given null",
        () -> f.tangent(args, new Object[] {1.0, null, null}));
    assertMessage(IllegalArgumentException.class, "Foo.f: tangent 0 (double x) must be a Double but was given String",
        () -> f.tangent(args, new Object[] {"1", w, null}));
    assertMessage(IllegalArgumentException.class, "Foo.f: tangent 1 (double[] w) has length 3 but argument 1 has length 2;"
        + " a tangent must have the shape of its argument", () -> f.tangent(args, new Object[] {1.0, new double[3], null}));
  }

  @Test
  void checksMatrixTangentShapes() {
    GeneratedMethod wide = VectorMethods.wide(new int[2]);
    double[][] m = {{1, 2}, {3}};
    Object[] args = {1.0, m, new double[2], 2};
    assertMessage(IllegalArgumentException.class, "VectorFunctions.wide: tangent 1 (double[][] m) has 1 rows but argument 1"
        + " has 2; a tangent must have the shape of its argument",
        () -> wide.tangent(args, new Object[] {0.0, new double[1][2], new double[2], null}));
    assertMessage(IllegalArgumentException.class, "VectorFunctions.wide: tangent 1 (double[][] m) row 1 has length 2 but"
        + " argument 1 row 1 has length 1; a tangent must have the shape of its argument",
        () -> wide.tangent(args, new Object[] {0.0, new double[2][2], new double[2], null}));
    assertMessage(IllegalArgumentException.class, "VectorFunctions.wide: tangent 1 (double[][] m) row 0 is null but"
        + " argument 1 row 0 has length 2; a tangent must have the shape of its argument",
        () -> wide.tangent(args, new Object[] {0.0, new double[][] {null, {0}}, new double[2], null}));
  }

  @Test
  void rejectsInconsistentDescriptions() {
    assertThrows(IllegalArgumentException.class, () -> method(List.of("x", "y"), List.of(double.class), new boolean[] {true},
        double.class));
    assertThrows(IllegalArgumentException.class, () -> method(List.of("x"), List.of(double.class), new boolean[] {true},
        int.class));
    assertMessage(IllegalArgumentException.class,
        "Foo.f: parameter int n cannot be differentiable; only double, double[], double[][] and records with such components can",
        () -> method(List.of("n"), List.of(int.class), new boolean[] {true}, double.class));
  }

  @Test
  void aVoidMethodNamesADoubleArrayOutputAndOthersNone() {
    assertMessage(IllegalArgumentException.class, "Foo.f: output parameter -1 does not fit; a void method names the"
        + " index of a double[] parameter, other methods -1",
        () -> method(List.of("x"), List.of(double[].class), new boolean[] {true}, void.class));
    assertThrows(IllegalArgumentException.class,
        () -> voidMethod(List.of("x", "n"), List.of(double[].class, int.class), new boolean[] {true, false}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> voidMethod(List.of("x"), List.of(double[].class), new boolean[] {true}, 1));
    assertThrows(IllegalArgumentException.class,
        () -> method(List.of("x"), List.of(double[].class), new boolean[] {true}, double[].class, 0));
  }

  @Test
  void aVoidMethodIsSeenThroughItsOutputArray() {
    GeneratedMethod m = voidMethod(List.of("x", "out"), List.of(double.class, double[].class),
        new boolean[] {true, true}, 1);
    assertEquals(void.class, m.returnType());
    assertEquals(1, m.outputParameter());
    double[] out = new double[2];
    assertSame(out, m.invoke(3.0, out));
    assertArrayEquals(new double[] {3.0, 3.0}, out, 0.0);
    assertEquals("dev.adjoint.fixtures.Foo.f(double x, double[] out) -> void", m.toString());
    assertMessage(UnsupportedOperationException.class, "Foo.f returns void and writes its result into out, so it has"
        + " no gradient; use pullback(args, resultBar) for a vector-Jacobian product, or Jacobian.of for the whole"
        + " matrix", () -> m.gradient(3.0, out));
    assertMessage(IllegalArgumentException.class, "Foo.f returns void and writes its result into out, so resultBar"
        + " must be a double[] as long as double[] out (2), but has length 1",
        () -> m.pullback(new Object[] {3.0, out}, new double[1]));
    Object[] bars = m.pullback(new Object[] {3.0, out}, new double[] {1, 2});
    assertEquals(3.0, (Double) bars[0], 0.0);
  }

  /** out[i] = x for each i: d out / d x is all ones, d out / d out is zero. */
  private static GeneratedMethod voidMethod(List<String> names, List<Class<?>> types, boolean[] flags, int output) {
    return new GeneratedMethod(Foo.class, "f", names, types, flags, void.class, output) {
      @Override
      protected Object invokeChecked(Object[] args) {
        java.util.Arrays.fill((double[]) args[output], (Double) args[0]);
        return null;
      }

      @Override
      protected Object[] pullbackChecked(Object[] args, double[] resultBar) {
        invokeChecked(args);
        return new Object[] {resultBar[0] + resultBar[1], new double[resultBar.length]};
      }

      @Override
      protected Object tangentChecked(Object[] args, Object[] tangents) {
        double[] t = new double[((double[]) args[output]).length];
        java.util.Arrays.fill(t, (Double) tangents[0]);
        return t;
      }
    };
  }

  @Test
  void theDescriptionIsCopied() {
    boolean[] flags = {true};
    GeneratedMethod m = method(List.of("x"), List.of(double.class), flags, double.class);
    flags[0] = false;
    assertTrue(m.isDifferentiable(0));
  }

  @Test
  void hooksThatDoNotApplyThrowIfGeneratedCodeForgotOne() {
    GeneratedMethod m = method(List.of("x"), List.of(double.class), new boolean[] {true}, double.class);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> m.gradient(1.0));
    assertTrue(e.getMessage().contains("does not implement gradientChecked"), e.getMessage());
  }

  @Test
  void aGradientWithTheWrongEntryCountIsAnInternalError() {
    GeneratedMethod m = new GeneratedMethod(Foo.class, "f", List.of("x"), List.<Class<?>>of(double.class),
        new boolean[] {true}, double.class) {
      @Override
      protected Object invokeChecked(Object[] args) {
        return 0.0;
      }

      @Override
      protected Object[] gradientChecked(Object[] args) {
        return new Object[0];
      }

      @Override
      protected Object tangentChecked(Object[] args, Object[] tangents) {
        return 0.0;
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.gradient(1.0));
    assertTrue(e.getMessage().startsWith("Adjoint internal error"), e.getMessage());
  }

  private static GeneratedMethod method(List<String> names, List<Class<?>> types, boolean[] flags, Class<?> result) {
    return method(names, types, flags, result, -1);
  }

  private static GeneratedMethod method(List<String> names, List<Class<?>> types, boolean[] flags, Class<?> result,
      int output) {
    return new GeneratedMethod(Foo.class, "f", names, types, flags, result, output) {
      @Override
      protected Object invokeChecked(Object[] args) {
        return 0.0;
      }

      @Override
      protected Object tangentChecked(Object[] args, Object[] tangents) {
        return 0.0;
      }
    };
  }

  private static void assertMessage(Class<? extends Throwable> type, String message, Executable call) {
    assertEquals(message, assertThrows(type, call).getMessage());
  }
}
