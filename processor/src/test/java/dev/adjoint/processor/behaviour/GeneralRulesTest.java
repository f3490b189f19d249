package dev.adjoint.processor.behaviour;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
 * The general form of {@code @DerivativeOf}: a tangent method and a pullback method the user writes
 * for a target with array parameters or an array result. Both modes against central differences and
 * each other, the rules really used, rules from a jar, and the errors at the annotation.
 */
class GeneralRulesTest {
  /** A library compiled without Adjoint: a norm, a Newton solve, and functions of several kinds of parameter. */
  private static final String LIN = """
      package lib;

      public final class Lin {
        private Lin() {}

        public static double norm(double[] x) {
          double s = 0;
          for (double v : x) {
            s += v * v;
          }
          return Math.sqrt(s);
        }

        /** Solves x^3 + s x = p elementwise by Newton's method. */
        public static double[] solve(double[] p, double s, int iterations) {
          double[] x = new double[p.length];
          for (int i = 0; i < p.length; i++) {
            double xi = 1;
            for (int k = 0; k < iterations; k++) {
              xi -= (xi * xi * xi + s * xi - p[i]) / (3 * xi * xi + s);
            }
            x[i] = xi;
          }
          return x;
        }

        public static double mix(double a, double[] x, double b) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += a * x[i] * x[i] + b * x[i];
          }
          return s;
        }

        public static double quad(double[][] m, double[] v) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
              s += v[i] * m[i][j] * v[j];
            }
          }
          return s;
        }

        public static double weightedNorm(double s, double[] x) {
          return s * norm(x);
        }

        public static double dot(double[] a, double[] b) {
          double s = 0;
          for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
          }
          return s;
        }
      }
      """;

  /** Hand-written derivatives; {@code solve}'s follow from the implicit function theorem, not from its iterations. */
  private static final String RULES = """
      package rules;

      import dev.adjoint.DerivativeOf;
      import lib.Lin;

      public final class LinRules {
        private LinRules() {}

        @DerivativeOf(value = Lin.class, method = "norm")
        public static double normTangent(double[] x, double[] xDot) {
          double n = Lin.norm(x);
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += x[i] * xDot[i];
          }
          return s / n;
        }

        @DerivativeOf(value = Lin.class, method = "norm")
        public static void normPullback(double[] x, double normBar, double[] xBar) {
          double n = Lin.norm(x);
          for (int i = 0; i < x.length; i++) {
            xBar[i] += normBar * x[i] / n;
          }
        }

        @DerivativeOf(value = Lin.class, method = "solve")
        public static double[] solveTangent(double[] p, double s, int iterations, double[] pDot, double sDot) {
          double[] x = Lin.solve(p, s, iterations);
          double[] xDot = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            xDot[i] = (pDot[i] - x[i] * sDot) / (3 * x[i] * x[i] + s);
          }
          return xDot;
        }

        @DerivativeOf(value = Lin.class, method = "solve")
        public static double solvePullback(double[] p, double s, int iterations, double[] xBar, double[] pBar) {
          double[] x = Lin.solve(p, s, iterations);
          double sBar = 0;
          for (int i = 0; i < x.length; i++) {
            double w = xBar[i] / (3 * x[i] * x[i] + s);
            pBar[i] += w;
            sBar -= w * x[i];
          }
          return sBar;
        }

        @DerivativeOf(value = Lin.class, method = "mix")
        public static double mixTangent(double a, double[] x, double b, double aDot, double[] xDot, double bDot) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += aDot * x[i] * x[i] + (2 * a * x[i] + b) * xDot[i] + bDot * x[i];
          }
          return s;
        }

        @DerivativeOf(value = Lin.class, method = "mix")
        public static double[] mixPullback(double a, double[] x, double b, double mixBar, double[] xBar) {
          double aBar = 0;
          double bBar = 0;
          for (int i = 0; i < x.length; i++) {
            aBar += mixBar * x[i] * x[i];
            bBar += mixBar * x[i];
            xBar[i] += mixBar * (2 * a * x[i] + b);
          }
          return new double[] {aBar, bBar};
        }

        @DerivativeOf(value = Lin.class, method = "quad")
        public static double quadTangent(double[][] m, double[] v, double[][] mDot, double[] vDot) {
          double s = 0;
          for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
              s += vDot[i] * m[i][j] * v[j] + v[i] * mDot[i][j] * v[j] + v[i] * m[i][j] * vDot[j];
            }
          }
          return s;
        }

        @DerivativeOf(value = Lin.class, method = "quad")
        public static void quadPullback(double[][] m, double[] v, double quadBar, double[][] mBar, double[] vBar) {
          for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
              mBar[i][j] += quadBar * v[i] * v[j];
              vBar[i] += quadBar * m[i][j] * v[j];
              vBar[j] += quadBar * v[i] * m[i][j];
            }
          }
        }

        @DerivativeOf(value = Lin.class, method = "weightedNorm")
        public static double weightedNormTangent(double s, double[] x, double sDot, double[] xDot) {
          return sDot * Lin.norm(x) + s * normTangent(x, xDot);
        }

        @DerivativeOf(value = Lin.class, method = "weightedNorm")
        public static double weightedNormPullback(double s, double[] x, double gBar, double[] xBar) {
          normPullback(x, s * gBar, xBar);
          return gBar * Lin.norm(x);
        }

        @DerivativeOf(value = Lin.class, method = "dot")
        public static double dotTangent(double[] a, double[] b, double[] aDot, double[] bDot) {
          return Lin.dot(aDot, b) + Lin.dot(a, bDot);
        }

        @DerivativeOf(value = Lin.class, method = "dot")
        public static void dotPullback(double[] a, double[] b, double dotBar, double[] aBar, double[] bBar) {
          for (int i = 0; i < a.length; i++) {
            aBar[i] += dotBar * b[i];
            bBar[i] += dotBar * a[i];
          }
        }
      }
      """;

