package dev.adjoint.sample.bench;

import java.lang.management.ManagementFactory;
import java.util.function.DoubleSupplier;

/**
 * Bytes the current thread allocates per call of a task, from the JVM's per-thread allocation
 * counter ({@link com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes()}): the task
 * runs unmeasured for a while so that the JIT has compiled it (escape analysis changes what is
 * allocated), then the counter is read around as many calls as fit in the budget.
 */
final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long budgetNanos;
    private double sink;

    /** @param budgetNanos how long to warm up, and then how long to count */
    AllocationMeter(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean beans
                && beans.isThreadAllocatedMemorySupported()) {
            beans.setThreadAllocatedMemoryEnabled(true);
            return beans;
        }
        return null;
    }

    /** Average bytes allocated per call of {@code task}, or NaN when this JVM cannot count them. */
    double bytesPerCall(DoubleSupplier task) {
        if (THREADS == null) {
            return Double.NaN;
        }
        run(task);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        long calls = run(task);
        long after = THREADS.getCurrentThreadAllocatedBytes();
        return (double) (after - before) / calls;
    }

    private long run(DoubleSupplier task) {
        long calls = 0;
        long start = System.nanoTime();
        do {
            sink += task.getAsDouble();
            calls++;
        } while (System.nanoTime() - start < budgetNanos);
        return calls;
    }

    /** The accumulated results; printing it keeps them alive. */
    double sink() {
        return sink;
    }
}
