package dev.adjoint;

import dev.adjoint.spi.RecordParts;
import java.lang.reflect.Array;

/**
 * Reads {@code Double}, {@code double[]} and {@code double[][]} values as flat runs of numbers, the
 * way {@link Jacobian} lays out its columns: a {@code double} is one number, a {@code double[]} its
 * elements, a {@code double[][]} its rows one after another (rows may differ in length; a null row
 * has no elements), a record the numbers of its components that carry derivatives, in declaration
 * order (see {@link RecordParts}).
 */
final class Flattening {
  private Flattening() {}

  /** The components of a record that carry derivatives, in declaration order. */
  private static java.util.List<Object> differentiableParts(Record r) {
    Object[] values = RecordParts.components(r);
    boolean[] differentiable = RecordParts.differentiableComponents(r.getClass());
    java.util.List<Object> out = new java.util.ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (differentiable[i]) {
        out.add(values[i]);
      }
    }
    return out;
  }

  /** How many numbers the value holds. */
  static int width(Object value) {
    if (value instanceof Record r) {
      int n = 0;
      for (Object c : differentiableParts(r)) {
        n += width(c);
      }
      return n;
    }
    if (value instanceof double[]) {
      return ((double[]) value).length;
    }
    if (value instanceof double[][]) {
      int n = 0;
      for (double[] row : (double[][]) value) {
        n += row == null ? 0 : row.length;
      }
      return n;
    }
    return 1;
  }

  /** Copies the value's numbers into {@code target} from {@code offset} on. */
  static void write(Object value, double[] target, int offset) {
    if (value instanceof Record r) {
      for (Object c : differentiableParts(r)) {
        write(c, target, offset);
        offset += width(c);
      }
    } else if (value instanceof Double) {
      target[offset] = (Double) value;
    } else if (value instanceof double[]) {
      double[] v = (double[]) value;
      System.arraycopy(v, 0, target, offset, v.length);
    } else {
      for (double[] row : (double[][]) value) {
        if (row != null) {
          System.arraycopy(row, 0, target, offset, row.length);
          offset += row.length;
        }
      }
    }
  }

  /** Zeros shaped like the value: {@code 0.0}, or fresh arrays of its lengths. */
  static Object zerosLike(Object value) {
    if (value instanceof Record r) {
      return RecordParts.map(r, Flattening::zerosLike);
    }
    if (value instanceof double[]) {
      return new double[((double[]) value).length];
    }
    if (value instanceof double[][]) {
      double[][] m = (double[][]) value;
      double[][] z = new double[m.length][];
      for (int r = 0; r < m.length; r++) {
        z[r] = m[r] == null ? null : new double[m[r].length];
      }
      return z;
    }
    return 0.0;
  }

  /**
   * Sets the number at {@code index} of a value made by {@link #zerosLike}. Arrays change in place; a
   * {@code Double} cannot, so the result is what to store.
   */
  static Object with(Object value, int index, double number) {
    if (value instanceof Record r) {
      // A record cannot change: a new one, with the number in the component that holds the index.
      Object[] values = RecordParts.components(r);
      boolean[] differentiable = RecordParts.differentiableComponents(r.getClass());
      for (int i = 0; i < values.length; i++) {
        if (!differentiable[i]) {
          continue;
        }
        int w = width(values[i]);
        if (index < w) {
          values[i] = with(values[i], index, number);
          return RecordParts.build(r.getClass(), values);
        }
        index -= w;
      }
      throw new IndexOutOfBoundsException("flat index beyond the record");
    }
    if (value instanceof double[]) {
      ((double[]) value)[index] = number;
      return value;
    }
    if (value instanceof double[][]) {
      for (double[] row : (double[][]) value) {
        int length = row == null ? 0 : row.length;
        if (index < length) {
          row[index] = number;
          return value;
        }
        index -= length;
      }
      throw new IndexOutOfBoundsException("flat index beyond the matrix");
    }
    return number;
  }

  /** A copy that shares no array with the original, for any argument type. */
  static Object deepCopy(Object value) {
    if (value instanceof Record r && RecordParts.carriesDerivatives(r.getClass())) {
      return RecordParts.map(r, Flattening::deepCopy); // its arrays, which the method may change
    }
    if (value == null || !value.getClass().isArray()) {
      return value; // boxed numbers and other values a method cannot change
    }
    int length = Array.getLength(value);
    Object copy = Array.newInstance(value.getClass().getComponentType(), length);
    System.arraycopy(value, 0, copy, 0, length);
    if (copy instanceof Object[]) {
      Object[] rows = (Object[]) copy;
      for (int i = 0; i < length; i++) {
        rows[i] = deepCopy(rows[i]);
      }
    }
    return copy;
  }
}
