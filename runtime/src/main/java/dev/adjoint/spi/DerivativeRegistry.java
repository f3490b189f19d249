package dev.adjoint.spi;

import dev.adjoint.DifferentiableMethod;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where generated companion classes announce their methods. <b>For generated code only</b>: users
 * call {@link dev.adjoint.Derivatives#of(Class, String)}, which loads the companion class (running
 * its static initialiser, which calls {@link #register}) and then looks the method up here.
 *
 * <p>Registration by the companion's own static initialiser, rather than through
 * {@code META-INF/services}, works whatever jar or folder each class comes from and needs no
 * resource merging when jars are shaded together.
 */
public final class DerivativeRegistry {
  /*
   * A ClassValue keeps each owner's map inside the owner's Class object. A static
   * Map<Class<?>, ...> would hold every owner, and through it its class loader, forever; this way an
   * unloaded plug-in takes its entries with it.
   */
  private static final ClassValue<Map<String, GeneratedMethod>> METHODS = new ClassValue<>() {
    @Override
    protected Map<String, GeneratedMethod> computeValue(Class<?> owner) {
      return new ConcurrentHashMap<>();
    }
  };

  private DerivativeRegistry() {}

  /**
   * Records the derivatives of some methods of {@code owner}. Safe to call from several threads and
   * more than once: the first registration of a method name wins, later ones are ignored.
   *
   * @param owner the class declaring the methods
   * @param methods the methods, each with {@code owner()} equal to {@code owner}
   * @throws IllegalArgumentException when a method belongs to another class
   */
  public static void register(Class<?> owner, GeneratedMethod... methods) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(methods, "methods");
    for (GeneratedMethod m : methods) {
      Objects.requireNonNull(m, "a registered method is null");
      if (m.owner() != owner) {
        throw new IllegalArgumentException("Adjoint internal error: " + m + " was registered for "
            + owner.getName() + ", not its own class");
      }
    }
    Map<String, GeneratedMethod> byName = METHODS.get(owner);
    for (GeneratedMethod m : methods) {
      byName.putIfAbsent(m.name(), m);
    }
  }

  /**
   * The registered method of this name, if its companion class has been loaded. Used by
   * {@link dev.adjoint.Derivatives}, which loads the companion first.
   *
   * @param owner the class declaring the method
   * @param name the method's name
   * @return the method, or empty when none is registered
   */
  public static Optional<DifferentiableMethod> lookup(Class<?> owner, String name) {
    return Optional.ofNullable(METHODS.get(owner).get(name));
  }

  /**
   * The names of the registered methods of {@code owner}, sorted, so that error messages can say
   * which methods do have derivatives.
   *
   * @param owner the class declaring the methods
   * @return an unmodifiable sorted set, empty when nothing is registered
   */
  public static Set<String> registeredNames(Class<?> owner) {
    return Collections.unmodifiableSet(new TreeSet<>(METHODS.get(owner).keySet()));
  }
}
