package dev.adjoint.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

class GradientCheckTest {

  /** The helper as a user writes it, over generated code of every shape: these must all pass. */
  @TestFactory
  Stream<DynamicNode> generatedDerivativesPass() {
    return GradientCheck.of(Functions.class)
        .at("weighted", 0.7, new double[] {1, -2, 3}, new double[] {0.5, 1.5, -1}, 3)
        .at("weighted", -2.0, new double[] {0.1, 0.2}, new double[] {2, 3}, 2)
        .at("rotate", new double[] {0.1, -0.3}, new double[][] {{1, 2}, {3, 4}, {5, 6}})
        .at("squaresInPlace", new double[] {1, 2, -3})
        .tests();
  }

  @Test
  void runsTwoTestsPerPointInOneContainerPerMethod() {
    Map<String, Throwable> outcomes = run(GradientCheck.of(Functions.class)
        .at("weighted", 0.7, new double[] {1, -2}, new double[] {0.5, 1.5}, 2)
        .at("rotate", new double[] {0.1}, new double[][] {{1}})
        .at("squaresInPlace", new double[] {1, 2})
        .tests());
    assertEquals(List.of(
        "Functions.rotate/rotate(v = [0.1], m = [[1.0]]): forward against reverse mode (dot-product test)",
        "Functions.rotate/rotate(v = [0.1], m = [[1.0]]): reverse mode against central finite differences",
        "Functions.squaresInPlace/squaresInPlace(x = [1.0, 2.0]): forward against reverse mode (dot-product test)",
        "Functions.squaresInPlace/squaresInPlace(x = [1.0, 2.0]): reverse mode against central finite differences",
        "Functions.weighted/weighted(x = 0.7, w = [1.0, -2.0], data = [0.5, 1.5], n = 2): forward against reverse"
            + " mode (dot-product test)",
        "Functions.weighted/weighted(x = 0.7, w = [1.0, -2.0], data = [0.5, 1.5], n = 2): reverse mode against"
            + " central finite differences"), new ArrayList<>(outcomes.keySet()));
    outcomes.values().forEach(failure -> assertEquals(null, failure));
  }

  @Test
  void aWrongGradientFailsNamingTheMethodParameterElementAndBothValues() {
    Map<String, Throwable> outcomes = run(GradientCheck.of(HandMade.wrongGradient())
        .at("f", 3.0, new double[] {1, 2})
        .tests());
    String message = failure(outcomes, "reverse mode against central finite differences").getMessage();
    assertTrue(message.startsWith("HandMade.f(x = 3.0, w = [1.0, 2.0]): reverse mode (the gradient) disagrees with"
        + " central finite differences in 1 of 3 entries"), message);
    // df/dw[1] = 2x = 6; the hand-made gradient says x = 3.
    assertTrue(message.contains("\n  parameter w, element [1]: reverse mode 3.0, finite differences 6.0"), message);
    assertEquals(1, message.split("\n").length - 1, message);
    String dot = failure(outcomes, "dot-product test").getMessage();
    assertTrue(dot.startsWith("HandMade.f(x = 3.0, w = [1.0, 2.0]): forward and reverse mode disagree"), dot);
    assertTrue(dot.contains("\n  parameter w, element [1]: forward mode "), dot);
    assertEquals(1, dot.split("\n").length - 1, dot);
  }

  @Test
  void aWrongTangentFailsTheDotProductTestOnly() {
    Map<String, Throwable> outcomes = run(GradientCheck.of(HandMade.wrongTangent())
        .at("f", 3.0, new double[] {1, 2})
        .tests());
    assertEquals(null, outcomes.get(key(outcomes, "finite differences")));
    String dot = failure(outcomes, "dot-product test").getMessage();
    assertTrue(dot.contains("<J v, w> = "), dot);
    assertTrue(dot.contains(" by forward mode (tangent) but <v, J^T w> = "), dot);
    // The tangent along w[1] is x = 3, times the weight; the pullback has 2x = 6 times the weight.
    String entry = dot.substring(dot.indexOf("\n  parameter w, element [1]: forward mode "));
    String[] values = entry.replace("\n  parameter w, element [1]: forward mode ", "").split(", reverse mode ");
    assertEquals(2.0, Double.parseDouble(values[1]) / Double.parseDouble(values[0]), 1e-12, dot);
  }

  @Test
  void rightHandMadeDerivativesPass() {
    run(GradientCheck.of(HandMade.right()).at("f", 3.0, new double[] {1, 2}).at("f", -1.0, new double[] {0, 5})
        .tests()).values().forEach(failure -> assertEquals(null, failure));
  }

