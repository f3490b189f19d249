package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a reader of the generated source relies on: names, line comments, no tape where none is needed. */
class GeneratedSourceTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    // body line k is source line k + 6 (see Fixture.HEADER_LINES)
    fx = Fixture.compile("Readable", """
          @Differentiable
          static double f(double a, double b) {
            double c = a * b;
            double d = Math.sin(c) + a;
            return d * c;
          }

          @Differentiable
          static double branches(double x, double y) {
            double speed = x * y;
            double drag;
            if (speed > 1) {
              drag = speed * speed;
            } else {
              drag = speed;
            }
            return speed > 2 ? drag - x : drag + y;
          }
        """);
  }

  /** The text of one generated method, from its signature to the next method. */
  private static String method(String name) {
    return fx.generatedMethod(name);
  }

  @Test
  void derivativesAreNamedAfterSourceVariables() {
    fx.check("f", at(0.5, 1.5), at(-1.0, 2.0), at(2.0, 0.3));
    String gradient = method("fGradient");
    assertTrue(gradient.contains("double cBar"), gradient);
    assertTrue(gradient.contains("double dBar"), gradient);
    assertTrue(gradient.contains("aBar"), gradient);
    String tangent = method("fTangent");
    assertTrue(tangent.contains("double cDot"), tangent);
    assertTrue(tangent.contains("double dDot"), tangent);
    assertTrue(tangent.contains("double aDot"), tangent);
  }

  @Test
  void commentsCiteSourceLines() {
    String gradient = method("fGradient");
    assertTrue(gradient.contains("// line 9: double c = a * b;"), gradient);
    assertTrue(gradient.contains("// line 10: double d = Math.sin(c) + a;"), gradient);
    assertTrue(gradient.contains("// line 11: return d * c;"), gradient);
    assertTrue(method("fTangent").contains("// line 9: double c = a * b;"), method("fTangent"));
  }

  @Test
  void noTapeWithoutLoops() {
    fx.check("branches", at(0.5, 1.5), at(2.0, 1.5), at(0.1, 0.2), at(3.0, 0.5));
    assertFalse(method("fGradient").contains("Tape"), method("fGradient"));
    assertFalse(method("branchesGradient").contains("Tape"), method("branchesGradient"));
    assertFalse(method("fTangent").contains("Tape"), method("fTangent"));
  }

  @Test
  void generatedAnnotation() {
    assertTrue(fx.generated().contains("@Generated(\"dev.adjoint.processor.AdjointProcessor\")"), fx.generated());
  }
}
