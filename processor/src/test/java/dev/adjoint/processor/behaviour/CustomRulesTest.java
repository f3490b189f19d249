package dev.adjoint.processor.behaviour;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @DerivativeOf}: a user's partials method gives the derivative of a static method, in both modes, for
 * targets of this build and of jars compiled without Adjoint, and rules travel in jars compiled with it.
 */
class CustomRulesTest {
  /** A library compiled without Adjoint: an iterative solve Adjoint could only differentiate step by step. */
  private static final String SPECIAL = """
      package lib;

      public final class Special {
        private Special() {}

        public static double cubeRoot(double a) {
          double x = a > 1 ? a : 1;
          for (int i = 0; i < 60; i++) {
            x = x - (x * x * x - a) / (3 * x * x);
          }
          return x;
        }

        public static double weighted(double x, int n, double y) {
          return n * x * y + Math.sin(y);
        }

        // a deliberately "wrong" rule below makes the use of the rule visible
        public static double square(double x) {
          return x * x;
        }
      }
      """;

  private static final String RULES = """
      package rules;

      import dev.adjoint.DerivativeOf;
      import lib.Special;

      public final class Rules {
        private Rules() {}

        @DerivativeOf(value = Special.class, method = "cubeRoot")
        public static double dCubeRoot(double a) {
          double r = Special.cubeRoot(a);
          return 1 / (3 * r * r);
        }

        @DerivativeOf(value = Special.class, method = "weighted")
        public static double[] dWeighted(double x, int n, double y) {
          return new double[] {n * y, n * x + Math.cos(y)};
        }

        @DerivativeOf(value = Special.class, method = "square")
        public static double dSquare(double x) {
          return 5.0;
        }
      }
      """;

  private static final String MODEL = """
      package p;

      import dev.adjoint.Differentiable;
      import lib.Special;

      public class Model {
        @Differentiable
        public static double loop(double a, double b) {
          double s = 0;
          for (int i = 0; i < 3; i++) {
            s += Special.cubeRoot(a * a + i) * Special.weighted(b, i, a);
          }
          return s;
        }

        @Differentiable
        public static double straight(double[] x) {
          return Special.cubeRoot(x[0] * x[0] + 2) + Special.weighted(x[1], 3, x[0]);
        }

        @Differentiable
        public static double square(double x) {
          return Special.square(x);
        }
      }
      """;

  private static Path library;

  @BeforeAll
  static void compileLibrary() throws IOException {
    library = ClassPathBuilds.libraryWithoutAdjoint("lib.Special", SPECIAL);
  }

