package dev.adjoint.hipparchus;

/**
 * Builds a whole Jacobian from Jacobian-vector or vector-Jacobian products, one pass per column or
 * per row, choosing the mode with fewer passes.
 */
final class JacobianColumns {
  private JacobianColumns() {}

  /**
   * Forward when there are no more columns than rows (a reverse pass costs a few forward passes, so
   * a tie goes to forward mode), else reverse; as {@link dev.adjoint.Jacobian.Mode#AUTO} does.
   */
  static boolean forwardIsCheaper(int rows, int columns) {
    return columns <= rows;
  }

  /** rows x point.length, one tangent per column. */
  static double[][] forward(JacobianVectorProduct tangent, double[] point, int rows) {
    double[][] jacobian = new double[rows][point.length];
    double[] direction = new double[point.length];
    for (int c = 0; c < point.length; c++) {
      direction[c] = 1.0;
      double[] column = tangent.apply(point.clone(), direction.clone());
      direction[c] = 0.0;
      checkLength(column, rows, "tangent");
      for (int r = 0; r < rows; r++) {
        jacobian[r][c] = column[r];
      }
    }
    return jacobian;
  }

  /** rows x point.length, one pullback per row. */
  static double[][] reverse(VectorJacobianProduct pullback, double[] point, int rows) {
    double[][] jacobian = new double[rows][];
    double[] bar = new double[rows];
    for (int r = 0; r < rows; r++) {
      bar[r] = 1.0;
      double[] row = pullback.apply(point.clone(), bar.clone());
      bar[r] = 0.0;
      checkLength(row, point.length, "pullback");
      jacobian[r] = row.clone();
    }
    return jacobian;
  }

  private static void checkLength(double[] v, int expected, String what) {
    if (v == null || v.length != expected) {
      throw new IllegalStateException("the " + what + " returned "
          + (v == null ? "null" : v.length + " numbers") + ", expected " + expected);
    }
  }
}
