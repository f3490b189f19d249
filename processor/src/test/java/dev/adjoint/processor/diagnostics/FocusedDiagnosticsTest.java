package dev.adjoint.processor.diagnostics;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Diagnostics that need more than one class, more than one error, or a class path. */
class FocusedDiagnosticsTest {

  private static final String BROKEN = Hostile.unit("""
      class Broken {
        @Differentiable
        static double f(double x) {
          synchronized (Broken.class) {
            x = x * 2;
          }
          return x;
        }
      }
      """);

  private static final String FINE = Hostile.unit("""
      class Fine {
        @Differentiable
        static double g(double x) {
          return Math.sin(x) * x;
        }
      }
      """);

  @Test
  void aBrokenClassDoesNotStopTheCompanionOfAnotherClass() {
    JavaFileObject broken = Compiler.source("p.Broken", BROKEN);
    JavaFileObject fine = Compiler.source("p.Fine", FINE);
    Compilation c = Compiler.compile(broken, fine);
    Hostile.noCrash(c);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("synchronized cannot be differentiated").inFile(broken)
        .onLineContaining("synchronized (Broken.class)");
    assertEquals(List.of("p/FineDerivatives.java"), Hostile.generatedSources(broken, fine));
  }

  @Test
  void theOrderOfTheSourcesDoesNotMatter() {
    JavaFileObject broken = Compiler.source("p.Broken", BROKEN);
    JavaFileObject fine = Compiler.source("p.Fine", FINE);
    assertEquals(List.of("p/FineDerivatives.java"), Hostile.generatedSources(fine, broken));
  }

