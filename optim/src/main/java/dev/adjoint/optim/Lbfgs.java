package dev.adjoint.optim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS: a quasi-Newton minimiser that keeps the last {@code m} steps and gradient
 * changes and applies the inverse-Hessian approximation they define by the two-loop recursion
 * (Nocedal and Wright, Algorithm 7.4), with steps from a {@link StrongWolfeLineSearch}.
 *
 * <pre>{@code
 * OptimizationResult r = new Lbfgs().gradientTolerance(1e-8).minimize(objective, start);
 * }</pre>
 *
 * <p>Settings are immutable: each setter returns a new {@code Lbfgs}. It stops at the first of: the
 * gradient's norm at or below the gradient tolerance, a relative change of the value at or below the
 * value tolerance (off by default), the iteration or evaluation limit, or a failed line search
 * (tried again along the steepest descent before giving up).
 */
public final class Lbfgs {
  private final int memory;
  private final double gradientTolerance;
  private final double valueTolerance;
  private final int maxIterations;
  private final int maxEvaluations;
  private final StrongWolfeLineSearch lineSearch;

  /** Memory 10, gradient tolerance 1e-6, no value tolerance, 10,000 iterations, 100,000 evaluations, c1 = 1e-4, c2 = 0.9. */
  public Lbfgs() {
    this(10, 1e-6, 0.0, 10_000, 100_000, new StrongWolfeLineSearch(1e-4, 0.9, 40));
  }

  private Lbfgs(int memory, double gradientTolerance, double valueTolerance, int maxIterations,
      int maxEvaluations, StrongWolfeLineSearch lineSearch) {
    this.memory = memory;
    this.gradientTolerance = gradientTolerance;
    this.valueTolerance = valueTolerance;
    this.maxIterations = maxIterations;
    this.maxEvaluations = maxEvaluations;
    this.lineSearch = lineSearch;
  }

  /**
   * @param m how many step pairs to keep, at least 1
   * @return the new settings
   */
  public Lbfgs memory(int m) {
    Checks.require(m >= 1, "memory must be at least 1, got " + m);
    return new Lbfgs(m, gradientTolerance, valueTolerance, maxIterations, maxEvaluations, lineSearch);
  }

  /**
   * @param tolerance stop when the gradient's Euclidean norm is at most this
   * @return the new settings
   */
  public Lbfgs gradientTolerance(double tolerance) {
    Checks.require(tolerance >= 0, "gradient tolerance must not be negative, got " + tolerance);
    return new Lbfgs(memory, tolerance, valueTolerance, maxIterations, maxEvaluations, lineSearch);
  }

  /**
   * @param tolerance stop when |f_old - f_new| &lt;= tolerance * max(|f_old|, |f_new|, 1); 0 turns it off
   * @return the new settings
   */
  public Lbfgs valueTolerance(double tolerance) {
    Checks.require(tolerance >= 0, "value tolerance must not be negative, got " + tolerance);
    return new Lbfgs(memory, gradientTolerance, tolerance, maxIterations, maxEvaluations, lineSearch);
  }

  /**
   * @param limit the most iterations
   * @return the new settings
   */
  public Lbfgs maxIterations(int limit) {
    Checks.require(limit >= 0, "iteration limit must not be negative, got " + limit);
    return new Lbfgs(memory, gradientTolerance, valueTolerance, limit, maxEvaluations, lineSearch);
  }

  /**
   * @param limit the most objective evaluations, the starting point's included
   * @return the new settings
   */
  public Lbfgs maxEvaluations(int limit) {
    Checks.require(limit >= 1, "evaluation limit must be positive, got " + limit);
    return new Lbfgs(memory, gradientTolerance, valueTolerance, maxIterations, limit, lineSearch);
  }

