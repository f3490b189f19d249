package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The meter counts what a task allocates per call (no timing is checked). */
class AllocationMeterTest {
    /** Where each call's array goes, so that it escapes and must be allocated. */
    private static long[] kept;

    @Test
    void countsTheArrayEachCallAllocates() {
        double bytes = new AllocationMeter(20_000_000L).bytesPerCall(() -> {
            kept = new long[100];
            return kept.length;
        });
        // 800 bytes of elements plus the array header, and next to nothing else.
        assertTrue(bytes >= 800 && bytes < 900, "bytes per call: " + bytes);
    }
}
