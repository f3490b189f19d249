package dev.adjoint.optim;

/**
 * A line search that returns a step satisfying the strong Wolfe conditions, by the bracketing and
 * zoom algorithm of Nocedal and Wright, <i>Numerical Optimization</i> (2nd ed.), Algorithms 3.5 and
 * 3.6, with cubic interpolation safeguarded towards the middle of the bracket.
 *
 * <p>Along the direction {@code d} from {@code x}, with {@code phi(a) = f(x + a d)}, a step
 * {@code a} is accepted when
 * <ul>
 *   <li>{@code phi(a) <= phi(0) + c1 a phi'(0)} (sufficient decrease), and
 *   <li>{@code |phi'(a)| <= c2 |phi'(0)|} (strong curvature),
 * </ul>
 * with {@code 0 < c1 < c2 < 1}. The curvature condition is what keeps L-BFGS's updates positive
 * definite ({@code s . y > 0}).
 */
public final class StrongWolfeLineSearch {
  /** The step, and what the objective returned there. */
  record Step(double step, double[] point, ValueAndGradient evaluation, double slope) {}

  /** Bisection replaces the cubic's minimiser when that lies within this fraction of an end. */
  private static final double SAFEGUARD = 0.1;
  /** Each expansion multiplies the step by this much. */
  private static final double EXPANSION = 4.0;

  private final double c1;
  private final double c2;
  private final int maxEvaluations;

  /**
   * @param c1 the sufficient-decrease constant, in (0, c2); 1e-4 is usual
   * @param c2 the curvature constant, in (c1, 1); 0.9 suits quasi-Newton methods
   * @param maxEvaluations evaluations one search may spend before it gives up
   */
  public StrongWolfeLineSearch(double c1, double c2, int maxEvaluations) {
    if (!(0 < c1 && c1 < c2 && c2 < 1)) {
      throw new IllegalArgumentException("need 0 < c1 < c2 < 1, got c1 = " + c1 + ", c2 = " + c2);
    }
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException("maxEvaluations must be positive, got " + maxEvaluations);
    }
    this.c1 = c1;
    this.c2 = c2;
    this.maxEvaluations = maxEvaluations;
  }

  /** @return the sufficient-decrease constant c1 */
  public double c1() {
    return c1;
  }

  /** @return the curvature constant c2 */
  public double c2() {
    return c2;
  }

  /**
   * Searches along a descent direction.
   *
   * @param f the objective (evaluations are counted by the caller)
   * @param x the start
   * @param start f at x
   * @param direction a descent direction: gradient . direction &lt; 0
   * @param firstStep the first step tried (1 for a quasi-Newton direction)
   * @return the accepted step, or null when none was found within the evaluation limit
   */
  Step search(CountingObjective f, double[] x, ValueAndGradient start, double[] direction, double firstStep) {
    double value0 = start.value();
    double slope0 = Vectors.dot(start.gradient(), direction);
    if (!(slope0 < 0)) {
      throw new IllegalArgumentException("not a descent direction: slope " + slope0);
    }
    Step previous = new Step(0.0, x, start, slope0);
    double step = firstStep;
    for (int i = 0; i < maxEvaluations; i++) {
      Step trial = evaluate(f, x, direction, step);
      if (!sufficientDecrease(trial, value0, slope0) || (i > 0 && trial.evaluation().value() >= previous.evaluation().value())) {
        return zoom(f, x, direction, value0, slope0, previous, trial, maxEvaluations - i - 1);
      }
      if (Math.abs(trial.slope()) <= -c2 * slope0) {
        return trial;
      }
      if (trial.slope() >= 0) {
        return zoom(f, x, direction, value0, slope0, trial, previous, maxEvaluations - i - 1);
      }
      previous = trial;
      step *= EXPANSION;
    }
    return null;
  }

  /**
   * Narrows a bracket that holds acceptable steps. {@code low} is the end with the lower value
   * that satisfies sufficient decrease; its slope points towards {@code high}.
   */
  private Step zoom(CountingObjective f, double[] x, double[] direction, double value0, double slope0,
      Step low, Step high, int budget) {
    for (int i = 0; i < budget; i++) {
      double step = interpolate(low, high);
      if (step == low.step() || step == high.step()) {
        return null; // the bracket is narrower than rounding: nothing left to try
      }
      Step trial = evaluate(f, x, direction, step);
      if (!sufficientDecrease(trial, value0, slope0) || trial.evaluation().value() >= low.evaluation().value()) {
        high = trial;
      } else {
        if (Math.abs(trial.slope()) <= -c2 * slope0) {
          return trial;
        }
        if (trial.slope() * (high.step() - low.step()) >= 0) {
          high = low;
        }
        low = trial;
      }
    }
    return null;
  }

  private boolean sufficientDecrease(Step trial, double value0, double slope0) {
    // Written so that NaN fails it: a step into NaN territory is treated as too long.
    return trial.evaluation().value() <= value0 + c1 * trial.step() * slope0 && Double.isFinite(trial.slope());
  }

  private static Step evaluate(CountingObjective f, double[] x, double[] direction, double step) {
    double[] point = Vectors.along(x, step, direction);
    ValueAndGradient at = f.evaluate(point);
    return new Step(step, point, at, Vectors.dot(at.gradient(), direction));
  }

  /**
   * The minimiser of the cubic through both ends' values and slopes (Nocedal and Wright, eq. 3.59),
   * moved to the bisection point when it is not finite or lies too near an end. An end whose value
   * is not finite gets bisection.
   */
  static double interpolate(Step a, Step b) {
    double lo = Math.min(a.step(), b.step());
    double hi = Math.max(a.step(), b.step());
    double middle = 0.5 * (lo + hi);
    double fa = a.evaluation().value();
    double fb = b.evaluation().value();
    if (!Double.isFinite(fa) || !Double.isFinite(fb) || !Double.isFinite(a.slope()) || !Double.isFinite(b.slope())) {
      return middle;
    }
    double d1 = a.slope() + b.slope() - 3 * (fa - fb) / (a.step() - b.step());
    double discriminant = d1 * d1 - a.slope() * b.slope();
    if (!(discriminant >= 0)) {
      return middle;
    }
    double d2 = Math.signum(b.step() - a.step()) * Math.sqrt(discriminant);
    double minimiser = b.step() - (b.step() - a.step()) * (b.slope() + d2 - d1) / (b.slope() - a.slope() + 2 * d2);
    double margin = SAFEGUARD * (hi - lo);
    if (!Double.isFinite(minimiser) || minimiser < lo + margin || minimiser > hi - margin) {
      return middle;
    }
    return minimiser;
  }
}
