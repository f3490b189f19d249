package dev.adjoint.junit;

/**
 * How the checks compare.
 *
 * @param finiteDifferences reverse mode against central finite differences
 * @param forwardReverse forward against reverse mode, relative to the sum of the magnitudes of the
 *     terms of the dot products
 * @param step the finite-difference step, relative: entry x moves by {@code step * max(1, |x|)}
 * @param seed the seed of the random directions and result weights
 */
record Settings(Tolerance finiteDifferences, Tolerance forwardReverse, double step, long seed) {
  static final Settings DEFAULT = new Settings(new Tolerance(1e-5, 1e-7), new Tolerance(1e-9, 1e-12), 1e-6, 42);

  Settings {
    if (!(step > 0) || Double.isInfinite(step)) {
      throw new IllegalArgumentException("the finite-difference step must be a positive number, not " + step);
    }
  }
}
