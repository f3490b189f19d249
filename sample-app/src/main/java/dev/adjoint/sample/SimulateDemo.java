package dev.adjoint.sample;

import dev.adjoint.TapeOutOfMemoryError;
import dev.adjoint.spi.Snapshots;
import dev.adjoint.spi.Tape;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The {@code simulate} command: the gradient of a long pendulum simulation ({@link Pendulum}) with
 * respect to its initial state and parameters, with and without {@code @Checkpointed}, with the
 * memory and time of each, and how closely the two gradients agree. One run of each, after a short
 * warm-up; the ratios are of that one run.
 */
final class SimulateDemo {
    static final int DEFAULT_STEPS = 10_000_000;
    private static final String[] NAMES = {"theta0", "omega0", "damping", "length"};

    private SimulateDemo() {
    }

    /** One gradient call: its result, or the tape error when it did not fit, and what it took. */
    record Run(double[] gradient, String failure, long nanos, long tapeBytes, long snapshotBytes, long heapBytes) {
    }

    static void run(PrintStream out, String[] options) {
        int steps = DEFAULT_STEPS;
        boolean plain = true;
        for (int i = 0; i < options.length; i++) {
            switch (options[i]) {
                case "--steps" -> {
                    if (i + 1 == options.length) {
                        throw new IllegalArgumentException("--steps needs a number of steps");
                    }
                    steps = parseSteps(options[++i]);
                }
                case "--checkpointed-only" -> plain = false;
                default -> throw new IllegalArgumentException("unknown option " + options[i]);
            }
        }
        double theta0 = 0.6;
        double omega0 = -0.2;
        double damping = 0.001;
        double length = 1.3;
        // warm-up: both gradients on short simulations, so the timed runs are compiled code
        for (int i = 0; i < 20; i++) {
            Pendulum.finalLossCheckpointed(theta0, omega0, damping, length, 20_000);
            PendulumDerivatives.finalLossGradient(theta0, omega0, damping, length, 20_000);
            PendulumDerivatives.finalLossCheckpointedGradient(theta0, omega0, damping, length, 20_000);
        }
        out.printf(Locale.ROOT, "Damped pendulum, semi-implicit Euler, %,d steps of dt = %g s (%.0f s simulated)%n",
                steps, Pendulum.DT, steps * Pendulum.DT);
        out.println("loss = theta(T)^2 + length * omega(T)^2; gradient with respect to theta0, omega0, damping, length");
        out.println();
        long start = System.nanoTime();
        double value = Pendulum.finalLoss(theta0, omega0, damping, length, steps);
        long primalNanos = System.nanoTime() - start;
        Run marked = measure(steps, true, theta0, omega0, damping, length);
        Run unmarked = plain ? measure(steps, false, theta0, omega0, damping, length) : null;

        out.printf(Locale.ROOT, "%-24s %12s %14s %14s %16s %10s%n", "", "time", "tape peak", "snapshots",
                "heap after call", "vs plain");
        out.printf(Locale.ROOT, "%-24s %12s %14s %14s %16s %10s%n", "loss alone (no gradient)", seconds(primalNanos),
                "-", "-", "-", "-");
        if (unmarked != null) {
            print(out, "gradient, plain loop", unmarked, unmarked);
        }
        print(out, "gradient, @Checkpointed", marked, unmarked);
        out.println();
        out.printf(Locale.ROOT, "loss = %.15g%n", value);
        for (int i = 0; i < NAMES.length; i++) {
            out.printf(Locale.ROOT, "d loss / d %-8s = %22.15e", NAMES[i], marked.gradient[i]);
            if (unmarked != null && unmarked.gradient != null) {
                out.printf(Locale.ROOT, "   plain: %22.15e   relative difference %.1e", unmarked.gradient[i],
                        relative(marked.gradient[i], unmarked.gradient[i]));
            }
            out.println();
        }
        if (unmarked != null && unmarked.gradient == null) {
            out.println();
            out.println("The plain gradient did not fit: " + unmarked.failure);
        }
        out.println();
        out.println("The checkpointed gradient runs the loop once without recording, then recomputes steps from");
        out.println("snapshots (revolve's schedule) and records one step at a time: its tape stays at one step.");
    }

    private static Run measure(int steps, boolean checkpointed, double theta0, double omega0, double damping,
            double length) {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long start = System.nanoTime();
        try {
            var g = checkpointed
                    ? toArray(PendulumDerivatives.finalLossCheckpointedGradient(theta0, omega0, damping, length, steps))
                    : toArray(PendulumDerivatives.finalLossGradient(theta0, omega0, damping, length, steps));
            long nanos = System.nanoTime() - start;
            long heap = rt.totalMemory() - rt.freeMemory();
            return new Run(g, null, nanos, Tape.lastPeakBytes(), checkpointed ? Snapshots.lastBytes() : 0, heap);
        } catch (TapeOutOfMemoryError e) {
            long nanos = System.nanoTime() - start;
            return new Run(null, e.getMessage(), nanos, e.bytesInUse(), 0, rt.totalMemory() - rt.freeMemory());
        }
    }

    private static double[] toArray(PendulumDerivatives.FinalLossGradient g) {
        return new double[] {g.theta0(), g.omega0(), g.damping(), g.length()};
    }

    private static double[] toArray(PendulumDerivatives.FinalLossCheckpointedGradient g) {
        return new double[] {g.theta0(), g.omega0(), g.damping(), g.length()};
    }

    private static void print(PrintStream out, String label, Run run, Run plain) {
        String ratio = plain == null || plain.gradient == null ? "-"
                : String.format(Locale.ROOT, "%.2fx", (double) run.nanos / plain.nanos);
        out.printf(Locale.ROOT, "%-24s %12s %14s %14s %16s %10s%n", label,
                run.gradient == null ? "out of memory" : seconds(run.nanos), bytes(run.tapeBytes),
                run.snapshotBytes == 0 ? "-" : bytes(run.snapshotBytes), bytes(run.heapBytes), ratio);
    }

    static int parseSteps(String text) {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--steps takes a whole number of steps, 0 or more, not " + text);
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), Double.MIN_NORMAL);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }
}
