package dev.adjoint.sample.bench;

import dev.adjoint.spi.Tape;
import java.util.function.DoubleSupplier;

/**
 * The peak tape size of one reverse-mode call, read from the tapes the call itself used.
 *
 * <p>The call's own tape is {@link Tape#lastPeakBytes()} after it. Nested derivative calls (a
 * gradient whose code calls another gradient) use tapes of their own, which that does not cover:
 * generated code takes its tapes with {@link Tape#open()} from a pool kept per thread and gives
 * them back with {@link Tape#close()}; {@code open} resets a tape's peak, {@code close} does not.
 * So the probe first fills the calling thread's pool with empty tapes it holds references to, in a
 * known order, then runs the call once and reads each tape's {@link Tape#peakBytes()} afterwards:
 * the first is the call's own tape, the others those of nested calls. A nested tape reused by
 * several nested calls only shows the peak of the last of them, so {@link Peak#nested()} is that
 * and not a maximum.
 *
 * <p>Only the calling thread's pool is involved, and only tapes the pool would hand out anyway.
 */
final class TapeProbe {
    /** How many spare tapes the runtime's pool keeps per thread (TapePool.MAX_SPARE). */
    static final int POOL_SIZE = 8;

    /** Bytes of the top-level tape at its peak, and of the nested calls' tapes (see above). */
    record Peak(long topLevel, long nested) {
    }

    private TapeProbe() {
    }

    /** Runs {@code call} (one top-level reverse-mode call) once and reports its tapes' peaks. */
    static Peak of(DoubleSupplier call) {
        Tape[] tapes = new Tape[POOL_SIZE];
        for (int i = 0; i < POOL_SIZE; i++) {
            tapes[i] = Tape.open();
        }
        // Closed last, tapes[0] is the first one the pool hands out again.
        for (int i = POOL_SIZE - 1; i >= 0; i--) {
            tapes[i].close();
        }
        call.getAsDouble();
        long nested = 0;
        for (int i = 1; i < POOL_SIZE; i++) {
            nested += tapes[i].peakBytes();
        }
        // The empty tapes closed above left lastPeakBytes at 0 for a call that opens no tape.
        Peak peak = new Peak(Tape.lastPeakBytes(), nested);
        long first = tapes[0].peakBytes();
        try (Tape next = Tape.open()) {
            if (next != tapes[0] || first != peak.topLevel()) {
                throw new IllegalStateException("the tape pool no longer hands out its tapes in the"
                        + " order they were closed, so TapeProbe cannot see the nested calls' tapes");
            }
        }
        return peak;
    }
}
