package dev.adjoint.junit;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Methods of every shape the checks handle, differentiated by the processor. */
final class Functions {
  private Functions() {}

  @Differentiable
  static double weighted(double x, double[] w, @NoDerivative double[] data, int n) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += w[i] * Math.sin(x * data[i]);
    }
    return sum * x;
  }

  @Differentiable
  static double[] rotate(double[] v, double[][] m) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < v.length; j++) {
        out[i] += m[i][j] * Math.exp(v[j]);
      }
    }
    return out;
  }

  /** Writes into its argument: each evaluation must start from the point as given. */
  @Differentiable
  static double squaresInPlace(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] * x[i];
      sum += x[i];
    }
    return sum;
  }
}
