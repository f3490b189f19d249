package dev.adjoint.processor.fuzz;

/**
 * What {@link ProgramGenerator} adds to the programs of its base generator. {@code restrictedCalls}:
 * after the base methods, the methods of {@link CallShapes}, drawn from a second random stream so
 * that the base methods of a seed are the same either way. {@code unrestricted}: those methods
 * without any {@code @NoDerivative} or {@code wrt}, the same code with calls that differentiate
 * every argument (what a caller must get either way).
 *
 * <p>From {@code -Dadjoint.fuzz.calls}: {@code true} (the default), {@code false}, or
 * {@code unrestricted}.
 */
record GeneratorOptions(boolean restrictedCalls, boolean unrestricted) {
  static GeneratorOptions fromSystemProperties() {
    String calls = System.getProperty("adjoint.fuzz.calls", "true").trim();
    return switch (calls) {
      case "true" -> new GeneratorOptions(true, false);
      case "false" -> new GeneratorOptions(false, false);
      case "unrestricted" -> new GeneratorOptions(true, true);
      default -> throw new IllegalArgumentException("adjoint.fuzz.calls: true, false or unrestricted, not " + calls);
    };
  }

  GeneratorOptions withoutCalls() {
    return new GeneratorOptions(false, false);
  }
}
