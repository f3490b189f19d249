package dev.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.fixtures.FooMethod;
import dev.adjoint.fixtures.SecondOrderFunctions;
import dev.adjoint.fixtures.SecondOrderMethods;
import dev.adjoint.fixtures.VectorMethods;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link Hessian#of} and {@link DifferentiableMethod#hessianVector} on hand-made registry entries. */
class HessianTest {
  private static final double TOLERANCE = 1e-12;

  private final double a = 1.5;
  private final double[] v = {0.7, -1.3};
  private final double[][] m = {{2.0, -0.5}, {3.0}};
  private final int n = 3;

  @Test
  void layoutRunsOverScalarVectorAndMatrixParametersAndSkipsConstants() {
    int[] calls = new int[2];
    double[][] h = Hessian.of(SecondOrderMethods.mixed(calls), a, v, m, n);
    double[][] expected = SecondOrderFunctions.mixedHessian(a, v, m, n);
    assertEquals(6, h.length, "a, v (2), m (2 + 1); the int n has no row");
    for (int r = 0; r < 6; r++) {
      assertArrayEquals(expected[r], h[r], TOLERANCE, "row " + r + " (" + Jacobian.column(
          SecondOrderMethods.mixed(new int[2]), r, a, v, m, n) + ")");
    }
    assertArrayEquals(new int[] {6, 0}, calls, "one Hessian-vector product per input, no gradients");
  }

  @Test
  void rowsAndColumnsAreNamedAsJacobianColumnsAre() {
    DifferentiableMethod f = SecondOrderMethods.mixed(new int[2]);
    double[][] h = Hessian.of(f, a, v, m, n);
    // d2f / dm01 da = n m00: row of m[0][1] (flat 4), column of a (flat 0).
    assertEquals(new Jacobian.Column(2, "m", 1), Jacobian.column(f, 4, a, v, m, n));
    assertEquals(n * m[0][0], h[4][0], TOLERANCE);
    assertEquals(n * m[0][0], h[0][4], TOLERANCE);
  }

  @Test
  void offDiagonalEstimatesAreAveragedIntoAnExactlySymmetricMatrix() {
    double[] x = {0.3, -2.0, 1.1};
    double[][] h = Hessian.of(SecondOrderMethods.halfQuadratic(new int[2]), (Object) x);
    double[][] b = SecondOrderFunctions.B;
    for (int r = 0; r < 3; r++) {
      assertEquals(b[r][r], h[r][r], TOLERANCE, "diagonal " + r);
      for (int c = 0; c < 3; c++) {
        assertEquals(0.5 * (b[r][c] + b[c][r]), h[r][c], TOLERANCE, "entry " + r + ", " + c);
        assertEquals(Double.doubleToLongBits(h[r][c]), Double.doubleToLongBits(h[c][r]), "symmetric bit for bit");
      }
    }
  }

  @Test
  void everyPassSeesTheCallersPointAndTheCallersArraysAreLeftAlone() {
    double[] vCopy = v.clone();
    double[][] mCopy = {m[0].clone(), m[1].clone()};
    // The hook overwrites v[0] and m[1][0] with NaN: without a copy per pass, later columns would be NaN.
    double[][] h = Hessian.of(SecondOrderMethods.mixed(new int[2]), a, v, m, n);
    for (double[] row : h) {
      for (double e : row) {
        assertTrue(Double.isFinite(e), "every entry computed at the caller's point");
      }
    }
    assertArrayEquals(vCopy, v);
    assertArrayEquals(mCopy[0], m[0]);
    assertArrayEquals(mCopy[1], m[1]);
  }

  @Test
  void hessianVectorReturnsOneEntryPerParameterShapedLikeIt() {
    Object[] directions = {1.0, new double[] {0, 2}, new double[][] {{0, 0}, {-1}}, null};
    double[][] h = SecondOrderFunctions.mixedHessian(a, v, m, n);
    // The hook scribbles on its arrays (see SecondOrderMethods), so it gets copies here.
    Object[] hv = SecondOrderMethods.mixed(new int[2]).hessianVector(
        new Object[] {a, v.clone(), new double[][] {m[0].clone(), m[1].clone()}, n}, directions);
    assertEquals(4, hv.length);
    double[] flatDirection = {1, 0, 2, 0, 0, -1};
    double[] flat = new double[6];
    flat[0] = (Double) hv[0];
    System.arraycopy((double[]) hv[1], 0, flat, 1, 2);
    System.arraycopy(((double[][]) hv[2])[0], 0, flat, 3, 2);
    flat[5] = ((double[][]) hv[2])[1][0];
    for (int r = 0; r < 6; r++) {
      double expected = 0;
      for (int c = 0; c < 6; c++) {
        expected += h[r][c] * flatDirection[c];
      }
      assertEquals(expected, flat[r], TOLERANCE, "(H d)[" + r + "]");
    }
    assertNull(hv[3], "an int parameter has no entry");
  }

