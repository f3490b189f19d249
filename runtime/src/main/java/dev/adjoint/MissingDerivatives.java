package dev.adjoint;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

/**
 * Explains why {@link Derivatives#of} found nothing, with the step that fixes it. Reflection is
 * used here only, on the failure path.
 */
final class MissingDerivatives {
  private static final String ADD_PROCESSOR = "add dev.adjoint:adjoint-processor to the compiler's"
      + " annotationProcessorPaths";

  private MissingDerivatives() {}

  /** The companion class does not exist: the processor never ran on the owner. */
  static IllegalArgumentException noCompanion(Class<?> owner, String name, String companion) {
    return new IllegalArgumentException(prefix(owner, name) + "the method is not annotated @Differentiable, or "
        + display(owner) + " was not compiled with the adjoint-processor annotation processor (there is no "
        + companion + " next to it); " + ADD_PROCESSOR + hasNoSuchMethod(owner, name));
  }

  /** The companion exists but registers other methods only. */
  static IllegalArgumentException notRegistered(Class<?> owner, String name, String companion,
      Set<String> registered) {
    return new IllegalArgumentException(prefix(owner, name) + "the method is not annotated @Differentiable"
        + " (" + companion + " has derivatives of " + (registered.isEmpty() ? "no method" : registered)
        + " only); annotate the static method " + name + " with @dev.adjoint.Differentiable, or, if it is,"
        + " rebuild so that the processor runs again" + hasNoSuchMethod(owner, name));
  }

  /**
   * The companion exists but failed to link or initialise: a module that does not read
   * {@code dev.adjoint}, or a processor and runtime of different versions.
   */
  static IllegalStateException cannotLoad(Class<?> owner, String name, String companion, LinkageError error) {
    return new IllegalStateException(prefix(owner, name) + companion + " exists but could not be loaded (" + error
        + "). " + moduleAdvice(owner) + "Otherwise rebuild " + display(owner) + " with the adjoint-processor of the"
        + " same version as the adjoint-runtime it runs with", error);
  }

  /** All a named module needs is to read {@code dev.adjoint}: the registry needs no exports or opens. */
  private static String moduleAdvice(Class<?> owner) {
    Module module = owner.getModule();
    if (!module.isNamed()) {
      return "";
    }
    Module runtime = Derivatives.class.getModule();
    String needs = "the registry needs no exports or opens, only that module " + module.getName() + " reads "
        + runtime.getName();
    return module.canRead(runtime)
        ? "Module " + module.getName() + " reads " + runtime.getName() + ", which is all the registry needs (no exports"
            + " or opens). "
        : "Add 'requires " + runtime.getName() + ";' to the module-info.java of " + module.getName() + " (" + needs
            + "). ";
  }

  private static String prefix(Class<?> owner, String name) {
    return "No derivatives for " + display(owner) + "." + name + ": ";
  }

  /** {@code p.Outer.Inner} as in the source, rather than the binary {@code p.Outer$Inner}. */
  private static String display(Class<?> owner) {
    String canonical = owner.getCanonicalName();
    return canonical != null ? canonical : owner.getName();
  }

  /** Catches a misspelt method name, the most common mistake. */
  private static String hasNoSuchMethod(Class<?> owner, String name) {
    try {
      Method[] methods = owner.getDeclaredMethods();
      boolean exists = Arrays.stream(methods).anyMatch(m -> m.getName().equals(name));
      return exists ? "" : ". Note: " + display(owner) + " declares no method named " + name;
    } catch (LinkageError | SecurityException e) {
      return ""; // the hint is optional; the message above already says what to do
    }
  }
}
