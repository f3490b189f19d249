package dev.adjoint.sample.bench;

import java.util.function.DoubleSupplier;

/**
 * Times one benchmark cell in process.
 *
 * <p>The task first runs for a fixed warm-up period so the JIT has compiled it; then one probe
 * call sizes the batches so that each lasts at least {@code batchNanos} (System.nanoTime is then
 * far finer than the measurement); then several batches are timed and the best per-call time is
 * kept, because on a shared machine interference only ever adds time. Cells whose single call
 * is slow (Hipparchus and finite differences on large problems) get fewer batches, bounded by
 * {@code timedBudgetNanos}; a probe that is itself as long as a batch counts as one. Every
 * result goes into a sink, so the JIT cannot drop the work.
 */
final class CellTimer {
    /**
     * How long to warm up and measure; {@code memoryNanos} is the {@link AllocationMeter}'s budget
     * (warm-up, then as long again counting).
     */
    record Settings(long warmupNanos, long batchNanos, int batches, long timedBudgetNanos,
                    long memoryNanos) {
    }

    /** Full run: >= 2 s warm-up, up to 5 batches of >= 150 ms. */
    static final Settings FULL = new Settings(2_000_000_000L, 150_000_000L, 5, 4_000_000_000L,
            300_000_000L);
    /** Smoke run: just enough to exercise every path. */
    static final Settings QUICK = new Settings(10_000_000L, 2_000_000L, 2, 50_000_000L, 2_000_000L);

    private final Settings settings;
    private double sink;

    CellTimer(Settings settings) {
        this.settings = settings;
    }

    /** Best time per call of {@code task}, in seconds. */
    double secondsPerCall(DoubleSupplier task) {
        // Start every cell from a collected heap, so that garbage left by an allocation-heavy
        // cell (Hipparchus) is not collected on the next cell's time.
        System.gc();
        long warmupStart = System.nanoTime();
        do {
            sink += task.getAsDouble();
        } while (System.nanoTime() - warmupStart < settings.warmupNanos());

        long single = probe(task);
        long reps = reps(single);
        boolean probeIsBatch = reps == 1;
        double best = probeIsBatch ? single : Double.POSITIVE_INFINITY;
        long affordable = settings.timedBudgetNanos() / (reps * single);
        long batches = Math.max(1, Math.min(settings.batches(), affordable));
        if (probeIsBatch) {
            batches--;
        }
        for (long b = 0; b < batches; b++) {
            best = Math.min(best, batch(task, reps));
        }
        return best * 1e-9;
    }

    /**
     * Best time per call of each of {@code tasks}, in seconds, timing one batch of each in turn
     * (a b a b ...) so that a change in the machine's load while they run affects them alike,
     * after warming them up in turn for the usual warm-up time. Twice the usual batches.
     */
    double[] secondsPerCallInTurn(DoubleSupplier... tasks) {
        System.gc();
        long[] reps = new long[tasks.length];
        double[] best = new double[tasks.length];
        // Warm every task up in turn first: compiled code is what is compared, not the interpreter.
        long warmupStart = System.nanoTime();
        do {
            for (DoubleSupplier task : tasks) {
                sink += task.getAsDouble();
            }
        } while (System.nanoTime() - warmupStart < settings.warmupNanos());
        for (int i = 0; i < tasks.length; i++) {
            reps[i] = reps(probe(tasks[i]));
            best[i] = Double.POSITIVE_INFINITY;
        }
        for (int b = 0; b < 2 * settings.batches(); b++) {
            for (int i = 0; i < tasks.length; i++) {
                best[i] = Math.min(best[i], batch(tasks[i], reps[i]));
            }
        }
        for (int i = 0; i < tasks.length; i++) {
            best[i] *= 1e-9;
        }
        return best;
    }

    /** Nanoseconds of one call. */
    private long probe(DoubleSupplier task) {
        long start = System.nanoTime();
        sink += task.getAsDouble();
        return Math.max(1, System.nanoTime() - start);
    }

    /** Calls per batch, for a batch of at least {@code batchNanos}. */
    private long reps(long singleNanos) {
        return Math.max(1, (settings.batchNanos() + singleNanos - 1) / singleNanos);
    }

    /** Nanoseconds per call over one batch of {@code reps} calls. */
    private double batch(DoubleSupplier task, long reps) {
        long start = System.nanoTime();
        for (long r = 0; r < reps; r++) {
            sink += task.getAsDouble();
        }
        return (double) (System.nanoTime() - start) / reps;
    }

    /** The accumulated results; printing it (once) keeps them alive to the end. */
    double sink() {
        return sink;
    }
}