  @Test
  void aMethodWithNoDifferentiableParameterHasAnEmptyHessian() {
    int[] calls = new int[2];
    DifferentiableMethod constantsOnly = new dev.adjoint.spi.GeneratedMethod(SecondOrderFunctions.class, "mixed",
        List.of("a", "v", "m", "n"), List.<Class<?>>of(double.class, double[].class, double[][].class, int.class),
        new boolean[] {false, false, false, false}, double.class) {
      @Override
      protected Object invokeChecked(Object[] args) {
        return 0.0;
      }

      @Override
      protected Object tangentChecked(Object[] args, Object[] tangents) {
        return 0.0;
      }

      @Override
      protected Object[] hessianVectorChecked(Object[] args, Object[] directions) {
        calls[0]++;
        return new Object[4];
      }
    };
    assertEquals(0, Hessian.of(constantsOnly, a, v, m, n).length);
    assertEquals(0, calls[0]);
  }

  @Test
  void aVectorResultHasNoHessian() {
    DifferentiableMethod tall = VectorMethods.tall(new int[2]);
    assertMessage(UnsupportedOperationException.class, "VectorFunctions.tall returns double[]; a Hessian is defined for"
        + " a method returning double (take Jacobian.of of a gradient for the second derivatives of each element)",
        () -> Hessian.of(tall, (Object) new double[] {1, 2}));
    assertMessage(UnsupportedOperationException.class, "VectorFunctions.tall returns double[], so it has no Hessian;"
        + " the second derivatives of a vector result are one Hessian per element",
        () -> tall.hessianVector(new Object[] {new double[] {1, 2}}, new Object[] {new double[] {1, 0}}));
  }

