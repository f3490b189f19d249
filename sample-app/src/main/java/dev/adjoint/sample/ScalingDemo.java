package dev.adjoint.sample;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The {@code scaling} command, the backpropagation lesson as a measurement: the full gradient of
 * f: R^n -> R costs n forward-mode passes (one per input direction) but one reverse-mode pass,
 * so the ratio of the two grows about linearly with n.
 */
final class ScalingDemo {
    static final int[] SIZES = {10, 100, 1_000, 10_000, 100_000};
    /** Up to this n every forward column is timed; above it, a sample of columns. */
    static final int ALL_COLUMNS_UP_TO = 1_000;
    static final int SAMPLED_COLUMNS = 100;
    static final long WARM_UP_NANOS = 150_000_000L;
    static final long BUDGET_NANOS = 300_000_000L;

    private ScalingDemo() {
    }

    static void run(PrintStream out) {
        out.println("Full gradient of f(x) = sum_i sin(x[i]) * x[i+1], f: R^n -> R");
        out.println("  forward mode: n passes of valueTangent, one per unit direction e_j");
        out.println("  reverse mode: one pass of valueGradient gives all n partial derivatives");
        out.println();
        out.printf(Locale.ROOT, "%9s  %14s  %14s  %12s  %12s  %s%n",
                "n", "reverse (1x)", "forward (n x)", "fwd / rev", "factor / n", "forward timed on");
        for (int n : SIZES) {
            Row row = measure(n);
            out.printf(Locale.ROOT, "%9d  %14s  %14s  %12.1f  %12.3f  %s%n", n, duration(row.reverseNanos),
                    duration(row.forwardNanos), row.factor(), row.factor() / n,
                    row.columnsTimed == n ? "all " + n + " columns"
                            : row.columnsTimed + " columns, extrapolated x" + (n / row.columnsTimed));
        }
        out.println();
        out.println("Both modes agree: on every timed column, the forward tangent equals the reverse");
        out.println("gradient's entry to rounding. Timings are in-process means after warm-up; expect");
        out.println("noise of tens of percent, not the trend.");
    }

    /** The time of one full gradient each way, and how many forward columns were really timed. */
    record Row(double reverseNanos, double forwardNanos, int columnsTimed) {
        double factor() {
            return forwardNanos / reverseNanos;
        }
    }

    static Row measure(int n) {
        double[] x = ChainedSines.point(n);
        Stopwatch.Task reverse = () -> ChainedSinesDerivatives.valueGradient(x).x()[n - 1];
        Stopwatch.warmUp(reverse, WARM_UP_NANOS);
        double reverseNanos = Stopwatch.nanosPerRun(reverse, 3, BUDGET_NANOS);

        int[] columns = columns(n);
        double[] gradient = ChainedSinesDerivatives.valueGradient(x).x();
        checkAgreement(x, columns, gradient);
        double[] direction = new double[n];
        Stopwatch.Task forward = () -> forwardColumns(x, direction, columns);
        Stopwatch.warmUp(forward, WARM_UP_NANOS);
        double sampleNanos = Stopwatch.nanosPerRun(forward, 1, BUDGET_NANOS);
        return new Row(reverseNanos, sampleNanos * n / columns.length, columns.length);
    }

    /** Every column for small n; otherwise evenly spread ones, so no region is favoured. */
    static int[] columns(int n) {
        int count = n <= ALL_COLUMNS_UP_TO ? n : SAMPLED_COLUMNS;
        int[] columns = new int[count];
        for (int k = 0; k < count; k++) {
            columns[k] = (int) ((long) k * n / count);
        }
        return columns;
    }

    /** One forward pass per column along the unit vector e_j; returns their sum for the sink. */
    private static double forwardColumns(double[] x, double[] direction, int[] columns) {
        double sum = 0.0;
        for (int j : columns) {
            direction[j] = 1.0;
            sum += ChainedSinesDerivatives.valueTangent(x, direction).tangent();
            direction[j] = 0.0;
        }
        return sum;
    }

    /** A wrong derivative would make the timing meaningless, so the two modes are compared first. */
    private static void checkAgreement(double[] x, int[] columns, double[] gradient) {
        double[] direction = new double[x.length];
        for (int j : columns) {
            direction[j] = 1.0;
            double tangent = ChainedSinesDerivatives.valueTangent(x, direction).tangent();
            direction[j] = 0.0;
            if (Math.abs(tangent - gradient[j]) > 1e-12 * Math.max(1.0, Math.abs(gradient[j]))) {
                throw new IllegalStateException("forward and reverse mode disagree at column " + j
                        + ": " + tangent + " vs " + gradient[j]);
            }
        }
    }

    /** Nanoseconds as a short human-readable duration. */
    static String duration(double nanos) {
        if (nanos < 1e3) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1e6) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1e9) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
