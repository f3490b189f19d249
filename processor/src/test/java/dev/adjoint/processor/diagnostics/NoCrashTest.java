package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Compiler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that are broken Java, or odd but valid Java: whatever javac and the processor say, the
 * processor never throws and never reports an internal error.
 */
class NoCrashTest {
  private static final Map<String, String> SOURCES = new LinkedHashMap<>();

  private static void method(String name, String signature, String body) {
    SOURCES.put(name, "class T {\n  @Differentiable\n  " + signature + " {\n" + body + "\n  }\n}\n");
  }

  static {
    method("unresolved variable", "static double f(double x)", "    return x * nope;");
    method("unresolved parameter type", "static double f(Nope x)", "    return 1;");
    method("unresolved method", "static double f(double x)", "    return nope(x);");
    method("unresolved local type", "static double f(double x)", "    Nope y = null;\n    return x;");
    method("unresolved static member", "static double f(double x)", "    return x * Nope.K;");
    method("missing return", "static double f(double x)", "    if (x > 0) {\n      return x;\n    }");
    method("break outside a loop", "static double f(double x)", "    break;");
    method("continue to a missing label", "static double f(double x)",
        "    for (int i = 0; i < 2; i++) {\n      continue nowhere;\n    }\n    return x;");
    method("type mismatch", "static double f(double x)", "    double y = \"a\";\n    return y;");
    method("wrong argument count", "static double f(double x)", "    return Math.sin(x, x);");
    method("double as array index", "static double f(double x, double[] a)", "    return a[x];");
    method("shift of a double", "static double f(double x)", "    return x << 1;");
    method("return without value", "static double f(double x)", "    return;");
    method("void method returning a value", "static void f(double x)", "    return x;");
    method("unreachable code", "static double f(double x)", "    return x;\n    x = 2;");
    method("duplicate local", "static double f(double x)", "    double y = 1;\n    double y = 2;\n    return x * y;");
    method("call of an instance method without receiver", "static double f(double x)", "    return g(x);\n  }\n\n"
        + "  double g(double v) {\n    return v;");
    method("abstract in a concrete class", "abstract double f(double x)", "    return x;");
    method("wrt of the wrong type", "static double f(double x)", "    return x;");
    SOURCES.put("wrt of the wrong type", "class T {\n  @Differentiable(wrt = 3)\n  static double f(double x) {\n"
        + "    return x;\n  }\n}\n");
    SOURCES.put("wrt with a single string", "class T {\n  @Differentiable(wrt = \"x\")\n"
        + "  static double f(double x, double y) {\n    return x * y;\n  }\n}\n");
    SOURCES.put("wrt naming a parameter twice", "class T {\n  @Differentiable(wrt = {\"x\", \"x\"})\n"
        + "  static double f(double x, double y) {\n    return x * y;\n  }\n}\n");
    SOURCES.put("annotation on a field", "class T {\n  @Differentiable\n  static double k = 1;\n}\n");
    SOURCES.put("annotation on a constructor", "class T {\n  @Differentiable\n  T() {\n  }\n}\n");
    method("no parameters", "static double f()", "    return 1;");
    method("only constant parameters", "static double f(@NoDerivative double x, int n)", "    return x * n;");
    SOURCES.put("generic class", "class T<E> {\n  @Differentiable\n  static double f(double x) {\n    return x * x;\n"
        + "  }\n}\n");
    SOURCES.put("enum owner", "enum T {\n  A;\n\n  @Differentiable\n  static double f(double x) {\n    return x * x;\n"
        + "  }\n}\n");
    SOURCES.put("record owner", "record T(double a) {\n  @Differentiable\n  static double f(double x) {\n"
        + "    return x * x;\n  }\n}\n");
    SOURCES.put("interface owner", "interface T {\n  @Differentiable\n  static double f(double x) {\n"
        + "    return x * x;\n  }\n}\n");
    SOURCES.put("annotation type owner", "@interface T {\n  @Differentiable\n  double f();\n}\n");
    method("comment inside a statement", "static double f(double x)", "    double y = x /* half */ * 2;\n    return y;");
    method("unicode escape in a name", "static double f(double x)", "    double \\u0079 = x * 2;\n    return y;");
    method("locals named like generated ones", "static double f(double x)",
        "    double xBar = x * 2;\n    double xDot = xBar * x;\n    double result = xDot + 1;\n"
            + "    double ySin = result * result;\n    double y = Math.sin(x) * ySin;\n    return y;");
    method("nested loops with labels", "static double f(double x, int n)",
        "    double s = 0;\n    outer:\n    for (int i = 0; i < n; i++) {\n      for (int j = 0; j < n; j++) {\n"
            + "        if (j > i) {\n          continue outer;\n        }\n        if (i > 3) {\n          break outer;\n"
            + "        }\n        s += x * j;\n      }\n    }\n    return s;");
    method("100 nested calls", "static double f(double x)", "    return " + "Math.sin(".repeat(100) + "x"
        + ")".repeat(100) + ";");
    method("sum of 500 terms", "static double f(double x)", "    return x" + " + x".repeat(499) + ";");
    method("300 statements", "static double f(double x)", "    double y = x;\n" + "    y = y * 1.001 + x;\n".repeat(300)
        + "    return y;");
  }

  static Stream<Arguments> sources() {
    return SOURCES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void theProcessorNeverThrows(String name, String text) {
    String source = Hostile.unit(text);
    Compilation c = Compiler.compile(Compiler.source("p.T", source));
    Hostile.noCrash(c);
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      assertFalse(d.getMessage(null).contains("An annotation processor threw an uncaught exception"),
          Hostile.dump(c));
    }
    Hostile.generatedSources(Compiler.source("p.T", source)); // fails on a crash as well
  }
}
