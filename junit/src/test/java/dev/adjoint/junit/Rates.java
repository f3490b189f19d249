package dev.adjoint.junit;

import dev.adjoint.Differentiable;

/** A method returning void that writes its result into an array, as ODE right-hand sides do. */
final class Rates {
  private Rates() {}

  @Differentiable
  static void rhs(double t, double[] y, double k, double[] dydt) {
    dydt[0] = y[1] + 0.5 * dydt[0];
    dydt[1] = -k * Math.sin(y[0]) * t;
  }
}
