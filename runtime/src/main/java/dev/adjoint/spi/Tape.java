package dev.adjoint.spi;

import dev.adjoint.TapeOutOfMemoryError;
import dev.adjoint.spi.TapeBlocks.Kind;
import java.lang.ref.SoftReference;
import java.util.Locale;

/**
 * The record that the forward sweep of generated reverse-mode code keeps for its reverse sweep:
 * values that a loop overwrites, branch decisions, trip counts. <b>For generated code</b>; nothing
 * here is needed to use Adjoint.
 *
 * <p>Each type has its own stack of primitives, so nothing is boxed. Values come back last in,
 * first out, and must be popped with the same type they were pushed with. Arrays are pushed by
 * reference: a caller that will change an array afterwards pushes a copy.
 *
 * <p>Use:
 * <pre>{@code
 * Tape tape = Tape.open();
 * ... forward sweep: tape.pushDouble(x); ...
 * ... reverse sweep: x = tape.popDouble(); ...
 * tape.close();
 * }</pre>
 * {@link #open()} takes a tape from a pool kept per thread and {@link #close()} gives it back, so
 * repeated calls reuse the memory the tape grew to. A tape belongs to one thread at a time.
 *
 * <p><b>Memory.</b> Each stack is a chain of blocks: the first takes 4 KiB, each next one twice
 * as much up to 256 KiB, and every later one 256 KiB. A full block is never copied: the stack goes
 * on in a new one, so the memory a tape takes is what its entries take plus, per stack, at most
 * one block not yet filled. Blocks that the reverse sweep empties stay with the tape until it is
 * closed, for the next pushes. When a tape goes back to the pool it keeps its lowest blocks, so
 * that each thread's closed tapes keep at most {@code adjoint.tape.spareBytes} of blocks together
 * (default 32 MiB). It holds the blocks beyond that through a {@link SoftReference} only: the next
 * call that grows as far takes them back instead of allocating them again, unless the garbage
 * collector has reclaimed them, which it does when it needs the memory (always before an
 * {@link OutOfMemoryError}) and after they go unused for a while. So a tape that once grew to
 * gigabytes does not keep them from the rest of the program.
 *
 * <p><b>Limits.</b> The system property {@code adjoint.tape.maxBytes} (bytes, or with a suffix
 * {@code k}, {@code m}, {@code g}, {@code t}: {@code -Dadjoint.tape.maxBytes=2g}) bounds the
 * blocks one tape has in use: a push that needs a block past it throws {@link TapeOutOfMemoryError},
 * as does a push for which the heap has no room. The entries then take at most the limit, and less
 * than it by no more than a block per stack; the push that failed has changed nothing. Both
 * properties ({@code adjoint.tape.maxBytes} and {@code adjoint.tape.spareBytes}, which takes the
 * same suffixes) are read once, when the tape classes are loaded.
 */
public final class Tape implements AutoCloseable {
  /** From {@code adjoint.tape.maxBytes}; unlimited when not set. */
  static final long MAX_BYTES = byteSize("adjoint.tape.maxBytes", Long.MAX_VALUE);

  /** Makes blocks; tests replace it to fail as a full heap does. */
  interface Allocator {
    Object allocate(Kind kind, int length);
  }

  static final Allocator HEAP = Kind::allocate;

  private static final double[] NO_DOUBLES = {};
  private static final int[] NO_INTS = {};
  private static final long[] NO_LONGS = {};
  private static final Object[] NO_OBJECTS = {};

  /*
   * Each stack: its current block, the top inside it, the highest top at a pop since the block
   * was entered, and its chain of blocks. Pushes and pops use the first three only, until a block
   * is full or empty. The peak is updated when popping (a stack's top is highest just before a
   * pop), so that pushes, the most frequent call, do no bookkeeping; the chain folds it in when
   * the stack changes block.
   */
  private double[] doubles = NO_DOUBLES;
  private int doubleTop;
  private int doublePeakTop;
  private final TapeBlocks doubleBlocks = new TapeBlocks(Kind.DOUBLE);