  /**
   * @param search the line search to use
   * @return the new settings
   */
  public Lbfgs lineSearch(StrongWolfeLineSearch search) {
    return new Lbfgs(memory, gradientTolerance, valueTolerance, maxIterations, maxEvaluations,
        java.util.Objects.requireNonNull(search, "search"));
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
   * @return the result
   */
  public OptimizationResult minimize(DifferentiableObjective objective, double[] start, ProgressListener listener) {
    CountingObjective f = new CountingObjective(objective, maxEvaluations);
    double[] x = start.clone();
    ValueAndGradient here = f.evaluate(x);
    if (!Double.isFinite(here.value()) || !Vectors.allFinite(here.gradient())) {
      return OptimizationResult.at(x, here, 0, f.evaluations(), StopReason.NOT_FINITE);
    }
    Deque<double[][]> pairs = new ArrayDeque<>(); // newest first; each is {s, y, {1 / (y . s)}}
    int iteration = 0;
    try {
      while (true) {
        double gradientNorm = Vectors.norm(here.gradient());
        if (gradientNorm <= gradientTolerance) {
          return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.GRADIENT_TOLERANCE);
        }
        if (iteration >= maxIterations) {
          return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.MAX_ITERATIONS);
        }
        double[] direction = direction(here.gradient(), pairs);
        if (!(Vectors.dot(direction, here.gradient()) < 0)) {
          pairs.clear(); // rounding spoilt the approximation: start it again from steepest descent
          direction = direction(here.gradient(), pairs);
        }
        // Without curvature information the first step is scaled to move about one unit.
        double firstStep = pairs.isEmpty() ? Math.min(1.0, 1.0 / gradientNorm) : 1.0;
        StrongWolfeLineSearch.Step step = lineSearch.search(f, x, here, direction, firstStep);
        if (step == null && !pairs.isEmpty()) {
          pairs.clear();
          direction = direction(here.gradient(), pairs);
          step = lineSearch.search(f, x, here, direction, Math.min(1.0, 1.0 / gradientNorm));
        }
        if (step == null) {
          return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.LINE_SEARCH_FAILED);
        }
        remember(pairs, Vectors.minus(step.point(), x), Vectors.minus(step.evaluation().gradient(), here.gradient()));
        double oldValue = here.value();
        x = step.point();
        here = step.evaluation();
        iteration++;
        listener.onIteration(new Progress(iteration, f.evaluations(), here.value(),
            Vectors.norm(here.gradient()), x.clone(), here.gradient().clone()));
        double change = Math.abs(oldValue - here.value());
        if (valueTolerance > 0 && change <= valueTolerance * Math.max(1.0, Math.max(Math.abs(oldValue), Math.abs(here.value())))) {
          return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.VALUE_TOLERANCE);
        }
      }
    } catch (CountingObjective.BudgetSpent spent) {
      return OptimizationResult.at(x, here, iteration, f.evaluations(), StopReason.MAX_EVALUATIONS);
    }
  }

  /** Keeps the pair when its curvature is positive, as the strong Wolfe conditions guarantee up to rounding. */
  private void remember(Deque<double[][]> pairs, double[] s, double[] y) {
    double ys = Vectors.dot(y, s);
    if (!(ys > 0)) {
      return;
    }
    pairs.addFirst(new double[][] {s, y, {1.0 / ys}});
    if (pairs.size() > memory) {
      pairs.removeLast();
    }
  }

  /** -H g by the two-loop recursion, with H0 = (s . y / y . y) I from the newest pair. */
  private static double[] direction(double[] gradient, Deque<double[][]> pairs) {
    double[] q = gradient.clone();
    double[] alpha = new double[pairs.size()];
    int k = 0;
    for (double[][] pair : pairs) { // newest to oldest
      alpha[k] = pair[2][0] * Vectors.dot(pair[0], q);
      for (int i = 0; i < q.length; i++) {
        q[i] -= alpha[k] * pair[1][i];
      }
      k++;
    }
    if (!pairs.isEmpty()) {
      double[][] newest = pairs.peekFirst();
      double gamma = 1.0 / (newest[2][0] * Vectors.dot(newest[1], newest[1]));
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    Iterator<double[][]> oldestFirst = pairs.descendingIterator();
    while (oldestFirst.hasNext()) {
      double[][] pair = oldestFirst.next();
      k--;
      double beta = pair[2][0] * Vectors.dot(pair[1], q);
      for (int i = 0; i < q.length; i++) {
        q[i] += (alpha[k] - beta) * pair[0][i];
      }
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = -q[i];
    }
    return q;
  }
}
