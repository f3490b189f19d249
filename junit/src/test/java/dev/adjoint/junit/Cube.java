package dev.adjoint.junit;

import dev.adjoint.Differentiable;

/** x^3, whose central differences are off by h^2: a large step shows whether the tolerance applies. */
final class Cube {
  private Cube() {}

  @Differentiable
  static double cube(double x) {
    return x * x * x;
  }

  @Differentiable
  static double square(double x) {
    return x * x;
  }
}