  private int[] ints = NO_INTS;
  private int intTop;
  private int intPeakTop;
  private final TapeBlocks intBlocks = new TapeBlocks(Kind.INT);

  private long[] longs = NO_LONGS;
  private int longTop;
  private int longPeakTop;
  private final TapeBlocks longBlocks = new TapeBlocks(Kind.LONG);

  /** Booleans, 64 to a word; the top counts bits. */
  private long[] bits = NO_LONGS;
  private int bitTop;
  private int bitPeakTop;
  private final TapeBlocks bitBlocks = new TapeBlocks(Kind.BOOLEAN);

  private Object[] objects = NO_OBJECTS;
  private int objectTop;
  private int objectPeakTop;
  private final TapeBlocks objectBlocks = new TapeBlocks(Kind.OBJECT);

  private final TapeBlocks[] stacks = {doubleBlocks, intBlocks, longBlocks, bitBlocks, objectBlocks};

  /**
   * Per stack, in the order of {@link #stacks}, its block level and its top inside that block at
   * the last {@link #mark()}; valid while {@link #marked}.
   */
  private final int[] markLevels = new int[5];
  private final int[] markTops = new int[5];
  private boolean marked;

  private boolean open;
  /**
   * Bit {@code 1 << kind.ordinal()} for each stack pushed on since {@link #open()}. A stack's first
   * push always enters a block (closing leaves every stack before its first block), so {@link
   * #enter} sets it; {@link #close()} then settles only these stacks. Most tapes use one or two of
   * the five, and a generated pullback called once per observation opens and closes a tape each
   * time, so settling all five was a measurable part of its cost.
   */
  private int touched;
  /** {@link #peakBytes()} of the session {@link #close()} ended, kept until the next open. */
  private long closedPeakBytes;
  /** Bytes of the blocks this tape keeps while pooled. */
  private long keptBytes;
  /**
   * Per stack, the blocks above those kept while pooled, which the garbage collector may reclaim
   * (it does before it would run out of memory); null when there are none. A tape that needs
   * them again takes them back instead of allocating.
   */
  private SoftReference<Object[][]> softBlocks;
  /** Per stack, the level where its soft blocks start. */
  private int[] softFrom;
  /** Package-private for tests; reset at each {@link #open()}. */
  long maxBytes = MAX_BYTES;
  /** Package-private for tests; reset at each {@link #open()}. */
  Allocator allocator = HEAP;

  private Tape() {}

  static Tape create() {
    return new Tape();
  }

  /**
   * An empty tape for the calling thread, from its pool when one is spare.
   *
   * @return an open, empty tape; close it when the reverse sweep is done
   */
  public static Tape open() {
    return TapePool.take().opened();
  }

  /** Opens this closed tape; package-private for tests, which open new tapes too. */
  Tape opened() {
    // Every stack's peak is 0 here: new, or reset by the close that settled it.
    open = true;
    marked = false;
    maxBytes = MAX_BYTES;
    allocator = HEAP;
    return this;
  }

  /**
   * The {@link #peakBytes()} of the tape closed last on the calling thread: after a gradient call,
   * the peak of its tape. A gradient whose reverse sweep needs no tape opens none and leaves this
   * as it was; a gradient that calls other gradients closes their tapes first, so this is its own.
   *
   * @return peak bytes of the last tape closed on this thread, 0 when none was
   */
  public static long lastPeakBytes() {
    return TapePool.lastPeakBytes();
  }

