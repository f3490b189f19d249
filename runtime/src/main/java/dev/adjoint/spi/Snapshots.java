package dev.adjoint.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots of the loop-carried state of a {@code @Checkpointed} loop: the scalars its body assigns
 * and the contents of the arrays it writes into. <b>For generated code.</b>
 *
 * <p>Slots are numbered as {@link Revolve} numbers them, from 0; {@link #EXIT} is one more slot,
 * for the contents of the arrays when the loop ends (the reverse sweep gives them back to the code
 * before the loop as it found them). Each value has a fixed index within its type, given by the
 * generated code. Arrays are copied in, and copied back into the same arrays: the loop's arrays
 * keep their identity. Slots are made when first written and reused afterwards.
 */
public final class Snapshots {
  /** The slot for the arrays' contents when the loop ends. */
  public static final int EXIT = -1;

  private static final ThreadLocal<long[]> LAST_BYTES = ThreadLocal.withInitial(() -> new long[1]);

  private final int doubles;
  private final int longs;
  private final int arrays;
  /** Slot i + 1 at index i + 1; EXIT at index 0. */
  private final List<Slot> slots = new ArrayList<>();
  private long bytes;

  private static final class Slot {
    final double[] doubles;
    /** ints, longs and booleans, widened. */
    final long[] longs;
    final Object[] arrays;

    Slot(int doubles, int longs, int arrays) {
      this.doubles = new double[doubles];
      this.longs = new long[longs];
      this.arrays = new Object[arrays];
    }
  }

  private Snapshots(int doubles, int longs, int arrays) {
    this.doubles = doubles;
    this.longs = longs;
    this.arrays = arrays;
  }

  /**
   * A store for snapshots of {@code doubles} double values, {@code integers} int, long or boolean
   * values and {@code arrays} arrays.
   */
  public static Snapshots of(int doubles, int integers, int arrays) {
    return new Snapshots(doubles, integers, arrays);
  }

  private Slot slot(int slot) {
    int index = slot + 1;
    while (slots.size() <= index) {
      slots.add(null);
    }
    Slot s = slots.get(index);
    if (s == null) {
      s = new Slot(doubles, longs, arrays);
      slots.set(index, s);
      bytes += 8L * (doubles + longs + arrays) + 48;
    }
    return s;
  }

  public void putDouble(int slot, int index, double value) {
    slot(slot).doubles[index] = value;
  }

  public double getDouble(int slot, int index) {
    return slot(slot).doubles[index];
  }

  public void putInt(int slot, int index, int value) {
    slot(slot).longs[index] = value;
  }

  public int getInt(int slot, int index) {
    return (int) slot(slot).longs[index];
  }

  public void putLong(int slot, int index, long value) {
    slot(slot).longs[index] = value;
  }

  public long getLong(int slot, int index) {
    return slot(slot).longs[index];
  }

  public void putBoolean(int slot, int index, boolean value) {
    slot(slot).longs[index] = value ? 1 : 0;
  }

  public boolean getBoolean(int slot, int index) {
    return slot(slot).longs[index] != 0;
  }

  /** Copies the elements of {@code array} (null stays null) into the slot. */
  public void putArray(int slot, int index, double[] array) {
    Slot s = slot(slot);
    double[] kept = (double[]) s.arrays[index];
    if (array == null) {
      s.arrays[index] = null;
      return;
    }
    if (kept == null || kept.length != array.length) {
      kept = new double[array.length];
      bytes += 8L * array.length + 16;
      s.arrays[index] = kept;
    }
    System.arraycopy(array, 0, kept, 0, array.length);
  }

  /** Copies the elements kept in the slot back into {@code array}. */
  public void getArray(int slot, int index, double[] array) {
    double[] kept = (double[]) slot(slot).arrays[index];
    if (kept != null) {
      System.arraycopy(kept, 0, array, 0, kept.length);
    }
  }

  public void putArray(int slot, int index, int[] array) {
    Slot s = slot(slot);
    int[] kept = (int[]) s.arrays[index];
    if (array == null) {
      s.arrays[index] = null;
      return;
    }
    if (kept == null || kept.length != array.length) {
      kept = new int[array.length];
      bytes += 4L * array.length + 16;
      s.arrays[index] = kept;
    }
    System.arraycopy(array, 0, kept, 0, array.length);
  }

  public void getArray(int slot, int index, int[] array) {
    int[] kept = (int[]) slot(slot).arrays[index];
    if (kept != null) {
      System.arraycopy(kept, 0, array, 0, kept.length);
    }
  }

  /** Copies the elements of every row; the rows themselves stay the matrix's own. */
  public void putArray(int slot, int index, double[][] matrix) {
    Slot s = slot(slot);
    if (matrix == null) {
      s.arrays[index] = null;
      return;
    }
    double[][] kept = (double[][]) s.arrays[index];
    if (kept == null || kept.length != matrix.length) {
      kept = new double[matrix.length][];
      bytes += 8L * matrix.length + 16;
      s.arrays[index] = kept;
    }
    for (int i = 0; i < matrix.length; i++) {
      double[] row = matrix[i];
      if (row == null) {
        kept[i] = null;
        continue;
      }
      if (kept[i] == null || kept[i].length != row.length) {
        kept[i] = new double[row.length];
        bytes += 8L * row.length + 16;
      }
      System.arraycopy(row, 0, kept[i], 0, row.length);
    }
  }

  public void getArray(int slot, int index, double[][] matrix) {
    double[][] kept = (double[][]) slot(slot).arrays[index];
    if (kept == null) {
      return;
    }
    for (int i = 0; i < kept.length; i++) {
      if (kept[i] != null) {
        System.arraycopy(kept[i], 0, matrix[i], 0, kept[i].length);
      }
    }
  }

  /** @return bytes of one snapshot, as the first one written measures it (for the automatic number of snapshots) */
  public long bytesPerSnapshot() {
    return Math.max(1, bytes / Math.max(1, slots.stream().filter(s -> s != null).count()));
  }

  /** @return bytes the snapshots hold now */
  public long bytes() {
    return bytes;
  }

  /** Drops the snapshots at the end of the reverse sweep, noting their size for {@link #lastBytes()}. */
  public void release() {
    LAST_BYTES.get()[0] = bytes;
    slots.clear();
    bytes = 0;
  }

  /**
   * The bytes the snapshots of the last checkpointed loop reversed on the calling thread held at
   * the end of its reverse sweep (its largest size: slots are never freed before). 0 when none was.
   *
   * @return bytes of the last released store on this thread
   */
  public static long lastBytes() {
    return LAST_BYTES.get()[0];
  }
}
