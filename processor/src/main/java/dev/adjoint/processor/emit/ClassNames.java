package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import java.util.HashMap;
import java.util.Map;

/**
 * Class names from qualified names. Generated companions and their records are registered first so
 * that {@code p.FooDerivatives.FGradient} is known to be a nested class; any other name is split at
 * the first upper-case segment (the Java convention for packages and classes).
 */
final class ClassNames {
  private static final ThreadLocal<Map<String, ClassName>> KNOWN = ThreadLocal.withInitial(HashMap::new);

  private ClassNames() {}

  static void register(String qualified, ClassName name) {
    KNOWN.get().put(qualified, name);
  }

  static ClassName of(String qualified) {
    ClassName known = KNOWN.get().get(qualified);
    if (known != null) {
      return known;
    }
    String[] parts = qualified.split("\\.");
    int first = 0;
    while (first < parts.length - 1 && !Character.isUpperCase(parts[first].charAt(0))) {
      first++;
    }
    String pkg = String.join(".", java.util.Arrays.copyOfRange(parts, 0, first));
    String[] nested = java.util.Arrays.copyOfRange(parts, first + 1, parts.length);
    return ClassName.get(pkg, parts[first], nested);
  }
}
