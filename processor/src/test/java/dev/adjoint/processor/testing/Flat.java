package dev.adjoint.processor.testing;

import java.util.Random;

/** Treats a Double, double[] or double[][] argument as a flat vector of coordinates. */
final class Flat {
  private Flat() {}

  static int size(Object a) {
    if (a instanceof Double) {
      return 1;
    }
    if (a instanceof double[] v) {
      return v.length;
    }
    int n = 0;
    for (double[] row : (double[][]) a) {
      n += row.length;
    }
    return n;
  }

  static double get(Object a, int k) {
    if (a instanceof Double d) {
      return d;
    }
    if (a instanceof double[] v) {
      return v[k];
    }
    for (double[] row : (double[][]) a) {
      if (k < row.length) {
        return row[k];
      }
      k -= row.length;
    }
    throw new IndexOutOfBoundsException();
  }

  static void set(Object[] args, int p, int k, double value) {
    Object a = args[p];
    if (a instanceof Double) {
      args[p] = value;
      return;
    }
    if (a instanceof double[] v) {
      v[k] = value;
      return;
    }
    for (double[] row : (double[][]) a) {
      if (k < row.length) {
        row[k] = value;
        return;
      }
      k -= row.length;
    }
  }

  static double[] flatten(Object a) {
    double[] out = new double[size(a)];
    for (int k = 0; k < out.length; k++) {
      out[k] = get(a, k);
    }
    return out;
  }

  static Object copy(Object a) {
    if (a instanceof double[] v) {
      return v.clone();
    }
    if (a instanceof double[][] m) {
      double[][] c = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        c[i] = m[i].clone();
      }
      return c;
    }
    if (a instanceof int[] v) {
      return v.clone();
    }
    return a;
  }

  static Object zerosLike(Object a) {
    if (a instanceof Double) {
      return 0.0;
    }
    if (a instanceof double[] v) {
      return new double[v.length];
    }
    if (a instanceof double[][] m) {
      double[][] z = new double[m.length][];
      for (int i = 0; i < m.length; i++) {
        z[i] = new double[m[i].length];
      }
      return z;
    }
    return null;
  }

  static Object randomLike(Object a, Random random) {
    Object z = zerosLike(a);
    if (z instanceof Double) {
      return random.nextGaussian();
    }
    Object[] holder = {z};
    for (int k = 0; k < size(z); k++) {
      set(holder, 0, k, random.nextGaussian());
    }
    return holder[0];
  }
}
