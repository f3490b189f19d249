package dev.adjoint;

import java.util.Objects;

/**
 * Dense Hessian matrices of a {@link DifferentiableMethod} returning {@code double}, built from its
 * generated Hessian-vector products (forward over reverse).
 *
 * <p>Layout: rows and columns both run over the differentiable parameters in parameter order, each
 * flattened as {@link Jacobian} flattens its columns (a {@code double[][]} row by row), so
 * {@code h[i][j]} is the second derivative with respect to input numbers {@code i} and {@code j}, and
 * {@link Jacobian#column} names either index. For n inputs it takes n Hessian-vector products, each
 * costing a few gradients; for large n, call {@link DifferentiableMethod#hessianVector} with the
 * directions you need instead (a Newton-CG solver needs only those).
 *
 * <pre>{@code
 * DifferentiableMethod f = Derivatives.of(Model.class, "logLikelihood");
 * double[][] h = Hessian.of(f, theta, data);   // h[i][j] = d2 f / d theta_i d theta_j
 * }</pre>
 */
public final class Hessian {
  private Hessian() {}

  /**
   * The Hessian at {@code args}.
   *
   * @param m a method returning {@code double}
   * @param args one argument per parameter, as for {@link DifferentiableMethod#invoke}
   * @return {@code n x n} for n inputs, exactly symmetric: the two rounding-level estimates of each
   *     off-diagonal entry (column i of row j, column j of row i) are averaged
   * @throws UnsupportedOperationException when the method returns {@code double[]} or {@code void} or has no
   *     Hessian-vector products (the message says why)
   */
  public static double[][] of(DifferentiableMethod m, Object... args) {
    Objects.requireNonNull(m, "the method is null");
    if (m.returnType() != double.class) {
      throw new UnsupportedOperationException(m.owner().getSimpleName() + "." + m.name() + " returns "
          + m.returnType().getSimpleName() + ";"
          + " a Hessian is defined for a method returning"
          + " double (take Jacobian.of of a gradient for the second derivatives of each element)");
    }
    ColumnLayout layout = ColumnLayout.of(m, args);
    int n = layout.columns();
    double[][] h = new double[n][n];
    double[] column = new double[n];
    for (int c = 0; c < n; c++) {
      // Each pass gets its own copy of the arguments, as Jacobian's passes do.
      layout.flatten(m.hessianVector(JacobianPasses.copy(args), JacobianPasses.unitTangents(layout, args, c)), column);
      for (int r = 0; r < n; r++) {
        h[r][c] = column[r];
      }
    }
    for (int r = 0; r < n; r++) {
      for (int c = r + 1; c < n; c++) {
        double mean = 0.5 * (h[r][c] + h[c][r]);
        h[r][c] = mean;
        h[c][r] = mean;
      }
    }
    return h;
  }
}
