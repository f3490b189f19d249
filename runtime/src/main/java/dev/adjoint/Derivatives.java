package dev.adjoint;

import dev.adjoint.spi.DerivativeRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the generated derivatives of a {@link Differentiable} method by its class and name.
 *
 * <pre>{@code
 * DifferentiableMethod f = Derivatives.of(Foo.class, "f");
 * Object[] gradient = f.gradient(2.0, new double[] {1, 2});
 * }</pre>
 *
 * <p>How it works: the annotation processor writes a companion class next to each class with
 * {@code @Differentiable} methods ({@code p.FooDerivatives} for {@code p.Foo},
 * {@code p.Outer_InnerDerivatives} for a nested {@code p.Outer.Inner}). This method loads that class
 * through the owner's class loader; its static initialiser registers one object per method, and the
 * object returned here calls the generated code directly, without reflection. Nothing needs to be
 * configured, and it works whichever jar or folder each class comes from.
 *
 * <p>Lookups after the first for a class are a map access; the returned object can be kept and
 * shared between threads.
 */
public final class Derivatives {
  private Derivatives() {}

  /**
   * The differentiable method {@code methodName} of {@code owner}.
   *
   * @param owner the class declaring the method (a top-level or member class)
   * @param methodName the method's name
   * @return the method with its derivatives
   * @throws IllegalArgumentException when there are no derivatives for that method, with a message
   *     saying why and what to do
   * @throws IllegalStateException when the generated class exists but cannot be loaded or initialised
   * @throws NullPointerException when an argument is null
   */
  public static DifferentiableMethod of(Class<?> owner, String methodName) {
    Objects.requireNonNull(owner, "Derivatives.of: owner class is null");
    Objects.requireNonNull(methodName, "Derivatives.of: method name is null");
    Optional<DifferentiableMethod> known = DerivativeRegistry.lookup(owner, methodName);
    if (known.isPresent()) {
      return known.get();
    }
    String companion = CompanionName.of(owner);
    if (!loadCompanion(owner, methodName, companion)) {
      throw MissingDerivatives.noCompanion(owner, methodName, companion);
    }
    return DerivativeRegistry.lookup(owner, methodName).orElseThrow(() -> MissingDerivatives.notRegistered(
        owner, methodName, companion, DerivativeRegistry.registeredNames(owner)));
  }

  /**
   * Loading runs the companion's static initialiser, which registers its methods. {@code Class.forName}
   * checks no module access, so a named module need not export or open anything to the runtime.
   */
  private static boolean loadCompanion(Class<?> owner, String methodName, String companion) {
    if (owner.isPrimitive() || owner.isArray()) {
      return false;
    }
    try {
      Class.forName(companion, true, owner.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    } catch (LinkageError e) {
      throw MissingDerivatives.cannotLoad(owner, methodName, companion, e);
    }
  }
}
