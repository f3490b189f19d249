package dev.adjoint.junit;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.spi.GeneratedMethod;
import java.util.List;

/**
 * Derivatives written by hand, with deliberate mistakes, for f(x, w) = x * (w[0] + 2 w[1]):
 * df/dx = w[0] + 2 w[1], df/dw = (x, 2x).
 */
final class HandMade {
  private HandMade() {}

  static double f(double x, double[] w) {
    return x * (w[0] + 2 * w[1]);
  }

  /** Reverse mode forgets the factor 2 of w[1]; forward mode is right. */
  static DifferentiableMethod wrongGradient() {
    return new Method(true, false);
  }

  /** Reverse mode is right; forward mode forgets the factor 2 of w[1]. */
  static DifferentiableMethod wrongTangent() {
    return new Method(false, true);
  }

  static DifferentiableMethod right() {
    return new Method(false, false);
  }

  private static final class Method extends GeneratedMethod {
    private final boolean wrongGradient;
    private final boolean wrongTangent;

    Method(boolean wrongGradient, boolean wrongTangent) {
      super(HandMade.class, "f", List.of("x", "w"), List.<Class<?>>of(double.class, double[].class),
          new boolean[] {true, true}, double.class);
      this.wrongGradient = wrongGradient;
      this.wrongTangent = wrongTangent;
    }

    @Override
    protected Object invokeChecked(Object[] args) {
      return f((double) args[0], (double[]) args[1]);
    }

    @Override
    protected Object[] gradientChecked(Object[] args) {
      double x = (double) args[0];
      double[] w = (double[]) args[1];
      return new Object[] {w[0] + 2 * w[1], new double[] {x, (wrongGradient ? 1 : 2) * x}};
    }

    @Override
    protected Object tangentChecked(Object[] args, Object[] tangents) {
      double x = (double) args[0];
      double[] w = (double[]) args[1];
      double xDot = (double) tangents[0];
      double[] wDot = (double[]) tangents[1];
      return (w[0] + 2 * w[1]) * xDot + x * wDot[0] + (wrongTangent ? 1 : 2) * x * wDot[1];
    }
  }
}
