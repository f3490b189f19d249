package dev.adjoint;

/**
 * The binary name of the class the processor generates for an owner class: the owner's package,
 * then the simple names from the outermost class inwards joined by {@code _}, then
 * {@code Derivatives}. {@code p.Foo} gives {@code p.FooDerivatives}, {@code p.Outer.Inner} gives
 * {@code p.Outer_InnerDerivatives}. The processor derives the same name from the source.
 */
final class CompanionName {
  private CompanionName() {}

  static String of(Class<?> owner) {
    StringBuilder simple = new StringBuilder(owner.getSimpleName());
    for (Class<?> c = owner.getDeclaringClass(); c != null; c = c.getDeclaringClass()) {
      simple.insert(0, '_').insert(0, c.getSimpleName());
    }
    String pkg = owner.getPackageName();
    return (pkg.isEmpty() ? "" : pkg + ".") + simple + "Derivatives";
  }
}
