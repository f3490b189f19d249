package dev.adjoint.spi;

/**
 * Multiplies a gradient by a number, into fresh arrays: the pullback of a method returning
 * {@code double} at result bar {@code s} is {@code s} times its gradient.
 */
final class GradientScaling {
  private GradientScaling() {}

  static Object[] scale(Object[] gradient, double s) {
    Object[] out = new Object[gradient.length];
    for (int i = 0; i < gradient.length; i++) {
      out[i] = scale(gradient[i], s);
    }
    return out;
  }

  private static Object scale(Object entry, double s) {
    if (entry == null) {
      return null;
    }
    if (entry instanceof Double) {
      return (Double) entry * s;
    }
    if (entry instanceof Record r) {
      return RecordParts.map(r, c -> scale(c, s));
    }
    if (entry instanceof double[]) {
      return scale((double[]) entry, s);
    }
    if (entry instanceof double[][]) {
      double[][] m = (double[][]) entry;
      double[][] out = new double[m.length][];
      for (int r = 0; r < m.length; r++) {
        out[r] = m[r] == null ? null : scale(m[r], s);
      }
      return out;
    }
    throw new IllegalStateException("Adjoint internal error: a gradient entry is a "
        + Signature.describe(entry) + "; expected Double, double[], double[][] or a record");
  }

  private static double[] scale(double[] v, double s) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * s;
    }
    return out;
  }
}
