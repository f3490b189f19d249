package dev.adjoint.processor.fuzz;

/**
 * What {@link ProgramGenerator} adds to the programs of its base classes. {@code restrictedCalls}
 * (on by default; {@code -Dadjoint.fuzz.calls=false} turns it off): after the base methods, the
 * methods of {@link CallShapes}, drawn from a second random stream so that the base methods of a
 * seed are the same either way.
 */
record GeneratorOptions(boolean restrictedCalls) {
  static GeneratorOptions fromSystemProperties() {
    return new GeneratorOptions(Boolean.parseBoolean(System.getProperty("adjoint.fuzz.calls", "true").trim()));
  }
}
