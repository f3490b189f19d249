package dev.adjoint.processor.fuzz;

/**
 * What {@link ProgramGenerator} adds to the programs of its base generator. {@code restrictedCalls}:
 * after the base methods, the methods of {@link CallShapes}, drawn from a second random stream so
 * that the base methods of a seed are the same either way. {@code unrestricted}: those methods
 * without any {@code @NoDerivative} or {@code wrt}, the same code with calls that differentiate
 * every argument (what a caller must get either way).
 *
 * {@code records}: programs of odd seeds pass each method's parameters through a record
 * ({@link Ast.Program#recordParameters}).
 *
 * <p>From {@code -Dadjoint.fuzz.calls}: {@code true} (the default), {@code false}, or
 * {@code unrestricted}; and {@code -Dadjoint.fuzz.records}: {@code true} (the default) or {@code false}.
 */
record GeneratorOptions(boolean restrictedCalls, boolean unrestricted, boolean records) {
  static GeneratorOptions fromSystemProperties() {
    String calls = System.getProperty("adjoint.fuzz.calls", "true").trim();
    boolean records = Boolean.parseBoolean(System.getProperty("adjoint.fuzz.records", "true").trim());
    return switch (calls) {
      case "true" -> new GeneratorOptions(true, false, records);
      case "false" -> new GeneratorOptions(false, false, records);
      case "unrestricted" -> new GeneratorOptions(true, true, records);
      default -> throw new IllegalArgumentException("adjoint.fuzz.calls: true, false or unrestricted, not " + calls);
    };
  }

  GeneratorOptions withoutCalls() {
    return new GeneratorOptions(false, false, records);
  }
}
