package dev.adjoint.spi;

/**
 * Each thread's spare tapes. Reusing a tape reuses its blocks, so a gradient computed in a loop
 * allocates no tape memory after the first call, up to a budget: the closed tapes of a thread keep
 * at most {@link #SPARE_BYTES} of blocks together, each its lowest ones, and the rest is left to
 * the garbage collector. A tape in use is not in the pool, so nested opens (a gradient whose code
 * calls another gradient) get distinct tapes.
 */
final class TapePool {
  /** Enough for deep nesting; beyond it tapes are left to the garbage collector. */
  private static final int MAX_SPARE = 8;
  /** From {@code adjoint.tape.spareBytes}; 32 MiB when not set. */
  static final long SPARE_BYTES = Tape.byteSize("adjoint.tape.spareBytes", 32L << 20);
  private static final ThreadLocal<TapePool> POOLS = ThreadLocal.withInitial(TapePool::new);

  /** The budget for blocks in spare tapes; package-private for tests. */
  static long spareLimit = SPARE_BYTES;

  private final Tape[] spare = new Tape[MAX_SPARE];
  private int count;
  /** Bytes of the blocks the spare tapes keep. */
  private long keptBytes;
  private long lastPeakBytes;

  private TapePool() {}

  /** A spare tape of this thread, or a new one. */
  static Tape take() {
    TapePool pool = POOLS.get();
    if (pool.count == 0) {
      return Tape.create();
    }
    Tape tape = pool.spare[--pool.count];
    pool.spare[pool.count] = null;
    pool.keptBytes -= tape.keptBytes();
    return tape;
  }

  /**
   * Keeps an empty, closed tape for this thread (the thread that closes it, whichever opened it),
   * with as many of its blocks as the budget leaves room for.
   */
  static void give(Tape tape) {
    TapePool pool = POOLS.get();
    pool.lastPeakBytes = tape.peakBytes();
    if (pool.count < MAX_SPARE) {
      tape.trim(Math.max(0, spareLimit - pool.keptBytes));
      pool.keptBytes += tape.keptBytes();
      pool.spare[pool.count++] = tape;
    }
  }

  /** Forgets this thread's spare tapes; for tests that need a known pool. */
  static void dropSpares() {
    TapePool pool = POOLS.get();
    java.util.Arrays.fill(pool.spare, null);
    pool.count = 0;
    pool.keptBytes = 0;
  }

  /** @return the peak bytes of the tape this thread closed last, 0 when none */
  static long lastPeakBytes() {
    return POOLS.get().lastPeakBytes;
  }
}