  /**
   * Returns the tape to the calling thread's pool. The reverse sweep pops everything the forward
   * sweep pushed, so a tape that is not empty here means the generated code is wrong: it is cleared
   * and returned to the pool all the same, then this method throws. {@link #peakBytes()} keeps its
   * value until the tape is opened again.
   *
   * @throws IllegalStateException when the tape is not empty, or was closed already
   */
  @Override
  public void close() {
    if (!open) {
      throw new IllegalStateException("Adjoint internal error: the tape was closed twice");
    }
    open = false;
    marked = false;
    long left = 0;
    long peak = 0;
    int used = touched;
    if (used != 0) {
      // A stack never pushed on is still before its first block, its peak 0: nothing to settle.
      left = entries();
      if (left != 0) {
        objectBlocks.clearObjects(objectTop);
      }
      peak = settled(used, doubleBlocks, doubleTop, doublePeakTop) + settled(used, intBlocks, intTop, intPeakTop)
          + settled(used, longBlocks, longTop, longPeakTop) + settled(used, bitBlocks, bitTop, bitPeakTop)
          + settled(used, objectBlocks, objectTop, objectPeakTop);
      doubles = NO_DOUBLES;
      ints = NO_INTS;
      longs = NO_LONGS;
      bits = NO_LONGS;
      objects = NO_OBJECTS;
      doubleTop = intTop = longTop = bitTop = objectTop = 0;
      doublePeakTop = intPeakTop = longPeakTop = bitPeakTop = objectPeakTop = 0;
      touched = 0;
    }
    closedPeakBytes = peak;
    TapePool.give(this);
    if (left != 0) {
      throw new IllegalStateException(
          "Adjoint internal error: the tape held " + left + " entries at the end of the reverse sweep");
    }
  }

  /** Settles stack {@code s} if it was pushed on; @return the bytes of its peak, 0 if it was not */
  private static long settled(int used, TapeBlocks s, int top, int peakTop) {
    return (used & (1 << s.kind.ordinal())) != 0 ? s.kind.bytes(s.settle(top, peakTop)) : 0;
  }

  /**
   * Keeps blocks within {@code budget} bytes, and the others through a soft reference only; for the
   * pool, on a closed tape.
   */
  void trim(long budget) {
    long all = blockBytesHeld();
    if (all <= budget) {
      keptBytes = all;
      return;
    }
    Object[][] dropped = new Object[stacks.length][];
    int[] from = new int[stacks.length];
    keptBytes = TapeBlocks.trim(stacks, budget, dropped, from);
    softBlocks = new SoftReference<>(dropped);
    softFrom = from;
  }

  /** Takes back the blocks {@link #trim} left to the soft reference, unless they were collected. */
  private void restoreSoftBlocks() {
    Object[][] dropped = softBlocks.get();
    softBlocks = null;
    if (dropped != null) {
      for (int i = 0; i < stacks.length; i++) {
        if (dropped[i] != null) {
          stacks[i].restore(softFrom[i], dropped[i]);
        }
      }
    }
    softFrom = null;
  }

  /** @return bytes of the blocks a closed tape keeps */
  long keptBytes() {
    return keptBytes;
  }

  /** @return bytes of the blocks the tape holds, in use or spare; for tests */
  long blockBytesHeld() {
    long sum = 0;
    for (TapeBlocks s : stacks) {
      sum += s.bytesKept();
    }
    return sum;
  }

  /** @param value pushed on the {@code double} stack */
  public void pushDouble(double value) {
    int top = doubleTop;
    double[] block = doubles;
    if (top == block.length) {
      block = nextDoubles();
      top = 0;
    }
    block[top] = value;
    doubleTop = top + 1;
  }

  /** @return the last {@code double} pushed, removed */
  public double popDouble() {
    int top = doubleTop;
    if (top == 0) {
      top = previousDoubles();
    }
    if (top > doublePeakTop) {
      doublePeakTop = top;
    }
    doubleTop = --top;
    return doubles[top];
  }

  private double[] nextDoubles() {
    double[] block = (double[]) enter(doubleBlocks, doublePeakTop);
    doubles = block;
    doublePeakTop = 0;
    return block;
  }

  private int previousDoubles() {
    double[] block = (double[]) doubleBlocks.down(doublePeakTop);
    if (block == null) {
      throw empty("double");
    }
    doubles = block;
    doublePeakTop = 0;
    return block.length;
  }

