package dev.adjoint.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Function;

/**
 * A small limited-memory BFGS minimizer with a backtracking (Armijo) line search, enough to train
 * smooth models such as logistic regression on the driver. Each iteration costs one or a few
 * objective evaluations, that is one Spark job each with {@link DistributedGradient}.
 *
 * <p>It keeps the last {@code memory} steps and gradient changes, skips a pair whose curvature
 * {@code s.y} is not positive (so the implied Hessian stays positive definite) and stops when the
 * largest gradient component falls below {@code gradientTolerance}, when no step along the
 * search direction lowers the loss any more, or after {@code maxIterations}.
 *
 * @param memory             number of correction pairs kept (5 to 20 is usual)
 * @param maxIterations      iterations before giving up
 * @param gradientTolerance  stop when max |gradient component| is below this
 */
public record Lbfgs(int memory, int maxIterations, double gradientTolerance) {
    /** Sufficient decrease constant of the Armijo condition. */
    private static final double ARMIJO = 1e-4;
    /** Line searches halve the step at most this many times. */
    private static final int MAX_BACKTRACKS = 40;

    public Lbfgs {
        if (memory < 1 || maxIterations < 1 || !(gradientTolerance >= 0.0)) {
            throw new IllegalArgumentException("memory and maxIterations must be positive and "
                    + "gradientTolerance not negative; got " + memory + ", " + maxIterations + ", "
                    + gradientTolerance);
        }
    }

    /** Ten correction pairs, 200 iterations, gradient tolerance 1e-9. */
    public static Lbfgs defaults() {
        return new Lbfgs(10, 200, 1e-9);
    }

    /**
     * Where the minimization stopped.
     *
     * @param weights      the best point found
     * @param value        the objective there
     * @param gradient     the gradient there
     * @param iterations   iterations done
     * @param evaluations  objective evaluations done
     * @param converged    whether the gradient tolerance was reached
     */
    public record Result(double[] weights, double value, double[] gradient, int iterations,
                         int evaluations, boolean converged) {
    }

    /** Minimizes {@code objective} from {@code start}; {@code start} is not changed. */
    public Result minimize(Function<double[], ValueAndGradient> objective, double[] start) {
        Objects.requireNonNull(objective, "objective");
        double[] x = start.clone();
        ValueAndGradient current = objective.apply(x);
        int evaluations = 1;
        Deque<double[][]> pairs = new ArrayDeque<>();
        int iteration = 0;
        while (iteration < maxIterations && maxAbs(current.gradient()) > gradientTolerance) {
            iteration++;
            double[] direction = searchDirection(current.gradient(), pairs);
            double slope = dot(direction, current.gradient());
            if (slope >= 0.0) {
                // Not a descent direction (rounding): fall back to steepest descent.
                pairs.clear();
                direction = scaled(current.gradient(), -1.0);
                slope = dot(direction, current.gradient());
            }
            // Without curvature information yet, take a first step of unit length.
            double step = pairs.isEmpty() ? 1.0 / Math.sqrt(-slope) : 1.0;
            double[] next = null;
            ValueAndGradient trial = null;
            for (int backtrack = 0; backtrack <= MAX_BACKTRACKS; backtrack++) {
                next = axpy(step, direction, x);
                trial = objective.apply(next);
                evaluations++;
                if (trial.value() <= current.value() + ARMIJO * step * slope) {
                    break;
                }
                trial = null;
                step *= 0.5;
            }
            if (trial == null) {
                break; // no decrease along the direction: as close as floating point allows
            }
            double[] s = axpy(-1.0, x, next);
            double[] y = axpy(-1.0, current.gradient(), trial.gradient());
            if (dot(s, y) > 1e-12 * norm(s) * norm(y)) {
                pairs.addFirst(new double[][] {s, y});
                if (pairs.size() > memory) {
                    pairs.removeLast();
                }
            }
            x = next;
            current = trial;
        }
        return new Result(x, current.value(), current.gradient(), iteration, evaluations,
                maxAbs(current.gradient()) <= gradientTolerance);
    }

    /** The two-loop recursion: -H g with H the L-BFGS inverse Hessian estimate. */
    private static double[] searchDirection(double[] gradient, Deque<double[][]> pairs) {
        double[] q = gradient.clone();
        double[] alphas = new double[pairs.size()];
        int k = 0;
        for (double[][] pair : pairs) { // newest first
            double alpha = dot(pair[0], q) / dot(pair[1], pair[0]);
            alphas[k++] = alpha;
            subtractScaled(q, alpha, pair[1]);
        }
        if (!pairs.isEmpty()) {
            double[][] newest = pairs.peekFirst();
            double gamma = dot(newest[0], newest[1]) / dot(newest[1], newest[1]);
            q = scaled(q, gamma);
        }
        Iterator<double[][]> oldestFirst = pairs.descendingIterator();
        k = pairs.size();
        while (oldestFirst.hasNext()) {
            double[][] pair = oldestFirst.next();
            double beta = dot(pair[1], q) / dot(pair[1], pair[0]);
            subtractScaled(q, beta - alphas[--k], pair[0]);
        }
        return scaled(q, -1.0);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double maxAbs(double[] a) {
        double max = 0.0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    private static double[] scaled(double[] a, double factor) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = factor * a[i];
        }
        return out;
    }

    /** a * x + y, as a new array. */
    private static double[] axpy(double a, double[] x, double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = a * x[i] + y[i];
        }
        return out;
    }

    /** target -= factor * v, in place. */
    private static void subtractScaled(double[] target, double factor, double[] v) {
        for (int i = 0; i < target.length; i++) {
            target[i] -= factor * v[i];
        }
    }
}
