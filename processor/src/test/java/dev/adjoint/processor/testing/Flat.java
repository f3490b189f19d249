package dev.adjoint.processor.testing;

import dev.adjoint.spi.RecordParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Treats a Double, double[] or double[][] argument as a flat vector of coordinates, and a record as
 * those of its components that carry derivatives, one after another.
 */
final class Flat {
  private Flat() {}

  private static List<Object> parts(Record r) {
    Object[] values = RecordParts.components(r);
    boolean[] differentiable = RecordParts.differentiableComponents(r.getClass());
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if (differentiable[i]) {
        out.add(values[i]);
      }
    }
    return out;
  }

  static int size(Object a) {
    if (a instanceof Double) {
      return 1;
    }
    if (a instanceof Record r) {
      return parts(r).stream().mapToInt(Flat::size).sum();
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
    if (a instanceof Record r) {
      for (Object c : parts(r)) {
        if (k < size(c)) {
          return get(c, k);
        }
        k -= size(c);
      }
      throw new IndexOutOfBoundsException();
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
    if (a instanceof Record r) {
      // A record cannot change: a new one with the coordinate set in the component that holds it.
      Object[] values = RecordParts.components(r);
      boolean[] differentiable = RecordParts.differentiableComponents(r.getClass());
      for (int i = 0; i < values.length; i++) {
        if (differentiable[i] && k < size(values[i])) {
          set(values, i, k, value);
          args[p] = RecordParts.build(r.getClass(), values);
          return;
        }
        k -= differentiable[i] ? size(values[i]) : 0;
      }
      throw new IndexOutOfBoundsException();
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
    if (a instanceof Record r) {
      Object[] values = RecordParts.components(r);
      for (int i = 0; i < values.length; i++) {
        values[i] = copy(values[i]);
      }
      return RecordParts.build(r.getClass(), values);
    }
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
    if (a instanceof Record r) {
      return RecordParts.carriesDerivatives(r.getClass()) ? RecordParts.map(r, Flat::zerosLike) : null;
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

  /** The value with records taken apart into their components, for comparing arguments by content. */
  static Object contents(Object a) {
    if (a instanceof Record r) {
      return contents(RecordParts.components(r));
    }
    if (a instanceof Object[] array) {
      Object[] out = new Object[array.length];
      for (int i = 0; i < array.length; i++) {
        out[i] = contents(array[i]);
      }
      return out;
    }
    return a;
  }
}
