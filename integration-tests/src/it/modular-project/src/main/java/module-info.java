/**
 * All Adjoint needs from a module: to read dev.adjoint. Nothing is exported or opened to it; the
 * package internal is not exported at all, and the registry still reaches its generated classes.
 *
 * <p>"transitive" only because the exported package carries @Differentiable in its API, which
 * javac's -Xlint:exports asks to be readable by this module's readers too.
 */
module com.example.orbits {
  requires transitive dev.adjoint;

  exports com.example.orbits;
}
