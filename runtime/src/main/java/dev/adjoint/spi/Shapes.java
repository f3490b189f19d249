package dev.adjoint.spi;

/**
 * Array helpers that generated derivative code calls: zero arrays shaped like others, copies, and
 * element-wise accumulation of adjoints. For generated code; not part of the public API.
 */
public final class Shapes {
  private Shapes() {}

  /** A new matrix of zeros with the shape of {@code m}, ragged rows included (null rows stay null). */
  public static double[][] zerosLike(double[][] m) {
    double[][] z = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      z[i] = m[i] == null ? null : new double[m[i].length];
    }
    return z;
  }

  /** A deep copy of a matrix. */
  public static double[][] copyOf(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i] == null ? null : m[i].clone();
    }
    return c;
  }

  /** Copies the elements of {@code source} into {@code target}, row by row. */
  public static void copyInto(double[][] source, double[][] target) {
    for (int i = 0; i < source.length; i++) {
      System.arraycopy(source[i], 0, target[i], 0, source[i].length);
    }
  }

  /** {@code target[i] += source[i]} for every i. */
  public static void addTo(double[] target, double[] source) {
    for (int i = 0; i < source.length; i++) {
      target[i] += source[i];
    }
  }

  /** {@code target[i][j] += source[i][j]} for every i and j. */
  public static void addTo(double[][] target, double[][] source) {
    for (int i = 0; i < source.length; i++) {
      if (source[i] != null) {
        addTo(target[i], source[i]);
      }
    }
  }

  /** {@code target[i] += source[i] * scale} for every i. */
  public static void addScaled(double[] target, double[] source, double scale) {
    for (int i = 0; i < source.length; i++) {
      target[i] += source[i] * scale;
    }
  }

  /** {@code target[i][j] += source[i][j] * scale} for every i and j. */
  public static void addScaled(double[][] target, double[][] source, double scale) {
    for (int i = 0; i < source.length; i++) {
      if (source[i] != null) {
        addScaled(target[i], source[i], scale);
      }
    }
  }

  /**
   * Sets every element to zero; nothing for null. Shared forward sweeps clear their shadow arrays
   * between rows with it.
   */
  public static void zero(double[] a) {
    if (a != null) {
      java.util.Arrays.fill(a, 0.0);
    }
  }

  /** Sets every element of every row to zero; nothing for null (or for a null row). */
  public static void zero(double[][] m) {
    if (m != null) {
      for (double[] row : m) {
        zero(row);
      }
    }
  }
}
