package dev.adjoint;

/**
 * Builds a Jacobian from one derivative pass per column (forward mode) or per row (reverse mode).
 * Each pass gets its own copy of the array arguments, so a method that updates its arrays in place
 * still yields the Jacobian at the point the caller gave.
 */
final class JacobianPasses {
  private JacobianPasses() {}

  /** Column {@code c} is the tangent along the unit direction of input number {@code c}. */
  static double[][] forward(ColumnLayout layout, Object[] args, int rows) {
    DifferentiableMethod m = layout.method();
    double[][] jacobian = new double[rows][layout.columns()];
    for (int c = 0; c < layout.columns(); c++) {
      Object tangent = m.tangent(copy(args), unitTangents(layout, args, c));
      if (tangent instanceof Double) {
        jacobian[0][c] = (Double) tangent;
      } else {
        double[] column = (double[]) tangent;
        requireRows(m, rows, column.length);
        for (int r = 0; r < rows; r++) {
          jacobian[r][c] = column[r];
        }
      }
    }
    return jacobian;
  }

  /**
   * Row {@code r} is the pullback of the unit result bar of output number {@code r}, taken
   * {@link #ROWS_PER_PASS} rows at a time: generated code shares one forward sweep between them.
   */
  static double[][] reverse(ColumnLayout layout, Object[] args, int rows) {
    DifferentiableMethod m = layout.method();
    double[][] jacobian = new double[rows][layout.columns()];
    boolean scalar = m.returnType() == double.class;
    for (int first = 0; first < rows; first += ROWS_PER_PASS) {
      int count = Math.min(ROWS_PER_PASS, rows - first);
      double[][] resultBars = new double[count][];
      for (int k = 0; k < count; k++) {
        resultBars[k] = scalar ? new double[] {1.0} : unitVector(rows, first + k);
      }
      Object[][] pullbacks = m.pullbacks(copy(args), resultBars);
      for (int k = 0; k < count; k++) {
        layout.flatten(pullbacks[k], jacobian[first + k]);
      }
    }
    return jacobian;
  }

  /** Rows per call of {@code pullbacks}: the unit result bars of one call take rows x rows doubles. */
  static final int ROWS_PER_PASS = 64;

  /**
   * The number of outputs: 1 for a method returning {@code double}, else the result's length (for a
   * void method, {@code invoke} returns its output array).
   */
  static int rows(DifferentiableMethod m, Object[] args) {
    return m.returnType() == double.class ? 1 : ((double[]) m.invoke(copy(args))).length;
  }

  static Object[] unitTangents(ColumnLayout layout, Object[] args, int column) {
    Object[] tangents = new Object[args.length];
    for (int p = 0; p < args.length; p++) {
      if (layout.isVariable(p)) {
        tangents[p] = Flattening.zerosLike(args[p]);
      }
    }
    int p = layout.parameterAt(column);
    tangents[p] = Flattening.with(tangents[p], column - layout.start(p), 1.0);
    return tangents;
  }

  private static double[] unitVector(int length, int i) {
    double[] v = new double[length];
    v[i] = 1.0;
    return v;
  }

  static Object[] copy(Object[] args) {
    return (Object[]) Flattening.deepCopy(args);
  }

  private static void requireRows(DifferentiableMethod m, int rows, int length) {
    if (length != rows) {
      throw new IllegalStateException(m + " returned " + rows + " values but a tangent of length " + length
          + "; its result length must depend only on the argument shapes");
    }
  }
}
