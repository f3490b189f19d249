package dev.adjoint.junit;

/**
 * When two derivative values count as equal: {@code |a - b| <= absolute + relative * max(|a|, |b|)}.
 * Two NaNs are equal, and so are two infinities of the same sign; a NaN and a number never are.
 *
 * @param relative the allowed difference per unit of the larger magnitude
 * @param absolute the allowed difference near zero
 */
record Tolerance(double relative, double absolute) {
  Tolerance {
    if (!(relative >= 0) || !(absolute >= 0)) {
      throw new IllegalArgumentException("tolerances must be zero or positive numbers, not relative " + relative
          + " and absolute " + absolute);
    }
  }

  /** The largest difference accepted between {@code a} and {@code b}, scaled by {@code scale}. */
  double bound(double scale) {
    return absolute + relative * scale;
  }

  boolean accepts(double a, double b) {
    return accepts(a, b, Math.max(Math.abs(a), Math.abs(b)));
  }

  /** {@code scale}: the magnitude the relative part is taken of. */
  boolean accepts(double a, double b, double scale) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= bound(scale);
  }

  @Override
  public String toString() {
    return "relative " + relative + ", absolute " + absolute;
  }
}
