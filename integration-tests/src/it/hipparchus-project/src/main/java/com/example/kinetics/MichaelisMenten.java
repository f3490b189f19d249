package com.example.kinetics;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Enzyme kinetics: the reaction rate v = vMax s / (kM + s) at substrate concentration s. */
public final class MichaelisMenten {
  private MichaelisMenten() {}

  /** Model minus measured rates; {@code p} is (vMax, kM). */
  @Differentiable
  public static double[] residuals(double[] p, @NoDerivative double[] s, @NoDerivative double[] rate) {
    double[] r = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      r[i] = p[0] * s[i] / (p[1] + s[i]) - rate[i];
    }
    return r;
  }

  /** Half the sum of squared residuals, for the gradient-based optimizers. */
  @Differentiable
  public static double halfSquaredError(double[] p, @NoDerivative double[] s, @NoDerivative double[] rate) {
    double sum = 0.0;
    for (int i = 0; i < s.length; i++) {
      double r = p[0] * s[i] / (p[1] + s[i]) - rate[i];
      sum += 0.5 * r * r;
    }
    return sum;
  }
}
