package dev.adjoint.processor.behaviour;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.InMemoryClassLoader;
import dev.adjoint.processor.testing.MethodSizes;
import java.io.InputStream;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The JVM allows 64 KiB of bytecode for one method. A derivative method that would be larger is
 * never written: a Hessian-vector method is left out (the registry says why), a first-order one is
 * a compile error at the method it differentiates. Before this, javac rejected the generated file.
 */
class GeneratedMethodSizeTest {
  /** A straight-line method of {@code statements} statements, each two transcendental calls. */
  private static String longMethod(int statements) {
    StringBuilder b = new StringBuilder("""
        package p;
        import dev.adjoint.Differentiable;
        public class Long {
          @Differentiable
          static double chain(double x, double y) {
            double s = x;
        """);
    for (int k = 0; k < statements; k++) {
      b.append("    s = s * Math.sin(x + ").append(k % 7).append(".5) + Math.cos(s * y);\n");
    }
    return b.append("    return s;\n  }\n}\n").toString();
  }

  @Test
  void aHessianVectorMethodTooLargeForTheJvmIsLeftOutAndTheRegistrySaysWhy() throws Exception {
    Compilation c = Compiler.compile(Compiler.source("p.Long", longMethod(140)));
    assertThat(c).succeededWithoutWarnings();
    String generated = Compiler.generatedSource(c, "p.LongDerivatives");
    assertFalse(generated.contains("chainHessianVector("), "no Hessian-vector method");
    Class<?> owner = Class.forName("p.Long", true, new InMemoryClassLoader(c, getClass().getClassLoader()));
    DifferentiableMethod chain = Derivatives.of(owner, "chain");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
        () -> chain.hessianVector(new Object[] {0.3, 0.2}, new Object[] {1.0, 0.0}));
    assertTrue(e.getMessage().contains("too large for the JVM"), e.getMessage());
    // First order is all there, and right.
    double h = 1e-6;
    double up = (Double) chain.invoke(0.3 + h, 0.2);
    double down = (Double) chain.invoke(0.3 - h, 0.2);
    assertEquals((up - down) / (2 * h), (Double) chain.gradient(0.3, 0.2)[0], 1e-5);
  }

  @Test
  void aFirstOrderDerivativeTooLargeForTheJvmIsAnErrorAtTheMethod() {
    Compilation c = Compiler.compile(Compiler.source("p.Long", longMethod(400)));
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("the generated method chainGradient, a derivative of chain, would be too large"
        + " for the JVM").inFile(c.sourceFiles().get(0)).onLine(5);
    assertThat(c).hadErrorContaining("split chain into smaller static methods");
    assertTrue(c.errors().stream().noneMatch(d -> d.getMessage(null).contains("code too large")), c.errors().toString());
  }

  /** A helper of {@code statements} straight-line statements, called {@code calls} times by the method. */
  private static String manyHelperCalls(int statements, int calls) {
    StringBuilder b = new StringBuilder("""
        package p;
        import dev.adjoint.Differentiable;
        public class Calls {
          @Differentiable
          static double step(double s, double y) {
        """);
    for (int k = 0; k < statements; k++) {
      b.append("    s = 0.9 * Math.sin(s + 0.1 * y + ").append(k % 7).append(") + 0.05 * Math.cos(s * y);\n");
    }
    b.append("    return s;\n  }\n\n  @Differentiable\n  static double chain(double x, double y) {\n    double s = x;\n");
    for (int c = 0; c < calls; c++) {
      b.append("    s = step(s, y + ").append(c).append(") + 0.3 * x;\n");
    }
    return b.append("    return s;\n  }\n}\n").toString();
  }

  /**
   * Inlined, the 6 calls give 48 statements: a gradient of about 10,000 bytes of bytecode, which
   * HotSpot would run interpreted. Some calls stay calls instead, and every first-order method is
   * compiled. (The Hessian-vector method, made from the gradient as it is, is not held to the limit.)
   */
  @Test
  void aMethodWhoseDerivativesWouldBeTooLargeForHotSpotWithItsCalleesInlinedKeepsSomeOfThemCalls() throws Exception {
    Compilation c = Compiler.compile(Compiler.source("p.Calls", manyHelperCalls(8, 6)));
    assertThat(c).succeededWithoutWarnings();
    String generated = Compiler.generatedSource(c, "p.CallsDerivatives");
    assertTrue(generated.contains("CallsDerivatives.step"), "some calls of step stay calls of its derivatives");
    assertTrue(generated.contains("inlined call of Calls.step"), "and some are inlined");
    JavaFileObject companion = c.generatedFiles().stream()
        .filter(f -> f.getKind() == JavaFileObject.Kind.CLASS && f.getName().endsWith("CallsDerivatives.class"))
        .findFirst().orElseThrow();
    Map<String, Integer> sizes;
    try (InputStream in = companion.openInputStream()) {
      sizes = MethodSizes.of(in.readAllBytes());
    }
    int checked = 0;
    for (Map.Entry<String, Integer> e : sizes.entrySet()) {
      if (e.getKey().startsWith("chainGradient") || e.getKey().startsWith("chainTangent")) {
        checked++;
        assertTrue(e.getValue() <= MethodSizes.HUGE_METHOD_LIMIT, e.getKey() + ": " + e.getValue() + " bytes");
      }
    }
    assertEquals(2, checked, sizes.toString());
    Class<?> owner = Class.forName("p.Calls", true, new InMemoryClassLoader(c, getClass().getClassLoader()));
    assertMatchesDifferences(Derivatives.of(owner, "chain"));
  }

  private static void assertMatchesDifferences(DifferentiableMethod chain) {
    double h = 1e-6;
    for (int p = 0; p < 2; p++) {
      double[] up = {0.3, 0.2};
      double[] down = {0.3, 0.2};
      up[p] += h;
      down[p] -= h;
      double fd = ((Double) chain.invoke(up[0], up[1]) - (Double) chain.invoke(down[0], down[1])) / (2 * h);
      double tolerance = 1e-6 * Math.max(1, Math.abs(fd));
      assertEquals(fd, (Double) chain.gradient(0.3, 0.2)[p], tolerance);
      Object[] direction = {p == 0 ? 1.0 : 0.0, p == 1 ? 1.0 : 0.0};
      assertEquals(fd, (Double) chain.tangent(new Object[] {0.3, 0.2}, direction), tolerance);
    }
  }

  @Test
  void aMethodWhoseDerivativesWouldBeTooLargeWithItsCalleesInlinedKeepsSomeOfThemCalls() throws Exception {
    // Inlined, the 16 calls give 480 statements of three calls each: far over the limit (see above).
    Compilation c = Compiler.compile(Compiler.source("p.Calls", manyHelperCalls(30, 16)));
    assertThat(c).succeededWithoutWarnings();
    String generated = Compiler.generatedSource(c, "p.CallsDerivatives");
    assertTrue(generated.contains("CallsDerivatives.step"), "some calls of step stay calls of its derivatives");
    Class<?> owner = Class.forName("p.Calls", true, new InMemoryClassLoader(c, getClass().getClassLoader()));
    assertMatchesDifferences(Derivatives.of(owner, "chain"));
  }
}
