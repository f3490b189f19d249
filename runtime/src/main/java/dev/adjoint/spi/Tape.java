package dev.adjoint.spi;

import java.util.Arrays;

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
 * repeated calls reuse the arrays the tape grew to. A tape belongs to one thread at a time. The
 * stacks grow by doubling and never shrink while pooled.
 */
public final class Tape implements AutoCloseable {
  private static final int INITIAL_CAPACITY = 64;
  /** Largest array length every JVM allocates. */
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private double[] doubles = new double[INITIAL_CAPACITY];
  private int[] ints = new int[INITIAL_CAPACITY];
  private long[] longs = new long[INITIAL_CAPACITY];
  private long[] bits = new long[INITIAL_CAPACITY / Long.SIZE];
  private Object[] objects = new Object[INITIAL_CAPACITY];
  private int doubleTop;
  private int intTop;
  private int longTop;
  private int bitTop;
  private int objectTop;

  /*
   * High-water marks, updated when popping (a stack's top is highest just before a pop), so that
   * pushes, the most frequent call, do no bookkeeping.
   */
  private int doublePeak;
  private int intPeak;
  private int longPeak;
  private int bitPeak;
  private int objectPeak;
  private boolean open;

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
    Tape tape = TapePool.take();
    tape.open = true;
    tape.doublePeak = tape.intPeak = tape.longPeak = tape.bitPeak = tape.objectPeak = 0;
    return tape;
  }

  /**
   * Returns the tape to the calling thread's pool. The reverse sweep pops everything the forward
   * sweep pushed, so a tape that is not empty here means the generated code is wrong: it is cleared
   * and returned to the pool all the same, then this method throws.
   *
   * @throws IllegalStateException when the tape is not empty, or was closed already
   */
  @Override
  public void close() {
    if (!open) {
      throw new IllegalStateException("Adjoint internal error: the tape was closed twice");
    }
    open = false;
    int left = size();
    if (left != 0) {
      clear();
    }
    TapePool.give(this);
    if (left != 0) {
      throw new IllegalStateException(
          "Adjoint internal error: the tape held " + left + " entries at the end of the reverse sweep");
    }
  }

  /** @param value pushed on the {@code double} stack */
  public void pushDouble(double value) {
    int top = doubleTop;
    if (top == doubles.length) {
      doubles = Arrays.copyOf(doubles, grown(top));
    }
    doubles[top] = value;
    doubleTop = top + 1;
  }

  /** @return the last {@code double} pushed, removed */
  public double popDouble() {
    int top = doubleTop;
    if (top == 0) {
      throw empty("double");
    }
    if (top > doublePeak) {
      doublePeak = top;
    }
    doubleTop = --top;
    return doubles[top];
  }

  /** @param value pushed on the {@code int} stack */
  public void pushInt(int value) {
    int top = intTop;
    if (top == ints.length) {
      ints = Arrays.copyOf(ints, grown(top));
    }
    ints[top] = value;
    intTop = top + 1;
  }

  /** @return the last {@code int} pushed, removed */
  public int popInt() {
    int top = intTop;
    if (top == 0) {
      throw empty("int");
    }
    if (top > intPeak) {
      intPeak = top;
    }
    intTop = --top;
    return ints[top];
  }

  /** @param value pushed on the {@code long} stack */
  public void pushLong(long value) {
    int top = longTop;
    if (top == longs.length) {
      longs = Arrays.copyOf(longs, grown(top));
    }
    longs[top] = value;
    longTop = top + 1;
  }

  /** @return the last {@code long} pushed, removed */
  public long popLong() {
    int top = longTop;
    if (top == 0) {
      throw empty("long");
    }
    if (top > longPeak) {
      longPeak = top;
    }
    longTop = --top;
    return longs[top];
  }

  /** @param value pushed on the {@code boolean} stack, one bit each */
  public void pushBoolean(boolean value) {
    int top = bitTop;
    int word = top >>> 6;
    if (word == bits.length) {
      bits = Arrays.copyOf(bits, grown(word));
    }
    long mask = 1L << top; // shifts use the low six bits: the position inside the word
    bits[word] = value ? bits[word] | mask : bits[word] & ~mask;
    bitTop = top + 1;
  }

  /** @return the last {@code boolean} pushed, removed */
  public boolean popBoolean() {
    int top = bitTop;
    if (top == 0) {
      throw empty("boolean");
    }
    if (top > bitPeak) {
      bitPeak = top;
    }
    bitTop = --top;
    return (bits[top >>> 6] & (1L << top)) != 0;
  }

  /** @param value pushed by reference on the object stack */
  public void pushObject(Object value) {
    int top = objectTop;
    if (top == objects.length) {
      objects = Arrays.copyOf(objects, grown(top));
    }
    objects[top] = value;
    objectTop = top + 1;
  }

  /** @return the last object pushed, removed; the tape keeps no reference to it */
  public Object popObject() {
    int top = objectTop;
    if (top == 0) {
      throw empty("object");
    }
    if (top > objectPeak) {
      objectPeak = top;
    }
    objectTop = --top;
    Object value = objects[top];
    objects[top] = null; // a pooled tape must not keep big arrays reachable
    return value;
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

  /** @return true when every stack is empty */
  public boolean isEmpty() {
    return size() == 0;
  }

  /** @return the number of entries on all stacks together */
  public int size() {
    return doubleTop + intTop + longTop + bitTop + objectTop;
  }

  /**
   * An estimate of the memory the entries take: 8 bytes per {@code double}, {@code long} or object
   * reference, 4 per {@code int}, one bit per {@code boolean}. Arrays pushed by reference count as a
   * reference; the capacity the stacks reserve beyond their entries is not counted.
   *
   * @return bytes in use now
   */
  public long bytesInUse() {
    return bytes(doubleTop, intTop, longTop, bitTop, objectTop);
  }

  /**
   * The largest {@link #bytesInUse()} since {@link #open()}, counted per stack: the sum of each
   * stack's own peak. That is exact when all pushes come before all pops, as in a plain forward
   * then reverse sweep, and an upper bound otherwise.
   *
   * @return peak bytes since the tape was opened
   */
  public long peakBytes() {
    return bytes(Math.max(doublePeak, doubleTop), Math.max(intPeak, intTop), Math.max(longPeak, longTop),
        Math.max(bitPeak, bitTop), Math.max(objectPeak, objectTop));
  }

  private static long bytes(int doubleCount, int intCount, int longCount, int bitCount, int objectCount) {
    return 8L * doubleCount + 4L * intCount + 8L * longCount + (bitCount + 7L) / 8 + 8L * objectCount;
  }

  private void clear() {
    Arrays.fill(objects, 0, objectTop, null);
    doubleTop = intTop = longTop = bitTop = objectTop = 0;
  }

  private static int grown(int length) {
    if (length >= MAX_CAPACITY) {
      throw new OutOfMemoryError("Adjoint tape stack cannot grow beyond " + MAX_CAPACITY + " entries");
    }
    return (int) Math.min(2L * length, MAX_CAPACITY);
  }

  private static IllegalStateException empty(String type) {
    return new IllegalStateException(
        "Adjoint internal error: the reverse sweep popped a " + type + " that the tape does not hold");
  }
}