  /** @param value pushed on the {@code int} stack */
  public void pushInt(int value) {
    int top = intTop;
    int[] block = ints;
    if (top == block.length) {
      block = nextInts();
      top = 0;
    }
    block[top] = value;
    intTop = top + 1;
  }

  /** @return the last {@code int} pushed, removed */
  public int popInt() {
    int top = intTop;
    if (top == 0) {
      top = previousInts();
    }
    if (top > intPeakTop) {
      intPeakTop = top;
    }
    intTop = --top;
    return ints[top];
  }

  private int[] nextInts() {
    int[] block = (int[]) enter(intBlocks, intPeakTop);
    ints = block;
    intPeakTop = 0;
    return block;
  }

  private int previousInts() {
    int[] block = (int[]) intBlocks.down(intPeakTop);
    if (block == null) {
      throw empty("int");
    }
    ints = block;
    intPeakTop = 0;
    return block.length;
  }

  /** @param value pushed on the {@code long} stack */
  public void pushLong(long value) {
    int top = longTop;
    long[] block = longs;
    if (top == block.length) {
      block = nextLongs();
      top = 0;
    }
    block[top] = value;
    longTop = top + 1;
  }

  /** @return the last {@code long} pushed, removed */
  public long popLong() {
    int top = longTop;
    if (top == 0) {
      top = previousLongs();
    }
    if (top > longPeakTop) {
      longPeakTop = top;
    }
    longTop = --top;
    return longs[top];
  }

  private long[] nextLongs() {
    long[] block = (long[]) enter(longBlocks, longPeakTop);
    longs = block;
    longPeakTop = 0;
    return block;
  }

  private int previousLongs() {
    long[] block = (long[]) longBlocks.down(longPeakTop);
    if (block == null) {
      throw empty("long");
    }
    longs = block;
    longPeakTop = 0;
    return block.length;
  }

  /** @param value pushed on the {@code boolean} stack, one bit each */
  public void pushBoolean(boolean value) {
    int top = bitTop;
    long[] block = bits;
    int word = top >>> 6;
    if (word == block.length) {
      block = nextBits();
      top = 0;
      word = 0;
    }
    long mask = 1L << top; // shifts use the low six bits: the position inside the word
    block[word] = value ? block[word] | mask : block[word] & ~mask;
    bitTop = top + 1;
  }

  /** @return the last {@code boolean} pushed, removed */
  public boolean popBoolean() {
    int top = bitTop;
    if (top == 0) {
      top = previousBits();
    }
    if (top > bitPeakTop) {
      bitPeakTop = top;
    }
    bitTop = --top;
    return (bits[top >>> 6] & (1L << top)) != 0;
  }

  private long[] nextBits() {
    long[] block = (long[]) enter(bitBlocks, bitPeakTop);
    bits = block;
    bitPeakTop = 0;
    return block;
  }

  private int previousBits() {
    long[] block = (long[]) bitBlocks.down(bitPeakTop);
    if (block == null) {
      throw empty("boolean");
    }
    bits = block;
    bitPeakTop = 0;
    return block.length << 6;
  }

  /** @param value pushed by reference on the object stack */
  public void pushObject(Object value) {
    int top = objectTop;
    Object[] block = objects;
    if (top == block.length) {
      block = nextObjects();
      top = 0;
    }
    block[top] = value;
    objectTop = top + 1;
  }

  /** @return the last object pushed, removed; the tape keeps no reference to it */
  public Object popObject() {
    int top = objectTop;
    if (top == 0) {
      top = previousObjects();
    }
    if (top > objectPeakTop) {
      objectPeakTop = top;
    }
    objectTop = --top;
    Object[] block = objects;
    Object value = block[top];
    block[top] = null; // a pooled tape must not keep big arrays reachable
    return value;
  }

  private Object[] nextObjects() {
    Object[] block = (Object[]) enter(objectBlocks, objectPeakTop);
    objects = block;
    objectPeakTop = 0;
    return block;
  }

