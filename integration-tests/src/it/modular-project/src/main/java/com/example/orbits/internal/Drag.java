package com.example.orbits.internal;

import dev.adjoint.Differentiable;

/** In a package the module does not export; Orbit calls it. */
public final class Drag {
  private Drag() {}

  /** A small loss that grows with speed. */
  @Differentiable(wrt = "p")
  public static double loss(double[] p, double coefficient) {
    return coefficient * Math.pow(p[0] * p[0] + p[1] * p[1], 1.5);
  }
}
