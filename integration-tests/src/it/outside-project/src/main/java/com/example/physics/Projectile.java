package com.example.physics;

import com.google.auto.value.AutoValue;
import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** How far a projectile flies, with drag, stepped in time: a user's own code. */
public final class Projectile {
  private Projectile() {}

  /** Launch settings; AutoValue writes the implementation, Adjoint the derivatives. */
  @AutoValue
  public abstract static class Launch {
    public abstract double speed();

    public abstract double angle();

    public static Launch of(double speed, double angle) {
      return new AutoValue_Projectile_Launch(speed, angle);
    }
  }

  @Differentiable(wrt = {"speed", "angle"})
  public static double range(double speed, double angle, @NoDerivative double drag, int steps) {
    double dt = 0.01;
    double x = 0;
    double y = 0;
    double vx = speed * Math.cos(angle);
    double vy = speed * Math.sin(angle);
    for (int i = 0; i < steps; i++) {
      double v = Math.sqrt(vx * vx + vy * vy);
      vx -= drag * v * vx * dt;
      vy -= (9.81 + drag * v * vy) * dt;
      x += vx * dt;
      y += vy * dt;
      if (y < 0) {
        break;
      }
    }
    return x;
  }
}
