package dev.adjoint.optim;

/** Argument checks for the optimizers' settings. */
final class Checks {
  private Checks() {}

  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
