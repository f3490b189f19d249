package dev.adjoint;

import java.util.Objects;

/**
 * Whole Jacobian matrices of a {@link DifferentiableMethod}, built from its generated forward or
 * reverse mode.
 *
 * <p>Layout: one row per output (one row when the method returns {@code double}, one per result
 * element when it returns {@code double[]}, one per element of the output array of a {@code void}
 * method that writes its result into one), one column per input number. The inputs are the
 * differentiable parameters in order, each flattened: a {@code double} is one column, a
 * {@code double[]} one column per element, a {@code double[][]} one column per element taken row by
 * row (rows may differ in length). {@link #column} maps a column back to its parameter.
 *
 * <pre>{@code
 * DifferentiableMethod f = Derivatives.of(Model.class, "residuals");
 * double[][] j = Jacobian.of(f, params, data);   // j[r][c] = d residual r / d input c
 * }</pre>
 */
public final class Jacobian {

  /** How the matrix is built. */
  public enum Mode {
    /**
     * {@link #FORWARD} when there are no more columns than rows, else {@link #REVERSE}: forward mode
     * takes one pass per column and reverse mode one per row, and a reverse pass costs a few
     * forward passes, so on a tie forward mode is cheaper.
     */
    AUTO,
    /** Column by column: one tangent (Jacobian-vector product) per input number. */
    FORWARD,
    /** Row by row: one pullback (vector-Jacobian product) per output. */
    REVERSE
  }

  /**
   * Where a column comes from.
   *
   * @param parameter the position of the parameter among all parameters
   * @param name the parameter's name
   * @param index the element inside the parameter: 0 for a {@code double}, the element's index for a
   *     {@code double[]}, the position counted row by row for a {@code double[][]}
   */
  public record Column(int parameter, String name, int index) {}

  private Jacobian() {}

  /**
   * The Jacobian at {@code args}, in {@link Mode#AUTO} mode.
   *
   * @param m the method
   * @param args one argument per parameter, as for {@link DifferentiableMethod#invoke}
   * @return {@code rows x columns}, see the class comment for the layout
   */
  public static double[][] of(DifferentiableMethod m, Object... args) {
    return of(m, Mode.AUTO, args);
  }

  /**
   * The Jacobian at {@code args}, built in the given mode. All modes give the same matrix up to
   * rounding.
   *
   * @param m the method
   * @param mode how to build it
   * @param args one argument per parameter, as for {@link DifferentiableMethod#invoke}
   * @return {@code rows x columns}, see the class comment for the layout
   */
  public static double[][] of(DifferentiableMethod m, Mode mode, Object... args) {
    Objects.requireNonNull(mode, "Jacobian.of: mode is null");
    ColumnLayout layout = ColumnLayout.of(m, args);
    int rows = JacobianPasses.rows(m, args);
    boolean forward = mode == Mode.FORWARD || (mode == Mode.AUTO && layout.columns() <= rows);
    return forward ? JacobianPasses.forward(layout, args, rows) : JacobianPasses.reverse(layout, args, rows);
  }

  /**
   * The number of Jacobian columns at these arguments: the total size of the differentiable
   * arguments.
   *
   * @param m the method
   * @param args one argument per parameter
   * @return the column count
   */
  public static int columns(DifferentiableMethod m, Object... args) {
    return ColumnLayout.of(m, args).columns();
  }

  /**
   * Which parameter, and which element of it, a column stands for.
   *
   * @param m the method
   * @param column a column index, from 0 to {@link #columns} - 1
   * @param args one argument per parameter (only their shapes matter)
   * @return where the column comes from
   * @throws IndexOutOfBoundsException when there is no such column
   */
  public static Column column(DifferentiableMethod m, int column, Object... args) {
    ColumnLayout layout = ColumnLayout.of(m, args);
    int p = layout.parameterAt(column);
    return new Column(p, m.parameterNames().get(p), column - layout.start(p));
  }

  /**
   * The gradient of a method returning {@code double} as one flat vector in the column layout, which
   * is the form optimisers want. One reverse pass.
   *
   * @param m a method returning {@code double}
   * @param args one argument per parameter
   * @return {@link #columns} numbers
   * @throws UnsupportedOperationException when the method returns {@code double[]}
   */
  public static double[] gradientVector(DifferentiableMethod m, Object... args) {
    ColumnLayout layout = ColumnLayout.of(m, args);
    double[] gradient = new double[layout.columns()];
    layout.flatten(m.gradient(args), gradient);
    return gradient;
  }
}