  private int previousObjects() {
    Object[] block = (Object[]) objectBlocks.down(objectPeakTop);
    if (block == null) {
      throw empty("object");
    }
    objects = block;
    objectPeakTop = 0;
    return block.length;
  }

  /** @param value pushed by reference on the object stack */
  public void pushDoubleArray(double[] value) {
    pushObject(value);
  }

  /** @return the last object pushed, which must be a {@code double[]} */
  public double[] popDoubleArray() {
    return (double[]) popObject();
  }

  /** @param value pushed by reference on the object stack */
  public void pushDoubleMatrix(double[][] value) {
    pushObject(value);
  }

  /** @return the last object pushed, which must be a {@code double[][]} */
  public double[][] popDoubleMatrix() {
    return (double[][]) popObject();
  }

  /** @param value pushed by reference on the object stack */
  public void pushIntArray(int[] value) {
    pushObject(value);
  }

  /** @return the last object pushed, which must be an {@code int[]} */
  public int[] popIntArray() {
    return (int[]) popObject();
  }

  /**
   * Remembers where every stack stands, for {@link #rewind()}. Generated code that runs its reverse
   * sweep once per row of a Jacobian, from one forward sweep, marks the tape when the forward sweep
   * ends and rewinds it before each row.
   */
  public void mark() {
    remember(0, doubleBlocks, doubleTop);
    remember(1, intBlocks, intTop);
    remember(2, longBlocks, longTop);
    remember(3, bitBlocks, bitTop);
    remember(4, objectBlocks, objectTop);
    marked = true;
  }

  private void remember(int stack, TapeBlocks s, int top) {
    markLevels[stack] = s.level();
    markTops[stack] = top;
  }

  /**
   * Puts the tape back as {@link #mark()} left it: the {@code double}, {@code int}, {@code long} and
   * {@code boolean} entries popped since are on it again, with their values, because popping them
   * left them in their blocks. Nothing may have been pushed since the mark, nor any object popped
   * (popping an object drops the tape's reference to it).
   *
   * @throws IllegalStateException when there is no mark, something was pushed since, or an object
   *     was popped since
   */
  public void rewind() {
    if (!marked) {
      throw new IllegalStateException("Adjoint internal error: the tape was rewound without a mark");
    }
    if (!below(0, doubleBlocks, doubleTop) || !below(1, intBlocks, intTop) || !below(2, longBlocks, longTop)
        || !below(3, bitBlocks, bitTop) || !below(4, objectBlocks, objectTop)) {
      throw new IllegalStateException("Adjoint internal error: the tape was pushed on after its mark");
    }
    if (objectBlocks.level() != markLevels[4] || objectTop != markTops[4]) {
      throw new IllegalStateException(
          "Adjoint internal error: objects were popped off the tape after its mark; they cannot be rewound");
    }
    if (doubleBlocks.level() < markLevels[0]) {
      doubles = (double[]) doubleBlocks.upTo(markLevels[0], doublePeakTop);
      doublePeakTop = 0;
    }
    doubleTop = markTops[0];
    if (intBlocks.level() < markLevels[1]) {
      ints = (int[]) intBlocks.upTo(markLevels[1], intPeakTop);
      intPeakTop = 0;
    }
    intTop = markTops[1];
    if (longBlocks.level() < markLevels[2]) {
      longs = (long[]) longBlocks.upTo(markLevels[2], longPeakTop);
      longPeakTop = 0;
    }
    longTop = markTops[2];
    if (bitBlocks.level() < markLevels[3]) {
      bits = (long[]) bitBlocks.upTo(markLevels[3], bitPeakTop);
      bitPeakTop = 0;
    }
    bitTop = markTops[3];
  }

  /**
   * Takes every entry off the tape: for generated code that marked the tape for a reverse sweep per
   * row and was given no row, so that nothing took the forward sweep's entries.
   */
  public void clear() {
    while (doubleBlocks.entries(doubleTop) != 0) {
      popDouble();
    }
    while (intBlocks.entries(intTop) != 0) {
      popInt();
    }
    while (longBlocks.entries(longTop) != 0) {
      popLong();
    }
    while (bitBlocks.entries(bitTop) != 0) {
      popBoolean();
    }
    while (objectBlocks.entries(objectTop) != 0) {
      popObject();
    }
  }

