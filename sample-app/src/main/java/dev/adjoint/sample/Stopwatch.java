package dev.adjoint.sample;

/**
 * A small in-process timer: runs a task repeatedly until a time budget is spent and reports the
 * mean time per run. Results go into a sink that the JIT cannot prove unused, so the work is not
 * optimised away. Good for factors of 10 and more, which is all the scaling lesson needs; the
 * {@code bench} command is the careful harness.
 */
final class Stopwatch {
    /** Every result is added here; reading it at the end keeps the computations alive. */
    private static volatile double sink;

    private Stopwatch() {
    }

    /** A task that returns some number derived from its result. */
    interface Task {
        double run();
    }

    /** Mean nanoseconds per run, over at least {@code minRuns} runs and {@code budgetNanos}. */
    static double nanosPerRun(Task task, int minRuns, long budgetNanos) {
        double local = 0.0;
        int runs = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            local += task.run();
            runs++;
            elapsed = System.nanoTime() - start;
        } while (runs < minRuns || elapsed < budgetNanos);
        sink += local;
        return (double) elapsed / runs;
    }

    /** Runs the task for a while so that the JIT compiles it before it is measured. */
    static void warmUp(Task task, long budgetNanos) {
        nanosPerRun(task, 1, budgetNanos);
    }
}
