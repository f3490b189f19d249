package com.example.orbits;

import com.example.orbits.internal.Drag;
import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** The energy of a body in a central field, and where it is after some leapfrog steps. */
public final class Orbit {
  private Orbit() {}

  /** Kinetic plus potential energy of a body of mass {@code mass} at position q with momentum p. */
  @Differentiable(wrt = {"q", "p"})
  public static double energy(double[] q, double[] p, double mass) {
    double kinetic = (p[0] * p[0] + p[1] * p[1]) / (2 * mass);
    double potential = -mass / Math.sqrt(q[0] * q[0] + q[1] * q[1]);
    return kinetic + potential + Drag.loss(p, 0.01);
  }

  /** The position after {@code steps} leapfrog steps of size {@code dt}, unit mass. */
  @Differentiable
  public static double[] position(double[] q0, double[] p0, @NoDerivative double dt, int steps) {
    double[] q = q0.clone();
    double[] p = p0.clone();
    for (int s = 0; s < steps; s++) {
      double r3 = Math.pow(q[0] * q[0] + q[1] * q[1], 1.5);
      p[0] -= 0.5 * dt * q[0] / r3;
      p[1] -= 0.5 * dt * q[1] / r3;
      q[0] += dt * p[0];
      q[1] += dt * p[1];
      r3 = Math.pow(q[0] * q[0] + q[1] * q[1], 1.5);
      p[0] -= 0.5 * dt * q[0] / r3;
      p[1] -= 0.5 * dt * q[1] / r3;
    }
    return q;
  }
}
