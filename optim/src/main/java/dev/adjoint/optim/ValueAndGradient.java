package dev.adjoint.optim;

import java.util.Objects;

/**
 * An objective's value and its gradient at one point.
 *
 * @param value the objective at the point
 * @param gradient d value / d x, one entry per parameter; the optimizers read it and never change it
 */
public record ValueAndGradient(double value, double[] gradient) {
  /**
   * Checks that there is a gradient.
   *
   * @param value the objective at the point
   * @param gradient d value / d x
   */
  public ValueAndGradient {
    Objects.requireNonNull(gradient, "gradient");
  }
}
