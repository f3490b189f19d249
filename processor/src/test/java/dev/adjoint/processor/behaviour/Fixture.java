package dev.adjoint.processor.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.DerivativeCheck;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.tools.JavaFileObject;

/**
 * One compiled class with {@code @Differentiable} methods, and short ways to check them: each
 * behavioural test compiles a small source, then checks both modes at several points.
 */
final class Fixture {
  /** Lines that {@link #source} puts before the class body; a body line k is source line k + HEADER_LINES + 1. */
  static final int HEADER_LINES = 5;

  private final Compiler.Loaded loaded;
  private final String className;

  private Fixture(Compiler.Loaded loaded, String className) {
    this.loaded = loaded;
    this.className = className;
  }

  /**
   * A source {@code p.<simpleName>} whose class body is {@code body}. The header is exactly
   * {@link #HEADER_LINES} lines, followed by the class declaration line.
   */
  static JavaFileObject source(String simpleName, String body) {
    String text = "package p;\n"
        + "\n"
        + "import dev.adjoint.Differentiable;\n"
        + "import dev.adjoint.NoDerivative;\n"
        + "\n"
        + "public class " + simpleName + " {\n"
        + body
        + "}\n";
    return Compiler.source("p." + simpleName, text);
  }

  /** Compiles {@code p.<simpleName>} (and any further sources) cleanly with the processor. */
  static Fixture compile(String simpleName, String body, JavaFileObject... others) {
    JavaFileObject[] all = new JavaFileObject[others.length + 1];
    all[0] = source(simpleName, body);
    System.arraycopy(others, 0, all, 1, others.length);
    return new Fixture(Compiler.compileClean(all), "p." + simpleName);
  }

  /** Compiles full sources; {@code className} is the class whose methods are checked. */
  static Fixture compileSources(String className, JavaFileObject... sources) {
    return new Fixture(Compiler.compileClean(sources), className);
  }

  /** The same compilation, looking at another class. */
  Fixture other(String otherClassName) {
    return new Fixture(loaded, otherClassName);
  }

  Class<?> owner() {
    return loaded.load(className);
  }

  Class<?> companion() {
    return loaded.load(className + "Derivatives");
  }

  String generated() {
    return loaded.source(className + "Derivatives");
  }

  /** The text of one generated method, from its signature to the next method. */
  String generatedMethod(String name) {
    String text = generated();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("public static \\w+ " + name + "\\(").matcher(text);
    int start = m.find() ? m.start() : -1;
    assertTrue(start >= 0, "no method " + name + " in\n" + text);
    int end = text.indexOf("public static", start + 1);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  DifferentiableMethod method(String name) {
    return Derivatives.of(owner(), name);
  }

  /** Runs {@link DerivativeCheck} at each point. */
  void check(String name, Object[]... points) {
    DerivativeCheck check = new DerivativeCheck(method(name), companion(), name.hashCode());
    for (Object[] p : points) {
      check.at(p);
    }
  }

  /** Runs {@link DerivativeCheck} at {@code count} points drawn by {@code draw}. */
  void checkRandom(String name, long seed, int count, Function<Random, Object[]> draw) {
    Random random = new Random(seed);
    List<Object[]> points = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      points.add(draw.apply(random));
    }
    check(name, points.toArray(new Object[0][]));
  }

  Object invoke(String name, Object... args) {
    return method(name).invoke(args);
  }

  Object[] gradient(String name, Object... args) {
    return method(name).gradient(args);
  }

  /** The derivative with respect to parameter {@code index}, which is a double. */
  double partial(String name, int index, Object... args) {
    return (Double) gradient(name, args)[index];
  }

  Object tangent(String name, Object[] args, Object[] tangents) {
    return method(name).tangent(args, tangents);
  }

  /** Calls a method of the companion class by name (FooDerivatives.fGradient and so on). */
  Object callCompanion(String methodName, Object... args) {
    for (Method m : companion().getMethods()) {
      if (m.getName().equals(methodName)) {
        try {
          return m.invoke(null, args);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no method " + methodName + " in " + companion());
  }

  /** Calls a method of the companion class and rethrows what it throws, unwrapped. */
  Object callCompanion0(String methodName, Object... args) throws Throwable {
    for (Method m : companion().getMethods()) {
      if (m.getName().equals(methodName)) {
        try {
          return m.invoke(null, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new AssertionError("no method " + methodName + " in " + companion());
  }

  /** The component names of a record class nested in the companion, in order. */
  List<String> componentNames(String recordSimpleName) {
    Class<?> record = loaded.load(className + "Derivatives$" + recordSimpleName);
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  List<Class<?>> componentTypes(String recordSimpleName) {
    Class<?> record = loaded.load(className + "Derivatives$" + recordSimpleName);
    return Arrays.stream(record.getRecordComponents()).<Class<?>>map(RecordComponent::getType).toList();
  }

  static Object component(Object record, String name) {
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no component " + name + " in " + record.getClass());
  }

  // ---- points -------------------------------------------------------------------------------

  static Object[] at(Object... args) {
    return args;
  }

  static double uniform(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  static double[] vector(Random r, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = uniform(r, lo, hi);
    }
    return v;
  }

  static double[][] matrix(Random r, int rows, int cols, double lo, double hi) {
    double[][] m = new double[rows][];
    for (int i = 0; i < rows; i++) {
      m[i] = vector(r, cols, lo, hi);
    }
    return m;
  }

  static void assertClose(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-12 * Math.max(1.0, Math.abs(expected)), what);
  }
}