  private static final String MODEL = """
      package p;

      import dev.adjoint.Differentiable;
      import lib.Lin;

      public class Model {
        /** Calls in a loop, on an array overwritten after each call, and in helpers inlined or kept as calls. */
        @Differentiable
        public static double loop(double[] x, double a) {
          double[] y = new double[x.length];
          double total = 0;
          for (int k = 0; k < 3; k++) {
            for (int i = 0; i < x.length; i++) {
              y[i] = x[i] * a + k;
            }
            total += Lin.norm(y) * Lin.mix(a, y, total);
            y[0] = total;
            total += keptInALoop(y, a);
          }
          return total + helper(x, a);
        }

        static double helper(double[] x, double a) {
          double[] r = Lin.solve(x, a * a + 2, 30);
          double q = Lin.weightedNorm(a, r);
          r[1] = q;
          return q + Lin.norm(r);
        }

        /** Has a loop and is called in one: it stays a call, through its allocation-free adjoint. */
        static double keptInALoop(double[] y, double a) {
          double s = 0;
          for (int i = 0; i < y.length; i++) {
            s += 0.1 * Lin.mix(a, y, y[i]);
          }
          return s;
        }

        /** A target returning double[], its result overwritten. */
        @Differentiable
        public static double[] vector(double[] p, double s) {
          double[] x = Lin.solve(p, s, 30);
          x[0] = x[0] * s;
          return x;
        }

        /** A matrix parameter; the vector is overwritten between the calls. */
        @Differentiable
        public static double quadratic(double[][] m, double[] v) {
          double q = Lin.quad(m, v);
          v[0] = 0;
          return q * Lin.quad(m, v);
        }
      }
      """;

