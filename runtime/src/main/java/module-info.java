/**
 * Adjoint's runtime: the annotations, the registry of generated derivatives, {@code Jacobian}, and
 * (in {@code dev.adjoint.spi}) what generated code calls. It has no dependencies.
 *
 * <p>A modular project needs only {@code requires dev.adjoint;}. The registry finds a module's
 * generated classes by loading them through the module's class loader, which needs no
 * {@code exports} or {@code opens}.
 */
module dev.adjoint {
  exports dev.adjoint;
  exports dev.adjoint.spi;
}
