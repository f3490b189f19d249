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

        long probeStart = System.nanoTime();
        sink += task.getAsDouble();
        long single = Math.max(1, System.nanoTime() - probeStart);

        long reps = Math.max(1, (settings.batchNanos() + single - 1) / single);
        boolean probeIsBatch = reps == 1;
        double best = probeIsBatch ? single : Double.POSITIVE_INFINITY;
        long affordable = settings.timedBudgetNanos() / (reps * single);
        long batches = Math.max(1, Math.min(settings.batches(), affordable));
        if (probeIsBatch) {
            batches--;
        }
        for (long b = 0; b < batches; b++) {
            long start = System.nanoTime();
            for (long r = 0; r < reps; r++) {
                sink += task.getAsDouble();
            }
            best = Math.min(best, (double) (System.nanoTime() - start) / reps);
        }
        return best * 1e-9;
    }

    /** The accumulated results; printing it (once) keeps them alive to the end. */
    double sink() {
        return sink;
    }
}
