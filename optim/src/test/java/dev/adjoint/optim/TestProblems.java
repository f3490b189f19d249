package dev.adjoint.optim;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Standard test problems, written as a user would; the processor generates their gradients. */
final class TestProblems {
  private TestProblems() {}

  /**
   * The extended Rosenbrock function of Moré, Garbow and Hillstrom (1981): independent 2-d
   * Rosenbrock valleys on the pairs (x0, x1), (x2, x3), ... Minimum 0 at all ones; n = 2 is the
   * classic banana.
   */
  @Differentiable
  static double rosenbrock(double[] x) {
    double sum = 0.0;
    for (int i = 0; i + 1 < x.length; i += 2) {
      double valley = x[i + 1] - x[i] * x[i];
      double offset = 1.0 - x[i];
      sum += 100.0 * valley * valley + offset * offset;
    }
    return sum;
  }

  /** The mean logistic loss of weights {@code w} (bias first), written so that it never overflows. */
  @Differentiable
  static double logisticLoss(double[] w, @NoDerivative double[][] features, @NoDerivative double[] labels) {
    double total = 0.0;
    for (int i = 0; i < labels.length; i++) {
      double score = w[0];
      for (int j = 0; j < features[i].length; j++) {
        score += w[j + 1] * features[i][j];
      }
      double margin = labels[i] > 0.5 ? -score : score;
      total += Math.max(margin, 0.0) + Math.log1p(Math.exp(-Math.abs(margin)));
    }
    return total / labels.length;
  }

  /** The standard start of the extended Rosenbrock function: (-1.2, 1) repeated. */
  static double[] rosenbrockStart(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i % 2 == 0 ? -1.2 : 1.0;
    }
    return x;
  }

  static DifferentiableObjective rosenbrockObjective() {
    return x -> {
      TestProblemsDerivatives.RosenbrockGradient g = TestProblemsDerivatives.rosenbrockGradient(x);
      return new ValueAndGradient(g.value(), g.x());
    };
  }

  static DifferentiableObjective logisticObjective(double[][] features, double[] labels) {
    return w -> {
      TestProblemsDerivatives.LogisticLossGradient g = TestProblemsDerivatives.logisticLossGradient(w, features, labels);
      return new ValueAndGradient(g.value(), g.w());
    };
  }

  /** Two overlapping Gaussian classes in {@code d} dimensions, so that the loss has a finite minimum. */
  static double[][] features(int points, int d, long seed) {
    java.util.Random random = new java.util.Random(seed);
    double[][] x = new double[points][d];
    for (int i = 0; i < points; i++) {
      double centre = i % 2 == 0 ? 0.5 : -0.5;
      for (int j = 0; j < d; j++) {
        x[i][j] = centre * (j + 1) / d + random.nextGaussian();
      }
    }
    return x;
  }

  static double[] labels(int points) {
    double[] y = new double[points];
    for (int i = 0; i < points; i++) {
      y[i] = i % 2 == 0 ? 1.0 : 0.0;
    }
    return y;
  }
}