  /** Arrays reassigned from the call's own result, arguments that carry no derivative, a checkpointed loop, rows, aliases. */
  private static final String MORE = """
      package p;

      import dev.adjoint.Checkpointed;
      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;
      import lib.Lin;

      public class More {
        static final double[] DATA = {1.0, 2.0, 3.0};

        @Differentiable
        public static double selfUpdate(double[] p, double s) {
          double[] y = p.clone();
          for (int k = 0; k < 3; k++) {
            y = Lin.solve(y, s, 20);
          }
          return Lin.norm(y);
        }

        @Differentiable
        public static double inactiveArguments(double a, @NoDerivative double b) {
          double[] y = {a, 2 * a, 3.0};
          return Lin.mix(b, DATA, a) + Lin.weightedNorm(a, DATA) + Lin.mix(a, y, b);
        }

        @Differentiable
        public static double checkpointed(double[] x, double a) {
          double[] y = x.clone();
          double total = 0;
          for (@Checkpointed(snapshots = 2) int k = 0; k < 6; k++) {
            y[k % y.length] = total * a + y[(k + 1) % y.length];
            total += Lin.norm(y);
          }
          return total;
        }

        /** The same array as two arguments: both accumulators are its shadow, and both add into it. */
        @Differentiable
        public static double aliased(double[] x) {
          double[] y = x;
          return Lin.dot(x, y) * Lin.dot(x, x);
        }

        /** Rows of a matrix written after the call, and an array made in the argument list. */
        @Differentiable
        public static double rows(double[][] m, double a) {
          double total = 0;
          for (int i = 0; i < m.length; i++) {
            total += Lin.norm(m[i]);
            m[i][0] = total * a;
          }
          return total + Lin.norm(new double[] {a, total});
        }
      }
      """;

  private static final double[][] MATRIX = {{2.0, 0.5, -0.3}, {0.1, 1.5, 0.7}, {-0.4, 0.2, 3.0}};

  private static Path library;

  @BeforeAll
  static void compileLibrary() throws IOException {
    library = ClassPathBuilds.libraryWithoutAdjoint("lib.Lin", LIN);
  }