  @Test
  void aMethodWithThreeUnsupportedConstructsReportsAllThree() {
    String text = Hostile.unit("""
        class T {
          @Differentiable
          static double f(double x) {
            double y = x * 2.5f;
            assert x > 0;
            new Object();
            return y;
          }
        }
        """);
    JavaFileObject file = Compiler.source("p.T", text);
    Compilation c = Compiler.compile(file);
    Hostile.noCrash(c);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("the float literal 2.5").inFile(file).onLineContaining("x * 2.5f");
    assertThat(c).hadErrorContaining("assert cannot be differentiated").inFile(file).onLineContaining("assert x > 0");
    assertThat(c).hadErrorContaining("creating an object with new").inFile(file).onLineContaining("new Object();");
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      assertTrue(Hostile.hasHint(d.getMessage(null)), d.getMessage(null));
    }
    assertEquals(List.of(), Hostile.generatedSources(file));
  }

  @Test
  void errorsInTwoMethodsOfOneClassAreBothReportedAndTheValidMethodGetsNothing() {
    String text = Hostile.unit("""
        class T {
          static double last;

          @Differentiable
          static double f(double x) {
            last = x;
            return x;
          }

          @Differentiable
          static double g(double x) {
            throw new IllegalStateException();
          }

          @Differentiable
          static double h(double x) {
            return x * x;
          }
        }
        """);
    JavaFileObject file = Compiler.source("p.T", text);
    Compilation c = Compiler.compile(file);
    Hostile.noCrash(c);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("assignment to field last").inFile(file).onLineContaining("last = x;");
    assertThat(c).hadErrorContaining("throw cannot be differentiated").inFile(file).onLineContaining("throw new");
    assertEquals(List.of(), Hostile.generatedSources(file));
  }

  @Test
  void anErrorInAnExpressionSpreadOverLinesIsOnTheLineOfTheCall() {
    String text = Hostile.unit("""
        class T {
          static double helper(double v) {
            if (v < 0) {
              throw new IllegalArgumentException();
            }
            return v;
          }

          @Differentiable
          static double f(double x) {
            double y = 1
                + helper(
                    x);
            return y;
          }
        }
        """);
    JavaFileObject file = Compiler.source("p.T", text);
    Compilation c = Compiler.compile(file);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("T.helper is given a value that depends on a differentiable parameter")
        .inFile(file).onLineContaining("+ helper(");
  }

  @Test
  void aCallPassingOnlyConstantsToAPlainHelperIsAccepted() {
    String text = Hostile.unit("""
        class T {
          static double helper(double v) {
            return v * v;
          }

          @Differentiable
          static double f(double x, @NoDerivative double c) {
            return x * helper(c) + helper(2.0);
          }
        }
        """);
    Compiler.compileClean(Compiler.source("p.T", text));
  }

  @Test
  void charArithmeticIsAcceptedAsAnIntConstant() {
    String text = Hostile.unit("""
        class T {
          @Differentiable
          static double f(double x) {
            return x * ('c' - 'a');
          }
        }
        """);
    Compiler.compileClean(Compiler.source("p.T", text));
  }

  // ---- callees from class files ----

  private static final String LIB = """
      package q;

      import dev.adjoint.Differentiable;

      public class Lib {
        @Differentiable
        public static double g(double x) {
          return x * x;
        }
      }
      """;

  private static final String CALLER = Hostile.unit("""
      class T {
        @Differentiable
        static double f(double x) {
          double y = q.Lib.g(x);
          return y;
        }
      }
      """);

  @Test
  void aDifferentiableCalleeCompiledWithoutTheProcessorIsReportedAtTheCall() throws IOException {
    Compilation lib = com.google.testing.compile.Compiler.javac().withOptions("-proc:none")
        .compile(Compiler.source("q.Lib", LIB));
    assertThat(lib).succeeded();
    Path classes = writeClasses(lib);
    JavaFileObject caller = Compiler.source("p.T", CALLER);
    assertOneErrorAt(compileAgainst(classes, caller), caller, "q.Lib.g is @Differentiable but its derivatives class"
        + " q.LibDerivatives is not on the class path", "q.Lib.g(x)");
  }

  @Test
  void aDifferentiableCalleeCompiledWithTheProcessorEarlierIsAccepted() throws IOException {
    Compilation lib = Compiler.compile(Compiler.source("q.Lib", LIB));
    assertThat(lib).succeeded();
    Path classes = writeClasses(lib);
    Compilation c = compileAgainst(classes, Compiler.source("p.T", CALLER));
    Hostile.noCrash(c);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("p.TDerivatives");
  }

  private static final String RESTRICTED_LIB = """
      package q;

      import dev.adjoint.Differentiable;
      import dev.adjoint.NoDerivative;

      public class Restricted {
        @Differentiable(wrt = {"x"})
        public static double g(double x, double s) {
          return x * s;
        }

        @Differentiable
        public static double h(double x, @NoDerivative double s) {
          return x * s;
        }
      }
      """;

  @Test
  void anActiveArgumentIntoAParameterAJarCalleeHoldsConstantIsAnErrorAtTheCall() throws IOException {
    Path classes = libClasses("q.Restricted", RESTRICTED_LIB);
    JavaFileObject caller = Compiler.source("p.T", Hostile.unit("""
        class T {
          @Differentiable
          static double f(double x, double y) {
            double a = q.Restricted.g(x, 2.0);
            double b = q.Restricted.h(x, y * y);
            return a + b;
          }
        }
        """));
    assertOneErrorAt(compileAgainst(classes, caller), caller, "the 2nd argument of Restricted.h depends on a"
        + " differentiable parameter, but the derivatives of Restricted.h, compiled without its source in this build,"
        + " hold that parameter constant", "q.Restricted.h(x, y * y)");
  }

  @Test
  void constantArgumentsIntoParametersAJarCalleeHoldsConstantAreAccepted() throws IOException {
    assertAcceptedAgainst("q.Restricted", RESTRICTED_LIB, """
        class T {
          @Differentiable
          static double f(double x, @dev.adjoint.NoDerivative double y) {
            return q.Restricted.g(x, y) + q.Restricted.h(x * x, 3.0);
          }
        }
        """);
  }

  private static final String VOID_LIB = """
      package q;

      import dev.adjoint.Differentiable;

      public class Rates {
        @Differentiable
        public static void rhs(double t, double[] y, double[] dydt) {
          dydt[0] = -y[0] * t;
        }
      }
      """;

  @Test
  void anActiveArgumentToAVoidJarCalleeIsAnErrorAtTheCall() throws IOException {
    Path classes = libClasses("q.Rates", VOID_LIB);
    JavaFileObject caller = Compiler.source("p.T", Hostile.unit("""
        class T {
          @Differentiable
          static double f(double[] y) {
            double[] dydt = new double[1];
            q.Rates.rhs(0.5, y, dydt);
            return dydt[0];
          }
        }
        """));
    assertOneErrorAt(compileAgainst(classes, caller), caller, "Rates.rhs returns void and writes its result into an"
        + " array argument, and it comes from a jar", "q.Rates.rhs(0.5, y, dydt)");
  }

  @Test
  void aVoidJarCalleeGivenOnlyConstantsIsAccepted() throws IOException {
    assertAcceptedAgainst("q.Rates", VOID_LIB, """
        class T {
          @Differentiable
          static double f(double x) {
            double[] dydt = new double[1];
            q.Rates.rhs(0.5, new double[] {2.0}, dydt);
            return dydt[0] * x;
          }
        }
        """);
  }

  /** The class files of {@code lib}, compiled with the processor. */
  private static Path libClasses(String lib, String libSource) throws IOException {
    Compilation compiled = Compiler.compile(Compiler.source(lib, libSource));
    assertThat(compiled).succeeded();
    return writeClasses(compiled, lib.replace('.', '/') + ".class");
  }

  /** The class {@code lib} compiled with the processor, then {@code callerUnit} (class p.T) against it: no warnings. */
  private static void assertAcceptedAgainst(String lib, String libSource, String callerUnit) throws IOException {
    Compilation c = compileAgainst(libClasses(lib, libSource), Compiler.source("p.T", Hostile.unit(callerUnit)));
    Hostile.noCrash(c);
    assertThat(c).succeededWithoutWarnings();
  }

  /** Exactly one error, with a hint, in {@code caller} on the line containing {@code line}. */
  private static void assertOneErrorAt(Compilation c, JavaFileObject caller, String message, String line) {
    Hostile.noCrash(c);
    assertThat(c).failed();
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining(message).inFile(caller).onLineContaining(line);
    assertTrue(Hostile.hasHint(c.errors().get(0).getMessage(null)));
  }

  private static Compilation compileAgainst(Path classes, JavaFileObject source) {
    return Compiler.compileAgainst(List.of(classes), source);
  }

  private static Path writeClasses(Compilation c) throws IOException {
    return writeClasses(c, "q/Lib.class");
  }

  private static Path writeClasses(Compilation c, String expected) throws IOException {
    Path dir = Compiler.writeOutput(c, Files.createTempDirectory("adjoint-lib"));
    assertThat(Files.exists(dir.resolve(expected))).isTrue();
    return dir;
  }
}