  @Test
  void rulesOfThisBuildGiveDerivativesOfAJarMethodInBothModes() {
    Compilation c = compile(List.of(library), Compiler.source("rules.Rules", RULES), Compiler.source("p.Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = load(c, library);
    check(loader, "loop", at(0.7, 1.3), at(-1.1, 0.4), at(2.0, -0.5));
    check(loader, "straight", at(new double[] {0.3, 0.9}), at(new double[] {-1.4, 2.2}));
    String generated = Compiler.generatedSource(c, "p.ModelDerivatives");
    assertTrue(generated.contains("Rules.dCubeRoot("), generated);
  }

  /** dWeighted gives both partials of weighted in one array: each use calls it once, in each mode. */
  @Test
  void aPartialsMethodOfSeveralDoublesIsCalledOncePerUse() {
    Compilation c = compile(List.of(library), Compiler.source("rules.Rules", RULES), Compiler.source("p.Model", MODEL));
    String generated = Compiler.generatedSource(c, "p.ModelDerivatives");
    assertTrue(generated.contains("double[] partials = Rules.dWeighted("), generated);
    assertTrue(generated.contains("partials[1]"), generated);
    assertFalse(java.util.regex.Pattern.compile("dWeighted\\([^;]*\\)\\[").matcher(generated).find(),
        "no partial read from a call of its own:\n" + generated);
    check(load(c, library), "loop", at(0.4, -0.9), at(1.6, 0.2));
  }

  @Test
  void theRuleIsWhatTheDerivativeUsesNotTheTargetsBody() throws Exception {
    Compilation c = compile(List.of(library), Compiler.source("rules.Rules", RULES), Compiler.source("p.Model", MODEL));
    DifferentiableMethod square = Derivatives.of(load(c, library).loadClass("p.Model"), "square");
    // d/dx x^2 is 2x, but the rule says 5: both modes follow the rule.
    assertEquals(5.0, (Double) square.gradient(3.0)[0]);
    assertEquals(5.0 * 0.5, (Double) square.tangent(new Object[] {3.0}, new Object[] {0.5}));
  }

  @Test
  void rulesCompiledIntoAJarApplyToLaterBuilds() throws IOException {
    Compilation rules = compile(List.of(library), Compiler.source("rules.Rules", RULES));
    assertThat(rules).succeededWithoutWarnings();
    Path rulesJar = ClassPathBuilds.write(rules, "adjoint-rules");
    assertTrue(Files.exists(rulesJar.resolve("META-INF/adjoint/rules/lib.Special.cubeRoot")));
    Compilation c = compile(List.of(library, rulesJar), Compiler.source("p.Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = load(c, library, rulesJar);
    check(loader, "loop", at(0.7, 1.3), at(-1.1, 0.4));
  }

  @Test
  void withoutTheRuleTheJarMethodIsAnError() {
    Compilation c = compile(List.of(library), Compiler.source("p.Model", MODEL));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("Special.cubeRoot");
  }

  @Test
  void noSecondOrderThroughRulesYetAndTheRegistrySaysWhy() throws Exception {
    Compilation c = compile(List.of(library), Compiler.source("rules.Rules", RULES), Compiler.source("p.Model", MODEL));
    DifferentiableMethod loop = Derivatives.of(load(c, library).loadClass("p.Model"), "loop");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> loop.hessianVector(new Object[] {0.5, 0.5}, new Object[] {1.0, 0.0}));
    assertTrue(e.getMessage().contains("@DerivativeOf partials method dWeighted"), e.getMessage());
  }

  /** The same rules, their partials methods themselves @Differentiable (a rule inside a rule included). */
  private static final String DIFFERENTIABLE_RULES = RULES
      .replace("import dev.adjoint.DerivativeOf;", "import dev.adjoint.DerivativeOf;\nimport dev.adjoint.Differentiable;")
      .replace("  @DerivativeOf(value = Special.class, method = \"cubeRoot\")",
          "  @Differentiable\n  @DerivativeOf(value = Special.class, method = \"cubeRoot\")")
      .replace("  @DerivativeOf(value = Special.class, method = \"weighted\")",
          "  @Differentiable\n  @DerivativeOf(value = Special.class, method = \"weighted\")");

  @Test
  void secondOrderGoesThroughAPartialsMethodThatIsItselfDifferentiable() throws Exception {
    assertTrue(DIFFERENTIABLE_RULES.contains("@Differentiable\n  @DerivativeOf(value = Special.class, method = \"weighted\")"));
    Compilation c = compile(List.of(library), Compiler.source("rules.Rules", DIFFERENTIABLE_RULES),
        Compiler.source("p.Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    String generated = Compiler.generatedSource(c, "p.ModelDerivatives");
    assertTrue(generated.contains("public static LoopHessianVector loopHessianVector("), generated);
    assertTrue(generated.contains("RulesDerivatives.dWeightedTangent("), generated);
    ClassLoader loader = load(c, library);
    // DerivativeCheck compares each Hessian-vector product with central differences of the gradient.
    check(loader, "loop", at(0.7, 1.3), at(-1.1, 0.4), at(2.0, -0.5));
    check(loader, "straight", at(new double[] {0.3, 0.9}), at(new double[] {-1.4, 2.2}));
    DifferentiableMethod loop = Derivatives.of(loader.loadClass("p.Model"), "loop");
    assertEquals(2, loop.hessianVector(new Object[] {0.7, 1.3}, new Object[] {1.0, 0.0}).length);
  }

  // ---- errors at the annotation -------------------------------------------------------------

  @Test
  void aMissingTargetIsAnErrorAtTheAnnotation() {
    assertRuleError("""
        @DerivativeOf(value = Special.class, method = "cubeRot")
        public static double d(double a) {
          return 0;
        }
        """, "the @DerivativeOf rule names lib.Special.cubeRot, which does not exist (Special has no static method"
        + " named cubeRot)");
  }

  @Test
  void parametersThatDoNotMatchAreAnErrorNamingTheSignatureExpected() {
    assertRuleError("""
        @DerivativeOf(value = Special.class, method = "weighted")
        public static double[] d(double x, double y) {
          return null;
        }
        """, "its parameters must be exactly those of weighted(double, int, double): static double[] d(double, int, double)");
  }

  @Test
  void aScalarResultForSeveralDoublesIsAnError() {
    assertRuleError("""
        @DerivativeOf(value = Special.class, method = "weighted")
        public static double d(double x, int n, double y) {
          return 0;
        }
        """, "it must be static, not private, and return double[]");
  }

  @Test
  void aPrivatePartialsMethodIsAnError() {
    assertRuleError("""
        @DerivativeOf(value = Special.class, method = "cubeRoot")
        private static double d(double a) {
          return 0;
        }
        """, "it must be static, not private, and return double");
  }

  private static void assertRuleError(String member, String expected) {
    String source = "package rules;\n\nimport dev.adjoint.DerivativeOf;\nimport lib.Special;\n\n"
        + "public final class Bad {\n" + member.indent(2) + "}\n";
    JavaFileObject file = Compiler.source("rules.Bad", source);
    Compilation c = compile(List.of(library), file);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(expected).inFile(file).onLineContaining("@DerivativeOf");
  }

  // ---- compiling against a class path -------------------------------------------------------

  private static void check(ClassLoader loader, String method, Object[]... points) {
    ClassPathBuilds.check(loader, "p.Model", method, points);
  }

  private static Compilation compile(List<Path> classPath, JavaFileObject... sources) {
    return ClassPathBuilds.compile(classPath, sources);
  }

  private static ClassLoader load(Compilation c, Path... classPath) {
    return ClassPathBuilds.load(c, classPath);
  }
}
