package dev.adjoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Jacobian.Column;
import dev.adjoint.Jacobian.Mode;
import dev.adjoint.fixtures.FooMethod;
import dev.adjoint.fixtures.VectorFunctions;
import dev.adjoint.fixtures.VectorMethods;
import org.junit.jupiter.api.Test;

class JacobianTest {
  private static final double TOLERANCE = 1e-12;

  private final double[] v = {0.7, -1.3};
  private final double a = 1.5;
  private final double[][] m = {{2.0, -0.5}, {3.0}};
  private final double[] u = {0.25, 4.0};
  private final int n = 3;

  @Test
  void tallFunctionInEveryMode() {
    double[][] expected = VectorFunctions.tallJacobian(v);
    for (Mode mode : Mode.values()) {
      int[] calls = new int[2];
      assertMatrix(expected, Jacobian.of(VectorMethods.tall(calls), mode, (Object) v), mode);
    }
  }

  @Test
  void wideFunctionWithARaggedMatrixInEveryMode() {
    double[][] expected = VectorFunctions.wideJacobian(a, m, u, n);
    for (Mode mode : Mode.values()) {
      assertMatrix(expected, Jacobian.of(VectorMethods.wide(new int[2]), mode, a, m, u, n), mode);
    }
  }

  @Test
  void autoUsesForwardModeForTallAndReverseModeForWideFunctions() {
    int[] tallCalls = new int[2];
    Jacobian.of(VectorMethods.tall(tallCalls), (Object) v);
    assertArrayEquals(new int[] {2, 0}, tallCalls, "one tangent per column, no pullbacks");

    int[] wideCalls = new int[2];
    Jacobian.of(VectorMethods.wide(wideCalls), a, m, u, n);
    assertArrayEquals(new int[] {0, 2}, wideCalls, "one pullback per row, no tangents");

    int[] forced = new int[2];
    Jacobian.of(VectorMethods.wide(forced), Mode.FORWARD, a, m, u, n);
    assertArrayEquals(new int[] {6, 0}, forced);
  }

  @Test
  void scalarFunctionsHaveOneRowEqualToTheGradient() {
    double[] w = {1, 2, 4};
    double[] expected = {7, 2, 2, 2}; // d/dx = sum(w), d/dw_i = x
    for (Mode mode : Mode.values()) {
      double[][] j = Jacobian.of(FooMethod.create(), mode, 2.0, w, 5);
      assertEquals(1, j.length);
      assertArrayEquals(expected, j[0], TOLERANCE, mode.name());
    }
    assertArrayEquals(expected, Jacobian.gradientVector(FooMethod.create(), 2.0, w, 5), TOLERANCE);
  }

  @Test
  void columnsFlattenMatricesRowByRow() {
    DifferentiableMethod wide = VectorMethods.wide(new int[2]);
    assertEquals(6, Jacobian.columns(wide, a, m, u, n));
    assertEquals(new Column(0, "a", 0), Jacobian.column(wide, 0, a, m, u, n));
    assertEquals(new Column(1, "m", 0), Jacobian.column(wide, 1, a, m, u, n));
    assertEquals(new Column(1, "m", 2), Jacobian.column(wide, 3, a, m, u, n));
    assertEquals(new Column(2, "u", 1), Jacobian.column(wide, 5, a, m, u, n));
    assertThrows(IndexOutOfBoundsException.class, () -> Jacobian.column(wide, 6, a, m, u, n));
    assertEquals(4, Jacobian.columns(wide, a, new double[][] {{1}, {}, {2, 3}, null}, new double[0], n),
        "a, then 3 matrix elements (an empty and a null row hold none), then an empty u");
  }

  @Test
  void argumentsAreLeftAsTheyWere() {
    Jacobian.of(VectorMethods.wide(new int[2]), Mode.FORWARD, a, m, u, n);
    Jacobian.of(VectorMethods.wide(new int[2]), Mode.REVERSE, a, m, u, n);
    assertArrayEquals(new double[] {2.0, -0.5}, m[0]);
    assertArrayEquals(new double[] {3.0}, m[1]);
    assertArrayEquals(new double[] {0.25, 4.0}, u);
  }

  @Test
  void badArgumentsAreReportedBeforeAnyPass() {
    DifferentiableMethod wide = VectorMethods.wide(new int[2]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Jacobian.of(wide, a, new double[] {1}, u, n));
    assertEquals("VectorFunctions.wide: argument 1 (double[][] m) must be a double[][] but was given double[]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Jacobian.of(wide, a, m, u));
    assertThrows(NullPointerException.class, () -> Jacobian.of(wide, null, a, m, u, n));
    UnsupportedOperationException notScalar = assertThrows(UnsupportedOperationException.class,
        () -> Jacobian.gradientVector(wide, a, m, u, n));
    assertTrue(notScalar.getMessage().contains("use pullback"), notScalar.getMessage());
  }

  private static void assertMatrix(double[][] expected, double[][] actual, Mode mode) {
    assertEquals(expected.length, actual.length, mode + ": rows");
    for (int r = 0; r < expected.length; r++) {
      assertArrayEquals(expected[r], actual[r], TOLERANCE, mode + ": row " + r);
    }
  }
}
