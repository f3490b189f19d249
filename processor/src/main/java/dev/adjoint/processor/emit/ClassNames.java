package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;

/**
 * Class names from qualified names, split at the first segment that starts with an upper-case letter
 * (the Java convention for packages and classes): {@code p.FooDerivatives.FGradient} is the class
 * {@code FGradient} nested in {@code p.FooDerivatives}.
 */
final class ClassNames {
  private ClassNames() {}

  static ClassName of(String qualified) {
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