  @Test
  void bothModesAgreeWithFiniteDifferencesAndEachOther() {
    Compilation c = compile(List.of(library), Compiler.source("rules.LinRules", RULES), Compiler.source("p.Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = ClassPathBuilds.load(c, library);
    check(loader, "loop", at(new double[] {0.3, -0.9, 1.4}, 0.7), at(new double[] {1.1, 0.2, -0.5}, -1.3));
    check(loader, "vector", at(new double[] {0.5, 2.0, -1.0}, 1.5), at(new double[] {3.0, 0.1, 0.4}, 0.8));
    check(loader, "quadratic", at(MATRIX, new double[] {0.4, -1.2, 0.9}));
  }

  @Test
  void reassignedArraysConstantArgumentsAndCheckpointedLoops() {
    Compilation c = compile(List.of(library), Compiler.source("rules.LinRules", RULES), Compiler.source("p.More", MORE));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = ClassPathBuilds.load(c, library);
    ClassPathBuilds.check(loader, "p.More", "selfUpdate", at(new double[] {0.5, 2.0, -1.0}, 1.5));
    ClassPathBuilds.check(loader, "p.More", "inactiveArguments", at(0.7, -0.4), at(-1.2, 2.5));
    ClassPathBuilds.check(loader, "p.More", "checkpointed", at(new double[] {0.3, -0.9, 1.4}, 0.7));
    ClassPathBuilds.check(loader, "p.More", "rows", at(MATRIX, 0.6));
    ClassPathBuilds.check(loader, "p.More", "aliased", at(new double[] {0.3, -0.9, 1.4}));
    // A constant array argument gets a scratch accumulator; its adjoint is dropped.
    assertTrue(Compiler.generatedSource(c, "p.MoreDerivatives").contains(
        "LinRules.weightedNormPullback(a, More.DATA, resultWeightedNormBar, new double[More.DATA.length]);"));
  }

  @Test
  void theCallsStayCallsAndTheReverseSweepCallsThePullbackOnTheArgumentsAtTheCall() {
    Compilation c = compile(List.of(library), Compiler.source("rules.LinRules", RULES), Compiler.source("p.Model", MODEL));
    String generated = Compiler.generatedSource(c, "p.ModelDerivatives");
    assertTrue(generated.contains("double[] rDot = LinRules.solveTangent(x2, rSum, 30, xDot2, rSumDot);"), generated);
    // r is written after the call: the pullback sees a copy taken at the call.
    assertTrue(generated.contains("double[] rAtCall = r.clone();"), generated);
    assertTrue(generated.contains("double adjoint = LinRules.weightedNormPullback(a2, rAtCall, qBar, rBar);"), generated);
    // Several double parameters: their adjoints come back as an array, in order.
    assertTrue(generated.contains("double[] adjoints = LinRules.mixPullback(a, yAtCall"), generated);
    // x is a parameter nothing writes into: no copy.
    assertTrue(generated.contains("LinRules.solvePullback(x2, rSum, 30, rBar, xBar2)"), generated);
  }

  /** A target of this build whose body Adjoint cannot differentiate (a stream and a lambda). */
  private static final String STATS = """
      package p;

      import java.util.Arrays;

      public final class Stats {
        private Stats() {}

        public static double sumOfSquares(double[] x) {
          return Arrays.stream(x).map(v -> v * v).sum();
        }

        public static double[] squares(double[] x) {
          return Arrays.stream(x).map(v -> v * v).toArray();
        }
      }
      """;

  /** Rules that deliberately give three times the true derivative, so that their use shows in the results. */
  private static final String SCALED_RULES = """
      package p;

      import dev.adjoint.DerivativeOf;

      public final class StatsRules {
        private StatsRules() {}

        @DerivativeOf(value = Stats.class, method = "sumOfSquares")
        public static double sumOfSquaresTangent(double[] x, double[] xDot) {
          double s = 0;
          for (int i = 0; i < x.length; i++) {
            s += 3 * 2 * x[i] * xDot[i];
          }
          return s;
        }

        @DerivativeOf(value = Stats.class, method = "sumOfSquares")
        public static void sumOfSquaresPullback(double[] x, double gBar, double[] xBar) {
          for (int i = 0; i < x.length; i++) {
            xBar[i] += 3 * 2 * x[i] * gBar;
          }
        }

        @DerivativeOf(value = Stats.class, method = "squares")
        public static double[] squaresTangent(double[] x, double[] xDot) {
          double[] t = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            t[i] = 3 * 2 * x[i] * xDot[i];
          }
          return t;
        }

        @DerivativeOf(value = Stats.class, method = "squares")
        public static void squaresPullback(double[] x, double[] gBar, double[] xBar) {
          for (int i = 0; i < x.length; i++) {
            xBar[i] += 3 * 2 * x[i] * gBar[i];
          }
        }
      }
      """;

  private static final String USES_STATS = """
      package p;

      import dev.adjoint.Differentiable;

      public class Uses {
        @Differentiable
        public static double total(double[] x) {
          return Stats.sumOfSquares(x);
        }

        @Differentiable
        public static double[] each(double[] x) {
          return Stats.squares(x);
        }
      }
      """;

  @Test
  void theRulesAreWhatTheDerivativesUseNotTheTargetsBody() throws Exception {
    Compilation c = Compiler.compileAgainst(List.of(), Compiler.source("p.Stats", STATS),
        Compiler.source("p.StatsRules", SCALED_RULES), Compiler.source("p.Uses", USES_STATS));
    assertThat(c).succeededWithoutWarnings();
    Class<?> uses = ClassPathBuilds.load(c).loadClass("p.Uses");
    DifferentiableMethod total = Derivatives.of(uses, "total");
    double[] x = {1.0, -2.0, 0.5};
    double[] v = {0.3, 0.1, -1.0};
    // d/dx sum x^2 is 2x; the rules say 3 * 2x, and both modes follow them.
    assertArrayEquals(new double[] {6.0, -12.0, 3.0}, (double[]) total.gradient((Object) x.clone())[0], 1e-15);
    assertEquals(6 * (0.3 - 0.2 - 0.5), (Double) total.tangent(new Object[] {x.clone()}, new Object[] {v}), 1e-15);
    DifferentiableMethod each = Derivatives.of(uses, "each");
    assertArrayEquals(new double[] {1.8, -1.2, -3.0}, (double[]) each.tangent(new Object[] {x.clone()}, new Object[] {v}),
        1e-15);
    assertArrayEquals(new double[] {1.8, -1.2, -3.0}, (double[]) each.pullback(new Object[] {x.clone()}, v)[0], 1e-15);
  }

  @Test
  void withoutTheRulesTheTargetsBodyIsAnError() {
    Compilation c = Compiler.compileAgainst(List.of(), Compiler.source("p.Stats", STATS), Compiler.source("p.Uses", USES_STATS));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("Stats.sumOfSquares");
  }

  @Test
  void rulesCompiledIntoAJarApplyToLaterBuilds() throws IOException {
    Compilation rules = compile(List.of(library), Compiler.source("rules.LinRules", RULES));
    assertThat(rules).succeededWithoutWarnings();
    Path rulesJar = ClassPathBuilds.write(rules, "adjoint-rules");
    String index = Files.readString(rulesJar.resolve("META-INF/adjoint/rules/lib.Lin.solve"));
    assertEquals("(double[],double,int) tangent rules.LinRules solveTangent\n"
        + "(double[],double,int) pullback rules.LinRules solvePullback\n", index);
    Compilation c = compile(List.of(library, rulesJar), Compiler.source("p.Model", MODEL));
    assertThat(c).succeededWithoutWarnings();
    ClassLoader loader = ClassPathBuilds.load(c, library, rulesJar);
    check(loader, "loop", at(new double[] {0.3, -0.9, 1.4}, 0.7));
    check(loader, "vector", at(new double[] {0.5, 2.0, -1.0}, 1.5));
    check(loader, "quadratic", at(MATRIX, new double[] {0.4, -1.2, 0.9}));
  }

  @Test
  void noSecondOrderThroughGeneralRulesAndTheRegistrySaysWhy() throws Exception {
    Compilation c = compile(List.of(library), Compiler.source("rules.LinRules", RULES), Compiler.source("p.Model", MODEL));
    String generated = Compiler.generatedSource(c, "p.ModelDerivatives");
    assertFalse(generated.contains("HessianVector("), generated);
    DifferentiableMethod quadratic = Derivatives.of(ClassPathBuilds.load(c, library).loadClass("p.Model"), "quadratic");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> quadratic.hessianVector(new Object[] {MATRIX, new double[] {1, 2, 3}},
            new Object[] {new double[3][3], new double[] {1, 0, 0}}));
    assertTrue(e.getMessage().contains("the @DerivativeOf pullback LinRules.quadPullback of lib.Lin.quad"), e.getMessage());
  }

  // ---- errors at the annotation -------------------------------------------------------------

  @Test
  void aTangentWithoutItsPullbackIsAnErrorAtTheAnnotation() {
    assertRuleError("""
        @DerivativeOf(value = Lin.class, method = "norm")
        public static double t(double[] x, double[] xDot) {
          return 0;
        }
        """, "the @DerivativeOf tangent rule of lib.Lin.norm has no pullback rule to go with it",
        "add static void t(double[], double, double[])");
  }

  @Test
  void aPullbackWithoutItsTangentIsAnErrorAtTheAnnotation() {
    assertRuleError("""
        @DerivativeOf(value = Lin.class, method = "solve")
        public static double b(double[] p, double s, int n, double[] xBar, double[] pBar) {
          return 0;
        }
        """, "the @DerivativeOf pullback rule of lib.Lin.solve has no tangent rule to go with it",
        "add static double[] b(double[], double, int, double[], double)");
  }

  @Test
  void aRuleThatFitsNoFormIsAnErrorNamingBothSignatures() {
    assertRuleError("""
        @DerivativeOf(value = Lin.class, method = "norm")
        public static double t(double[] x, double xDot) {
          return 0;
        }
        """, "its parameters must be exactly those of norm(double[]): a tangent static double t(double[], double[])"
        + " and a pullback static void t(double[], double, double[])", "");
  }

  @Test
  void aPartialsMethodForAnArrayTargetIsAnErrorNamingTheGeneralForm() {
    assertRuleError("""
        @DerivativeOf(value = Lin.class, method = "norm")
        public static double[] d(double[] x) {
          return x;
        }
        """, "norm has array parameters or an array result, so its rule is the general form, not partials: a tangent"
        + " static double d(double[], double[]) and a pullback static void d(double[], double, double[])", "");
  }

  @Test
  void aWrongReturnTypeIsAnErrorNamingTheSignatureOfItsForm() {
    assertRuleError("""
        @DerivativeOf(value = Lin.class, method = "mix")
        public static void b(double a, double[] x, double c, double g, double[] xBar) {
        }
        """, "as a pullback rule it must be static, not private, and return double[]:"
        + " static double[] b(double, double[], double, double, double[])", "");
  }

  @Test
  void parameterTypesThatFitBothFormsNeedADotOrBarName() {
    assertRuleError("""
        @DerivativeOf(value = Lin.class, method = "weightedNorm")
        public static double r(double s, double[] x, double u, double[] w) {
          return 0;
        }
        """, "its parameter types fit more than one form (a tangent static double r(double, double[], double, double[]),"
        + " or a pullback static double r(double, double[], double, double[])); name its first parameter after"
        + " weightedNorm's parameters ...Dot for a tangent or ...Bar for a pullback", "");
  }

  @Test
  void aSecondTangentForTheSameTargetIsAnError() {
    JavaFileObject file = badRules("""
        @DerivativeOf(value = Lin.class, method = "norm")
        public static double t(double[] x, double[] xDot) {
          return 0;
        }

        @DerivativeOf(value = Lin.class, method = "norm")
        public static void b(double[] x, double g, double[] xBar) {
        }

        @DerivativeOf(value = Lin.class, method = "norm")
        public static double again(double[] x, double[] xDot) {
          return 0;
        }
        """);
    Compilation c = compile(List.of(library), file);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("another @DerivativeOf method already gives its tangent: t").inFile(file)
        .onLine(16);
  }

  @Test
  void aTargetOfThisBuildThatWritesIntoItsArgumentIsAnErrorAtTheCall() {
    JavaFileObject file = Compiler.source("p.W", """
        package p;

        import dev.adjoint.DerivativeOf;
        import dev.adjoint.Differentiable;

        public class W {
          public static double scaleInPlace(double[] x) {
            x[0] = 2 * x[0];
            return x[0];
          }

          @DerivativeOf(value = W.class, method = "scaleInPlace")
          public static double t(double[] x, double[] xDot) {
            return 2 * xDot[0];
          }

          @DerivativeOf(value = W.class, method = "scaleInPlace")
          public static void b(double[] x, double gBar, double[] xBar) {
            xBar[0] += 2 * gBar;
          }

          @Differentiable
          public static double f(double[] x) {
            return scaleInPlace(x);
          }
        }
        """);
    Compilation c = compile(List.of(), file);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("scaleInPlace writes into or returns an array it is given").inFile(file)
        .onLineContaining("return scaleInPlace(x);");
  }

  @Test
  void aRuleTheGeneratedClassCannotCallIsAnErrorAtTheCall() {
    // Package-private in another package than the caller's: generated code could not call it.
    JavaFileObject hidden = Compiler.source("rules.Hidden", """
        package rules;

        import dev.adjoint.DerivativeOf;
        import lib.Lin;

        final class Hidden {
          private Hidden() {}

          @DerivativeOf(value = Lin.class, method = "norm")
          static double t(double[] x, double[] xDot) {
            return 0;
          }

          @DerivativeOf(value = Lin.class, method = "norm")
          static void b(double[] x, double g, double[] xBar) {
          }
        }
        """);
    JavaFileObject caller = Compiler.source("p.Caller", """
        package p;

        import dev.adjoint.Differentiable;
        import lib.Lin;

        public class Caller {
          @Differentiable
          public static double f(double[] x) {
            return Lin.norm(x);
          }
        }
        """);
    Compilation c = compile(List.of(library), hidden, caller);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("this call of lib.Lin.norm, whose @DerivativeOf rule method rules.Hidden.t the"
        + " generated class cannot call, cannot be differentiated").inFile(caller).onLineContaining("Lin.norm(x)");
  }

  private static void assertRuleError(String member, String expected, String hint) {
    JavaFileObject file = badRules(member);
    Compilation c = compile(List.of(library), file);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(expected).inFile(file).onLineContaining("@DerivativeOf");
    assertThat(c).hadErrorContaining(hint);
  }

  private static JavaFileObject badRules(String members) {
    String source = "package rules;\n\nimport dev.adjoint.DerivativeOf;\nimport lib.Lin;\n\n"
        + "public final class Bad {\n" + members.indent(2) + "}\n";
    return Compiler.source("rules.Bad", source);
  }

  private static void check(ClassLoader loader, String method, Object[]... points) {
    ClassPathBuilds.check(loader, "p.Model", method, points);
  }

  private static Compilation compile(List<Path> classPath, JavaFileObject... sources) {
    return ClassPathBuilds.compile(classPath, sources);
  }
}
