package dev.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrongWolfeLineSearchTest {
  private final StrongWolfeLineSearch search = new StrongWolfeLineSearch(1e-4, 0.1, 60);

  /**
   * First steps far too short (expansion), far too long (zoom) and about right, along steepest
   * descent on the Rosenbrock function from several points; a tight c2 makes the zoom work.
   */
  @ParameterizedTest
  @ValueSource(doubles = {1e-8, 1e-3, 1.0, 1e3})
  void acceptedStepsSatisfyBothConditions(double firstStep) {
    double[][] points = {{-1.2, 1.0}, {0.0, 0.0}, {2.0, -1.0}, {0.9, 0.8, -0.5, 1.5}};
    for (double[] x : points) {
      CountingObjective f = new CountingObjective(TestProblems.rosenbrockObjective(), 1000);
      ValueAndGradient start = f.evaluate(x);
      double[] direction = Vectors.along(new double[x.length], -1.0, start.gradient());
      StrongWolfeLineSearch.Step step = search.search(f, x, start, direction, firstStep);
      assertNotNull(step, "no step from " + java.util.Arrays.toString(x));
      double slope0 = Vectors.dot(start.gradient(), direction);
      assertTrue(step.evaluation().value() <= start.value() + search.c1() * step.step() * slope0);
      assertTrue(Math.abs(step.slope()) <= search.c2() * Math.abs(slope0),
          "slope " + step.slope() + " against " + slope0);
    }
  }

  @Test
  void aDirectionThatIsNotDownhillIsRefused() {
    CountingObjective f = new CountingObjective(TestProblems.rosenbrockObjective(), 10);
    double[] x = {-1.2, 1.0};
    ValueAndGradient start = f.evaluate(x);
    assertThrows(IllegalArgumentException.class, () -> search.search(f, x, start, start.gradient(), 1.0));
  }

  @Test
  void constantsOutOfOrderAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new StrongWolfeLineSearch(0.5, 0.1, 10));
  }
}
