package com.example.orbits.internal;

import dev.adjoint.Differentiable;

/** Package-private, in a package the module does not export: the registry still reaches it. */
final class Friction {
  private Friction() {}

  @Differentiable
  static double work(double v, double mu) {
    return mu * v * v;
  }
}
