package dev.adjoint.hipparchus;

/** Jacobians by central differences, to check the adapters against. */
final class CentralDifferences {
  private CentralDifferences() {}

  static double[][] jacobian(VectorFunction f, double[] x) {
    int rows = f.value(x.clone()).length;
    double[][] j = new double[rows][x.length];
    for (int c = 0; c < x.length; c++) {
      double h = 1e-6 * Math.max(1.0, Math.abs(x[c]));
      double[] plus = x.clone();
      double[] minus = x.clone();
      plus[c] += h;
      minus[c] -= h;
      double[] fPlus = f.value(plus);
      double[] fMinus = f.value(minus);
      for (int r = 0; r < rows; r++) {
        j[r][c] = (fPlus[r] - fMinus[r]) / (plus[c] - minus[c]);
      }
    }
    return j;
  }

  static void assertClose(double[][] expected, double[][] actual, double relative) {
    org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, "rows");
    for (int r = 0; r < expected.length; r++) {
      org.junit.jupiter.api.Assertions.assertEquals(expected[r].length, actual[r].length, "columns");
      for (int c = 0; c < expected[r].length; c++) {
        double scale = Math.max(1.0, Math.abs(expected[r][c]));
        org.junit.jupiter.api.Assertions.assertEquals(expected[r][c], actual[r][c], relative * scale,
            "element [" + r + "][" + c + "]");
      }
    }
  }
}
