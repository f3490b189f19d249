package dev.adjoint.junit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.adjoint.Derivatives;
import dev.adjoint.Differentiable;
import dev.adjoint.DifferentiableMethod;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks the generated derivatives of {@code @Differentiable} methods, as JUnit 5 dynamic tests.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> derivatives() {
 *   return GradientCheck.of(Classic.class)       // every @Differentiable method of Classic
 *       .at("e", 2.0, 1.0)                        // points: one argument per parameter
 *       .at("e", -0.5, 3.0)
 *       .tests();
 * }
 * }</pre>
 *
 * <p>At each point two tests run:
 * <ul>
 *   <li><b>reverse mode against central finite differences</b>, entry by entry: the gradient (for a
 *       method returning {@code double[]}, the pullback of random result weights {@code w}, against the
 *       differences of {@code w . f}). Each entry {@code x} moves by {@code step * max(1, |x|)};
 *       reverse and differences agree when {@code |a - b| <= absolute + relative * max(|a|, |b|)};
 *   <li><b>forward against reverse mode</b>, by the dot-product test {@code <J v, w> = <v, J^T w>}
 *       for random directions {@code v} and weights {@code w}, to a much tighter tolerance (both are
 *       exact up to rounding).
 * </ul>
 * A failure names the method, the point, and for each disagreeing entry the parameter, the element
 * and both values, for instance
 * {@code Classic.e(a = 2.0, b = 1.0): ... parameter b: reverse mode 5.0, finite differences 4.0}.
 *
 * <p>Arguments are passed as to {@link DifferentiableMethod#invoke}: a {@code Double} for a
 * {@code double} parameter, an {@code Integer} for an {@code int}, arrays as they are. Every
 * evaluation gets a fresh copy of the arrays, so a method that writes into its array parameters is
 * checked at the point given. Every {@code @Differentiable} method of the class must get at least one
 * point: a method without one is a failing test, so that a new method cannot go unchecked.
 *
 * <p>An instance is a builder: configure it, then call {@link #tests()}. Not safe for concurrent
 * configuration.
 */
public final class GradientCheck {
  private final String subject;
  private final Map<String, DifferentiableMethod> methods = new LinkedHashMap<>();
  private final Map<String, List<Point>> points = new LinkedHashMap<>();
  private Tolerance finiteDifferences = Settings.DEFAULT.finiteDifferences();
  private Tolerance forwardReverse = Settings.DEFAULT.forwardReverse();
  private double step = Settings.DEFAULT.step();
  private long seed = Settings.DEFAULT.seed();

  private GradientCheck(String subject, List<DifferentiableMethod> methods) {
    this.subject = subject;
    for (DifferentiableMethod m : methods) {
      Objects.requireNonNull(m, "a method to check is null");
      if (this.methods.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("two methods to check are named " + m.name() + ": " + m + " and "
            + this.methods.get(m.name()));
      }
      points.put(m.name(), new ArrayList<>());
    }
  }

  /**
   * Checks every {@code @Differentiable} method of {@code owner}, found through
   * {@link Derivatives#of(Class, String)}.
   *
   * @param owner a class compiled with the adjoint-processor
   * @return a builder; give each method its points with {@link #at}
   * @throws IllegalArgumentException when {@code owner} declares no {@code @Differentiable} method, or
   *     when the registry has no derivatives for one of them
   */
  public static GradientCheck of(Class<?> owner) {
    Objects.requireNonNull(owner, "owner");
    List<DifferentiableMethod> found = Arrays.stream(owner.getDeclaredMethods())
        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(Differentiable.class))
        .sorted(Comparator.comparing(Method::getName))
        .map(m -> Derivatives.of(owner, m.getName()))
        .collect(Collectors.toList());
    if (found.isEmpty()) {
      throw new IllegalArgumentException(owner.getName() + " declares no static @Differentiable method to check");
    }
    return new GradientCheck(owner.getSimpleName(), found);
  }

  /**
   * Checks the given methods, for instance ones from {@link Derivatives#of} of several classes.
   *
   * @param methods methods with distinct names
   * @return a builder; give each method its points with {@link #at}
   */
  public static GradientCheck of(DifferentiableMethod... methods) {
    List<DifferentiableMethod> list = List.of(methods);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("no method to check");
    }
    return new GradientCheck(list.get(0).owner().getSimpleName(), list);
  }

  /**
   * Adds a point at which to check a method.
   *
   * @param method the method's name
   * @param arguments one argument per parameter, as for {@link DifferentiableMethod#invoke}; arrays
   *     are copied now and again for every evaluation
   * @return this builder
   * @throws IllegalArgumentException when there is no such method to check, or the number of
   *     arguments is not the number of parameters
   */
  public GradientCheck at(String method, Object... arguments) {
    DifferentiableMethod m = methods.get(method);
    if (m == null) {
      throw new IllegalArgumentException("no @Differentiable method " + method + " to check in " + subject
          + "; the methods are " + methods.keySet());
    }
    points.get(method).add(new Point(m, arguments));
    return this;
  }

  /**
   * The tolerance of reverse mode against central finite differences; by default relative
   * {@code 1e-5}, absolute {@code 1e-7}.
   *
   * @param relative allowed difference per unit of the larger magnitude
   * @param absolute allowed difference near zero
   * @return this builder
   */
  public GradientCheck tolerance(double relative, double absolute) {
    finiteDifferences = new Tolerance(relative, absolute);
    return this;
  }

  /**
   * The tolerance of the dot-product test of forward against reverse mode, relative to the sum of the
   * magnitudes of the products summed; by default relative {@code 1e-9}, absolute {@code 1e-12}.
   *
   * @param relative allowed difference per unit of magnitude
   * @param absolute allowed difference near zero
   * @return this builder
   */
  public GradientCheck forwardReverseTolerance(double relative, double absolute) {
    forwardReverse = new Tolerance(relative, absolute);
    return this;
  }

  /**
   * The relative finite-difference step: an entry {@code x} moves by {@code step * max(1, |x|)} each
   * way. By default {@code 1e-6}.
   *
   * @param step a positive number
   * @return this builder
   */
  public GradientCheck step(double step) {
    this.step = new Settings(finiteDifferences, forwardReverse, step, seed).step();
    return this;
  }

  /**
   * The seed of the random directions and result weights; by default 42, so that runs repeat.
   *
   * @param seed any number
   * @return this builder
   */
  public GradientCheck seed(long seed) {
    this.seed = seed;
    return this;
  }

  /**
   * The tests, for a {@code @TestFactory} method to return: one container per method, holding two
   * tests per point (or one failing test when the method was given no point).
   *
   * @return the tests, each running when JUnit runs it
   */
  public Stream<DynamicNode> tests() {
    Settings settings = new Settings(finiteDifferences, forwardReverse, step, seed);
    List<DynamicNode> containers = new ArrayList<>();
    for (DifferentiableMethod m : methods.values()) {
      containers.add(DynamicContainer.dynamicContainer(subject + "." + m.name(), testsOf(m, settings)));
    }
    return containers.stream();
  }

  private List<DynamicNode> testsOf(DifferentiableMethod m, Settings settings) {
    List<Point> at = List.copyOf(points.get(m.name()));
    if (at.isEmpty()) {
      return List.of(DynamicTest.dynamicTest(m.name() + ": no point given", () -> fail("No point given for "
          + subject + "." + m.name() + ": add .at(\"" + m.name() + "\", ...) with one argument per parameter "
          + m.parameterNames() + ", so that its derivatives are checked")));
    }
    List<DynamicNode> tests = new ArrayList<>();
    for (Point p : at) {
      Evaluation eval = new Evaluation(p);
      tests.add(DynamicTest.dynamicTest(p + ": reverse mode against central finite differences",
          () -> FiniteDifferenceCheck.run(eval, settings)));
      tests.add(DynamicTest.dynamicTest(p + ": forward against reverse mode (dot-product test)",
          () -> DotProductCheck.run(eval, settings)));
    }
    return tests;
  }
}