  @Test
  void directionsAreCheckedAndNamedAsDirections() {
    DifferentiableMethod f = SecondOrderMethods.mixed(new int[2]);
    Object[] args = {a, v, m, n};
    assertMessage(NullPointerException.class, "SecondOrderFunctions.mixed: the direction array is null",
        () -> f.hessianVector(args, null));
    assertMessage(IllegalArgumentException.class,
        "SecondOrderFunctions.mixed takes one direction per argument (4) but was given 3",
        () -> f.hessianVector(args, new Object[] {1.0, new double[2], new double[][] {{0, 0}, {0}}}));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed: direction 1 (double[] v) has length 3"
        + " but argument 1 has length 2; a direction must have the shape of its argument",
        () -> f.hessianVector(args, new Object[] {1.0, new double[3], new double[][] {{0, 0}, {0}}, null}));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed: direction 2 (double[][] m) row 1 has"
        + " length 2 but argument 2 row 1 has length 1; a direction must have the shape of its argument",
        () -> f.hessianVector(args, new Object[] {1.0, new double[2], new double[][] {{0, 0}, {0, 0}}, null}));
    assertMessage(NullPointerException.class, "SecondOrderFunctions.mixed: direction 1 (double[] v) must be a double[]"
        + " but was given null", () -> f.hessianVector(args, new Object[] {1.0, null, new double[][] {{0, 0}, {0}}, null}));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed: direction 0 (double a) must be a Double"
        + " but was given Integer; numbers are not converted, so pass a Double",
        () -> f.hessianVector(args, new Object[] {1, new double[2], new double[][] {{0, 0}, {0}}, null}));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed: argument 3 (int n) must be an Integer"
        + " but was given Double; numbers are not converted, so pass an Integer",
        () -> f.hessianVector(new Object[] {a, v, m, 3.0}, new Object[] {1.0, new double[2], new double[][] {{0, 0}, {0}}, null}));
  }

  @Test
  void badArgumentsToHessianOfAreReportedBeforeAnyPass() {
    int[] calls = new int[2];
    DifferentiableMethod f = SecondOrderMethods.mixed(calls);
    assertMessage(NullPointerException.class, "the method is null", () -> Hessian.of(null, a, v, m, n));
    assertMessage(NullPointerException.class, "the argument array is null", () -> Hessian.of(f, (Object[]) null));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed takes 4 arguments but was given 3",
        () -> Hessian.of(f, a, v, m));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed: argument 2 (double[][] m) must be a"
        + " double[][] but was given double[]", () -> Hessian.of(f, a, v, new double[] {1}, n));
    assertMessage(IllegalArgumentException.class, "SecondOrderFunctions.mixed: argument 0 (double a) must be a Double"
        + " but was given null", () -> Hessian.of(f, null, v, m, n));
    assertArrayEquals(new int[] {0, 0}, calls, "nothing was computed");
  }

  @Test
  void aMethodWithoutSecondOrderCodeSaysWhy() {
    String reason = "Adjoint generated no Hessian-vector method for halfQuadratic: its gradient calls gGradient, the"
        + " derivative code of a method that stays a call";
    DifferentiableMethod refusing = SecondOrderMethods.refusing(reason);
    assertMessage(UnsupportedOperationException.class, reason, () -> Hessian.of(refusing, (Object) new double[3]));
    assertMessage(UnsupportedOperationException.class, reason,
        () -> refusing.hessianVector(new Object[] {new double[3]}, new Object[] {new double[3]}));

    // Generated code that forgot the hook (an older processor) is an internal error naming the fix.
    UnsupportedOperationException old = assertThrows(UnsupportedOperationException.class,
        () -> Hessian.of(FooMethod.create(), 2.0, new double[] {1, 2}, 5));
    assertTrue(old.getMessage().startsWith("Adjoint internal error: the generated code for dev.adjoint.fixtures.Foo.f("
        + "double x, double[] w, int n) -> double does not implement hessianVectorChecked; recompile"), old.getMessage());
  }

  @Test
  void anImplementationOutsideAdjointHasNoHessianVectorProductsByDefault() {
    DifferentiableMethod plain = new DifferentiableMethod() {
      private final DifferentiableMethod inner = FooMethod.create();

      @Override public Class<?> owner() { return inner.owner(); }
      @Override public String name() { return inner.name(); }
      @Override public List<String> parameterNames() { return inner.parameterNames(); }
      @Override public List<Class<?>> parameterTypes() { return inner.parameterTypes(); }
      @Override public Class<?> returnType() { return inner.returnType(); }
      @Override public boolean isDifferentiable(int i) { return inner.isDifferentiable(i); }
      @Override public Object invoke(Object... args) { return inner.invoke(args); }
      @Override public Object[] gradient(Object... args) { return inner.gradient(args); }
      @Override public Object[] pullback(Object[] args, Object bar) { return inner.pullback(args, bar); }
      @Override public Object tangent(Object[] args, Object[] t) { return inner.tangent(args, t); }
      @Override public String toString() { return "plain f"; }
    };
    assertMessage(UnsupportedOperationException.class, "plain f has no Hessian-vector products",
        () -> Hessian.of(plain, 2.0, new double[] {1, 2}, 5));
  }

  @Test
  void aHessianVectorHookWithTheWrongEntryCountIsAnInternalError() {
    DifferentiableMethod broken = new dev.adjoint.spi.GeneratedMethod(SecondOrderFunctions.class, "halfQuadratic",
        List.of("x"), List.<Class<?>>of(double[].class), new boolean[] {true}, double.class) {
      @Override
      protected Object invokeChecked(Object[] args) {
        return 0.0;
      }

      @Override
      protected Object tangentChecked(Object[] args, Object[] tangents) {
        return 0.0;
      }

      @Override
      protected Object[] hessianVectorChecked(Object[] args, Object[] directions) {
        return new Object[2];
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Hessian.of(broken, (Object) new double[2]));
    assertTrue(e.getMessage().startsWith("Adjoint internal error: the generated Hessian-vector product of"),
        e.getMessage());
  }

  private static void assertMessage(Class<? extends Throwable> type, String message, Executable call) {
    assertEquals(message, assertThrows(type, call).getMessage());
  }
}
