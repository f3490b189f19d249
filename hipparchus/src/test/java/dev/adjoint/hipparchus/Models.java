package dev.adjoint.hipparchus;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Models written as a user would; the processor generates their derivatives. */
final class Models {
  private Models() {}

  /** A decaying exponential on a baseline, minus the data: p0 exp(-p1 t) + p2 - y. */
  @Differentiable
  static double[] decayResiduals(double[] p, @NoDerivative double[] t, @NoDerivative double[] y) {
    double[] r = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - y[i];
    }
    return r;
  }

  /** The Rosenbrock banana. */
  @Differentiable
  static double rosenbrock(double[] x) {
    double valley = x[1] - x[0] * x[0];
    double offset = 1.0 - x[0];
    return 100.0 * valley * valley + offset * offset;
  }

  /**
   * Predator and prey, with a seasonal birth rate: the prey y0 grows at (a + 0.1 sin t) and is
   * eaten at rate b y0 y1; predators y1 die at rate c and grow at rate b y0 y1.
   */
  @Differentiable
  static double[] predatorPrey(double t, double[] y, double a, double b, @NoDerivative double c) {
    double eaten = b * y[0] * y[1];
    return new double[] {(a + 0.1 * Math.sin(t)) * y[0] - eaten, eaten - c * y[1]};
  }

  /** {@link #predatorPrey} as Hipparchus and Commons Math write a right-hand side: into an array of rates. */
  @Differentiable
  static void predatorPreyInto(double t, double[] y, double a, double b, @NoDerivative double c, double[] dydt) {
    double eaten = b * y[0] * y[1];
    dydt[0] = (a + 0.1 * Math.sin(t)) * y[0] - eaten;
    dydt[1] = eaten - c * y[1];
  }

  /** {@link #decayResiduals}, written into an array of residuals. */
  @Differentiable
  static void decayResidualsInto(double[] p, @NoDerivative double[] t, @NoDerivative double[] y, double[] r) {
    for (int i = 0; i < t.length; i++) {
      r[i] = p[0] * Math.exp(-p[1] * t[i]) + p[2] - y[i];
    }
  }

  /** Two compartments: y0 decays into y1 at rate k, y1 leaves at rate m (linear, solvable). */
  @Differentiable
  static double[] chain(double t, double[] y, double k, double m) {
    return new double[] {-k * y[0], k * y[0] - m * y[1]};
  }

  static double[] times(int n) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = 4.0 * i / (n - 1);
    }
    return t;
  }

  /** Data from the decay model with parameters {@code truth} and Gaussian noise of the given size. */
  static double[] decayData(double[] truth, double[] t, double noise, long seed) {
    java.util.Random random = new java.util.Random(seed);
    double[] y = decayResiduals(truth, t, new double[t.length]);
    for (int i = 0; i < y.length; i++) {
      y[i] += noise * random.nextGaussian();
    }
    return y;
  }
}
