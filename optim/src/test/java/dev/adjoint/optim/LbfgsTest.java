package dev.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LbfgsTest {

  @Test
  void rosenbrock2dConvergesToTheMinimumFromTheStandardStart() {
    OptimizationResult r = new Lbfgs().gradientTolerance(1e-8)
        .minimize(TestProblems.rosenbrockObjective(), TestProblems.rosenbrockStart(2));
    assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
    assertTrue(r.gradientNorm() <= 1e-8, r.toString());
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-7);
    assertTrue(r.iterations() > 5 && r.evaluations() >= r.iterations(), r.toString());
  }

  @Test
  void extendedRosenbrockWith100VariablesConverges() {
    OptimizationResult r = new Lbfgs().gradientTolerance(1e-8)
        .minimize(TestProblems.rosenbrockObjective(), TestProblems.rosenbrockStart(100));
    assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
    double[] ones = new double[100];
    Arrays.fill(ones, 1.0);
    assertArrayEquals(ones, r.point(), 1e-7);
    assertTrue(r.value() < 1e-15, r.toString());
  }

  @Test
  void everyAcceptedStepSatisfiesBothStrongWolfeConditions() {
    StrongWolfeLineSearch search = new StrongWolfeLineSearch(1e-4, 0.9, 40);
    List<Progress> steps = new ArrayList<>();
    double[] start = TestProblems.rosenbrockStart(10);
    DifferentiableObjective f = TestProblems.rosenbrockObjective();
    ValueAndGradient first = f.evaluate(start);
    steps.add(new Progress(0, 1, first.value(), 0, start, first.gradient()));
    new Lbfgs().lineSearch(search).gradientTolerance(1e-8).minimize(f, start, steps::add);
    assertTrue(steps.size() > 20, "iterations: " + steps.size());
    for (int k = 0; k + 1 < steps.size(); k++) {
      Progress before = steps.get(k);
      Progress after = steps.get(k + 1);
      // Both conditions are invariant to how the step splits into a length and a direction, so the
      // step s = x_{k+1} - x_k is enough: f_{k+1} <= f_k + c1 g_k.s and |g_{k+1}.s| <= c2 |g_k.s|.
      double[] s = Vectors.minus(after.point(), before.point());
      double slopeBefore = Vectors.dot(before.gradient(), s);
      double slopeAfter = Vectors.dot(after.gradient(), s);
      assertTrue(slopeBefore < 0, "step " + k + " is not downhill");
      assertTrue(after.value() <= before.value() + search.c1() * slopeBefore,
          "sufficient decrease fails at step " + k + ": " + after.value() + " > " + before.value());
      assertTrue(Math.abs(slopeAfter) <= search.c2() * Math.abs(slopeBefore),
          "curvature fails at step " + k + ": |" + slopeAfter + "| > c2 |" + slopeBefore + "|");
    }
  }

  @Test
  void logisticRegressionReachesAZeroGradientAndTheRegistryObjectiveAgrees() {
    double[][] features = TestProblems.features(300, 4, 7);
    double[] labels = TestProblems.labels(300);
    DifferentiableObjective typed = TestProblems.logisticObjective(features, labels);
    DifferentiableObjective registry = DifferentiableObjective.of(
        Derivatives.of(TestProblems.class, "logisticLoss"), "w", null, features, labels);
    Lbfgs lbfgs = new Lbfgs().gradientTolerance(1e-8);
    OptimizationResult a = lbfgs.minimize(typed, new double[5]);
    OptimizationResult b = lbfgs.minimize(registry, new double[5]);
    assertEquals(StopReason.GRADIENT_TOLERANCE, a.stopReason(), a.toString());
    assertTrue(a.value() < Math.log(2), "no better than the zero model: " + a);
    // The registry runs the same generated code, so the runs agree bit for bit.
    assertArrayEquals(a.point(), b.point(), 0.0);
    assertEquals(a.evaluations(), b.evaluations());
  }

  @Test
  void theIterationLimitIsReportedAsTheReason() {
    OptimizationResult r = new Lbfgs().maxIterations(3)
        .minimize(TestProblems.rosenbrockObjective(), TestProblems.rosenbrockStart(2));
    assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
    assertEquals(3, r.iterations());
  }

  @Test
  void theEvaluationLimitIsReportedAsTheReason() {
    OptimizationResult r = new Lbfgs().maxEvaluations(7)
        .minimize(TestProblems.rosenbrockObjective(), TestProblems.rosenbrockStart(2));
    assertEquals(StopReason.MAX_EVALUATIONS, r.stopReason());
    assertEquals(7, r.evaluations());
  }

  @Test
  void aStartWhereTheObjectiveIsNotFiniteStopsAtOnce() {
    OptimizationResult r = new Lbfgs().minimize(x -> new ValueAndGradient(Double.NaN, new double[1]), new double[1]);
    assertEquals(StopReason.NOT_FINITE, r.stopReason());
    assertEquals(0, r.iterations());
  }
}