  /** Whether stack {@code s}, its top {@code top}, stands at or below where it was at the mark. */
  private boolean below(int stack, TapeBlocks s, int top) {
    return s.level() < markLevels[stack] || s.level() == markLevels[stack] && top <= markTops[stack];
  }

  /** @return true when every stack is empty */
  public boolean isEmpty() {
    return entries() == 0;
  }

  /**
   * @return the number of entries on all stacks together, or {@link Integer#MAX_VALUE} when there
   *     are more (a stack is not limited to an {@code int} count; {@link #bytesInUse()} is exact)
   */
  public int size() {
    return (int) Math.min(entries(), Integer.MAX_VALUE);
  }

  private long entries() {
    return doubleBlocks.entries(doubleTop) + intBlocks.entries(intTop) + longBlocks.entries(longTop)
        + bitBlocks.entries(bitTop) + objectBlocks.entries(objectTop);
  }

  /**
   * The memory the entries take: 8 bytes per {@code double}, {@code long} or object reference, 4
   * per {@code int}, one bit per {@code boolean} (rounded up to whole bytes). Arrays pushed by
   * reference count as a reference. The memory the tape holds is this plus, per stack, the rest of
   * its last block (at most 256 KiB), plus the blocks it keeps for reuse.
   *
   * @return bytes in use now; 0 after {@link #close()}
   */
  public long bytesInUse() {
    return Kind.DOUBLE.bytes(doubleBlocks.entries(doubleTop)) + Kind.INT.bytes(intBlocks.entries(intTop))
        + Kind.LONG.bytes(longBlocks.entries(longTop)) + Kind.BOOLEAN.bytes(bitBlocks.entries(bitTop))
        + Kind.OBJECT.bytes(objectBlocks.entries(objectTop));
  }

  /**
   * The largest {@link #bytesInUse()} since {@link #open()}, counted per stack: the sum of each
   * stack's own peak, each counted as {@link #bytesInUse()} counts it. That is exact when all
   * pushes come before all pops, as in a plain forward then reverse sweep, and an upper bound
   * otherwise (when one stack shrinks before another grows). After {@link #close()} it keeps the
   * value of the call that closed it, until the tape is opened again; {@link #lastPeakBytes()}
   * reads it without the tape.
   *
   * @return peak bytes since the tape was opened
   */
  public long peakBytes() {
    if (!open) {
      return closedPeakBytes;
    }
    return Kind.DOUBLE.bytes(doubleBlocks.peak(doubleTop, doublePeakTop))
        + Kind.INT.bytes(intBlocks.peak(intTop, intPeakTop))
        + Kind.LONG.bytes(longBlocks.peak(longTop, longPeakTop))
        + Kind.BOOLEAN.bytes(bitBlocks.peak(bitTop, bitPeakTop))
        + Kind.OBJECT.bytes(objectBlocks.peak(objectTop, objectPeakTop));
  }

  /**
   * The block above the current one of stack {@code s}, which is full: the spare one kept there,
   * or a new one.
   */
  private Object enter(TapeBlocks s, int peakTop) {
    touched |= 1 << s.kind.ordinal();
    int level = s.nextLevel();
    int blockBytes = TapeBlocks.blockBytes(level);
    // Without adjoint.tape.maxBytes (the usual case) no sum of blocks can pass the limit.
    if (maxBytes != Long.MAX_VALUE && blocksInUse() + blockBytes > maxBytes) {
      throw outOfMemory(s, blockBytes, null);
    }
    Object block = s.spare(level);
    if (block == null && softBlocks != null) {
      restoreSoftBlocks();
      block = s.spare(level);
    }
    try {
      if (block == null) {
        block = allocator.allocate(s.kind, s.kind.length(level));
      }
      s.up(block, peakTop);
    } catch (TapeOutOfMemoryError e) {
      throw e;
    } catch (OutOfMemoryError e) {
      throw outOfMemory(s, blockBytes, e);
    }
    return block;
  }

