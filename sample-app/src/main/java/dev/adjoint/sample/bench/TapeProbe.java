package dev.adjoint.sample.bench;

import dev.adjoint.spi.Tape;
import java.util.function.DoubleSupplier;

/**
 * The peak tape size of one reverse-mode call, read from the tapes the call itself used.
 *
 * <p>Generated code takes its tape with {@link Tape#open()} from a pool kept per thread and gives
 * it back with {@link Tape#close()}; {@code open} resets a tape's peak, {@code close} does not. So
 * the probe first fills the calling thread's pool with tapes it holds references to, in a known
 * order, then runs the call once and reads each tape's {@link Tape#peakBytes()} afterwards: the
 * first is the call's own tape, the others are the tapes of nested derivative calls (a gradient
 * whose code calls another gradient). A nested tape reused by several nested calls only shows the
 * peak of the last of them, so {@link Peak#nested()} is that and not a maximum.
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
        Peak peak = new Peak(tapes[0].peakBytes(), nested);
        try (Tape next = Tape.open()) {
            if (next != tapes[0]) {
                throw new IllegalStateException("the tape pool no longer hands back the tape a call"
                        + " closed, so TapeProbe cannot see that call's tape");
            }
        }
        return peak;
    }
}