  @Test
  void theStepAndTheToleranceAreTheUsers() {
    // Central differences of x^3 with step h are off by h^2: 0.01 at h = 0.1.
    Map<String, Throwable> coarse = run(GradientCheck.of(Cube.class).step(0.1).at("cube", 0.5).at("square", 0.5)
        .tests());
    String message = failure(coarse, "cube(x = 0.5): reverse mode against").getMessage();
    assertTrue(message.contains("parameter x: reverse mode 0.75, finite differences 0.76"), message);
    assertTrue(message.contains("(tolerance relative 1.0E-5, absolute 1.0E-7, step 0.1 x max(1, |x|))"), message);
    assertEquals(null, coarse.get(key(coarse, "square(x = 0.5): reverse mode against")));
    Map<String, Throwable> loose = run(GradientCheck.of(Cube.class).step(0.1).tolerance(0.02, 0).at("cube", 0.5)
        .at("square", 0.5).tests());
    loose.values().forEach(failure -> assertEquals(null, failure));
  }

  @Test
  void aMethodWithoutPointsIsAFailingTest() {
    Map<String, Throwable> outcomes = run(GradientCheck.of(Cube.class).at("cube", 1.0).tests());
    assertEquals("No point given for Cube.square: add .at(\"square\", ...) with one argument per parameter [x], so"
        + " that its derivatives are checked", failure(outcomes, "square: no point given").getMessage());
  }

  @Test
  void pointsThatDoNotFitAreRejectedAtOnce() {
    GradientCheck check = GradientCheck.of(Cube.class);
    String unknown = assertThrows(IllegalArgumentException.class, () -> check.at("cuba", 1.0)).getMessage();
    assertEquals("no @Differentiable method cuba to check in Cube; the methods are [cube, square]", unknown);
    String count = assertThrows(IllegalArgumentException.class, () -> check.at("cube", 1.0, 2.0)).getMessage();
    assertTrue(count.endsWith("has 1 parameters, but 2 arguments were given: [1.0, 2.0]"), count);
    assertThrows(IllegalArgumentException.class, () -> check.step(0));
    assertThrows(IllegalArgumentException.class, () -> check.tolerance(-1, 0));
    String none = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(String.class)).getMessage();
    assertEquals("java.lang.String declares no static @Differentiable method to check", none);
  }

  /** A void method is checked through its output array, which it also reads. */
  @Test
  void aMethodWritingItsResultIntoAnArrayIsChecked() {
    Map<String, Throwable> outcomes = run(GradientCheck.of(Rates.class)
        .at("rhs", 0.3, new double[] {0.4, -0.2}, 2.0, new double[] {1.0, 3.0})
        .at("rhs", 1.7, new double[] {-1.0, 0.6}, 0.5, new double[2])
        .tests());
    assertEquals(4, outcomes.size());
    outcomes.values().forEach(failure -> assertEquals(null, failure));
  }

  @Test
  void aPointIsCopiedWhenGiven() {
    double[] x = {1, 2};
    GradientCheck check = GradientCheck.of(Functions.class).at("squaresInPlace", x)
        .at("weighted", 1.0, new double[] {1}, new double[] {1}, 1).at("rotate", new double[] {1}, new double[][] {{1}});
    x[0] = Double.NaN;
    run(check.tests()).values().forEach(failure -> assertEquals(null, failure));
  }

  /** Runs every test, by display path, and keeps what each threw (null when it passed). */
  private static Map<String, Throwable> run(Stream<DynamicNode> nodes) {
    Map<String, Throwable> out = new TreeMap<>();
    nodes.forEach(n -> run(n, "", out));
    return out;
  }

  private static void run(DynamicNode node, String prefix, Map<String, Throwable> out) {
    String name = prefix + node.getDisplayName();
    if (node instanceof DynamicContainer c) {
      c.getChildren().forEach(child -> run(child, name + "/", out));
      return;
    }
    Throwable thrown = null;
    try {
      ((DynamicTest) node).getExecutable().execute();
    } catch (Throwable t) {
      thrown = t;
    }
    out.put(name, thrown);
  }

  private static String key(Map<String, Throwable> outcomes, String part) {
    List<String> keys = outcomes.keySet().stream().filter(k -> k.contains(part)).toList();
    assertEquals(1, keys.size(), "tests named like '" + part + "': " + outcomes.keySet());
    return keys.get(0);
  }

  private static AssertionFailedError failure(Map<String, Throwable> outcomes, String part) {
    Throwable t = outcomes.get(key(outcomes, part));
    assertTrue(t instanceof AssertionFailedError, "expected a failed assertion, got " + t);
    return (AssertionFailedError) t;
  }
}