  /** @return bytes of the blocks the stacks have entered, up to each current one */
  private long blocksInUse() {
    long inBlocks = 0;
    for (TapeBlocks t : stacks) {
      inBlocks += t.bytesInBlocks();
    }
    return inBlocks;
  }

  /** @param heapFull the error of the failed allocation, or null when {@link #maxBytes} was reached */
  private TapeOutOfMemoryError outOfMemory(TapeBlocks s, int blockBytes, OutOfMemoryError heapFull) {
    long held = bytesInUse();
    StringBuilder m = new StringBuilder("Adjoint tape out of memory: the tape held ")
        .append(held).append(" bytes (").append(readable(held)).append(':');
    String separator = " ";
    long[] entries = {doubleBlocks.entries(doubleTop), intBlocks.entries(intTop), longBlocks.entries(longTop),
        bitBlocks.entries(bitTop), objectBlocks.entries(objectTop)};
    for (int i = 0; i < stacks.length; i++) {
      if (entries[i] != 0) {
        m.append(separator).append(entries[i]).append(' ').append(stacks[i].kind.displayName).append('s');
        separator = ", ";
      }
    }
    m.append(") when its ").append(s.kind.displayName).append(" stack needed another block of ")
        .append(readable(blockBytes));
    if (heapFull == null) {
      m.append(", past adjoint.tape.maxBytes=").append(maxBytes).append(" (").append(readable(maxBytes))
          .append(')');
    } else {
      m.append(", and the Java heap had no room for it");
    }
    m.append(". The tape grows with the number of loop iterations whose values the reverse sweep needs;"
        + " to bound it, differentiate fewer iterations per gradient call (one call per segment of a long"
        + " simulation, chaining the segments' gradients), or raise ").append(heapFull == null ? "-Dadjoint.tape.maxBytes" : "-Xmx").append('.');
    TapeOutOfMemoryError e = new TapeOutOfMemoryError(m.toString(), held, s.kind.displayName,
        heapFull == null ? maxBytes : Long.MAX_VALUE);
    if (heapFull != null) {
      e.initCause(heapFull);
    }
    return e;
  }

  /** @return {@code bytes} in B, KiB, MiB or GiB, with one decimal above bytes */
  static String readable(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes / 1024.0;
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /**
   * Reads a byte size from a system property: a whole number of bytes, or with a suffix {@code k},
   * {@code m}, {@code g} or {@code t} (either case) for KiB, MiB, GiB or TiB, as {@code -Xmx} takes.
   *
   * @throws IllegalArgumentException when the property is set to something else
   */
  static long byteSize(String property, long absent) {
    String value = System.getProperty(property);
    return value == null || value.isBlank() ? absent : parseByteSize(property, value.trim());
  }

  static long parseByteSize(String property, String value) {
    if (value.isEmpty()) {
      throw badByteSize(property, value);
    }
    int shift = 0;
    String digits = value;
    char last = Character.toLowerCase(value.charAt(value.length() - 1));
    int unit = "kmgt".indexOf(last);
    if (unit >= 0) {
      shift = 10 * (unit + 1);
      digits = value.substring(0, value.length() - 1);
    }
    long number;
    try {
      number = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (number < 0 || Long.numberOfLeadingZeros(number) <= shift && number != 0) {
      throw badByteSize(property, value);
    }
    return number << shift;
  }

  private static IllegalArgumentException badByteSize(String property, String value) {
    return new IllegalArgumentException("-D" + property + "=" + value + ": expected a number of bytes,"
        + " optionally with a suffix k, m, g or t, as in -D" + property + "=2g");
  }

  private static IllegalStateException empty(String type) {
    return new IllegalStateException(
        "Adjoint internal error: the reverse sweep popped a " + type + " that the tape does not hold");
  }
}
