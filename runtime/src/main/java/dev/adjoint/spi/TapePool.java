package dev.adjoint.spi;

/**
 * Each thread's spare tapes. Reusing a tape reuses its grown arrays, so a gradient computed in a
 * loop allocates no tape memory after the first call. A tape in use is not in the pool, so nested
 * opens (a gradient whose code calls another gradient) get distinct tapes.
 */
final class TapePool {
  /** Enough for deep nesting; beyond it tapes are left to the garbage collector. */
  private static final int MAX_SPARE = 8;
  private static final ThreadLocal<TapePool> POOLS = ThreadLocal.withInitial(TapePool::new);

  private final Tape[] spare = new Tape[MAX_SPARE];
  private int count;

  private TapePool() {}

  /** A spare tape of this thread, or a new one. */
  static Tape take() {
    TapePool pool = POOLS.get();
    if (pool.count == 0) {
      return Tape.create();
    }
    Tape tape = pool.spare[--pool.count];
    pool.spare[pool.count] = null;
    return tape;
  }

  /** Keeps an empty tape for this thread (the thread that closes it, whichever opened it). */
  static void give(Tape tape) {
    TapePool pool = POOLS.get();
    if (pool.count < MAX_SPARE) {
      pool.spare[pool.count++] = tape;
    }
  }
}
