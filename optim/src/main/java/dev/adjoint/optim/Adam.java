package dev.adjoint.optim;

/**
 * Adam (Kingma and Ba, 2015): gradient steps scaled, per parameter, by running averages of the
 * gradient and of its square, with the bias of their zero start corrected. Robust and cheap per
 * step (one gradient, no line search); the usual choice for noisy or mini-batch gradients. On a
 * smooth deterministic problem L-BFGS needs far fewer evaluations.
 *
 * <pre>{@code
 * OptimizationResult r = new Adam().learningRate(0.05).maxIterations(2000).minimize(objective, start);
 * }</pre>
 *
 * <p>The objective is evaluated once per iteration, so an objective that draws a new mini-batch on
 * every call gives stochastic Adam. Settings are immutable: each setter returns a new {@code Adam}.
 */
public final class Adam {
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double gradientTolerance;
  private final int maxIterations;

  /** Learning rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, gradient tolerance 1e-6, 10,000 iterations. */
  public Adam() {
    this(1e-3, 0.9, 0.999, 1e-8, 1e-6, 10_000);
  }

  private Adam(double learningRate, double beta1, double beta2, double epsilon, double gradientTolerance, int maxIterations) {
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.gradientTolerance = gradientTolerance;
    this.maxIterations = maxIterations;
  }

  /**
   * @param rate the step size, positive
   * @return the new settings
   */
  public Adam learningRate(double rate) {
    Checks.require(rate > 0, "learning rate must be positive, got " + rate);
    return new Adam(rate, beta1, beta2, epsilon, gradientTolerance, maxIterations);
  }

  /**
   * @param first decay of the gradient's average, in [0, 1)
   * @param second decay of the squared gradient's average, in [0, 1)
   * @return the new settings
   */
  public Adam betas(double first, double second) {
    Checks.require(first >= 0 && first < 1 && second >= 0 && second < 1, "betas must lie in [0, 1), got " + first + ", " + second);
    return new Adam(learningRate, first, second, epsilon, gradientTolerance, maxIterations);
  }

  /**
   * @param value added to the root of the squared average, positive
   * @return the new settings
   */
  public Adam epsilon(double value) {
    Checks.require(value > 0, "epsilon must be positive, got " + value);
    return new Adam(learningRate, beta1, beta2, value, gradientTolerance, maxIterations);
  }

  /**
   * @param tolerance stop when the gradient's Euclidean norm is at most this
   * @return the new settings
   */
  public Adam gradientTolerance(double tolerance) {
    Checks.require(tolerance >= 0, "gradient tolerance must not be negative, got " + tolerance);
    return new Adam(learningRate, beta1, beta2, epsilon, tolerance, maxIterations);
  }

  /**
   * @param limit the most iterations
   * @return the new settings
   */
  public Adam maxIterations(int limit) {
    Checks.require(limit >= 0, "iteration limit must not be negative, got " + limit);
    return new Adam(learningRate, beta1, beta2, epsilon, gradientTolerance, limit);
  }

  /**
   * Minimises without reporting progress.
   *
   * @param objective value and gradient
   * @param start the starting parameters (not changed)
   * @return the result
   */
  public OptimizationResult minimize(DifferentiableObjective objective, double[] start) {
    return minimize(objective, start, ProgressListener.NONE);
  }

  /**
   * Minimises, calling the listener after every iteration.
   *
   * @param objective value and gradient
   * @param start the starting parameters (not changed)
   * @param listener called after each iteration
   * @return the result, at the last point evaluated
   */
  public OptimizationResult minimize(DifferentiableObjective objective, double[] start, ProgressListener listener) {
    CountingObjective f = new CountingObjective(objective, Integer.MAX_VALUE);
    double[] x = start.clone();
    double[] mean = new double[x.length];
    double[] meanSquare = new double[x.length];
    double firstCorrection = 1.0;
    double secondCorrection = 1.0;
    ValueAndGradient here = f.evaluate(x);
    for (int iteration = 0; ; iteration++) {
      if (!Double.isFinite(here.value()) || !Vectors.allFinite(here.gradient())) {
        return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.NOT_FINITE);
      }
      if (Vectors.norm(here.gradient()) <= gradientTolerance) {
        return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.GRADIENT_TOLERANCE);
      }
      if (iteration >= maxIterations) {
        return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.MAX_ITERATIONS);
      }
      firstCorrection *= beta1;
      secondCorrection *= beta2;
      double[] g = here.gradient();
      for (int i = 0; i < x.length; i++) {
        mean[i] = beta1 * mean[i] + (1 - beta1) * g[i];
        meanSquare[i] = beta2 * meanSquare[i] + (1 - beta2) * g[i] * g[i];
        double meanHat = mean[i] / (1 - firstCorrection);
        double meanSquareHat = meanSquare[i] / (1 - secondCorrection);
        x[i] -= learningRate * meanHat / (Math.sqrt(meanSquareHat) + epsilon);
      }
      here = f.evaluate(x);
      listener.onIteration(new Progress(iteration + 1, f.evaluations(), here.value(),
          Vectors.norm(here.gradient()), x.clone(), here.gradient().clone()));
    }
  }
}
