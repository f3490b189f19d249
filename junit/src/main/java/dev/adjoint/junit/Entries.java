package dev.adjoint.junit;

import java.util.ArrayList;
import java.util.List;

/**
 * The scalar entries of one differentiable argument ({@code double}, {@code double[]} or
 * {@code double[][]}), each with its label ({@code ""}, {@code "[3]"}, {@code "[1][2]"}), to read,
 * perturb and name them one by one.
 */
final class Entries {
  private Entries() {}

  /** One scalar inside an argument. */
  record Entry(int row, int column, String label) {}

  static List<Entry> of(Object value) {
    List<Entry> out = new ArrayList<>();
    if (value instanceof Double) {
      out.add(new Entry(-1, -1, ""));
    } else if (value instanceof double[] a) {
      for (int i = 0; i < a.length; i++) {
        out.add(new Entry(-1, i, "[" + i + "]"));
      }
    } else if (value instanceof double[][] m) {
      for (int i = 0; i < m.length; i++) {
        for (int j = 0; j < m[i].length; j++) {
          out.add(new Entry(i, j, "[" + i + "][" + j + "]"));
        }
      }
    } else {
      throw new IllegalArgumentException("not a double, double[] or double[][]: " + value);
    }
    return out;
  }

  static double get(Object value, Entry e) {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof double[] a) {
      return a[e.column()];
    }
    return ((double[][]) value)[e.row()][e.column()];
  }

  /**
   * {@code value} with the entry set to {@code x}: a new {@code Double} for a scalar, the same array
   * written in place otherwise.
   */
  static Object with(Object value, Entry e, double x) {
    if (value instanceof Double) {
      return x;
    }
    if (value instanceof double[] a) {
      a[e.column()] = x;
      return a;
    }
    ((double[][]) value)[e.row()][e.column()] = x;
    return value;
  }

  /** The sum of the products of corresponding entries, and the sum of their magnitudes. */
  static double[] dot(Object a, Object b) {
    double sum = 0;
    double magnitude = 0;
    for (Entry e : of(a)) {
      double product = get(a, e) * get(b, e);
      sum += product;
      magnitude += Math.abs(product);
    }
    return new double[] {sum, magnitude};
  }
}
