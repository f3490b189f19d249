package dev.adjoint.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

  @Test
  void logisticRegressionReachesTheMinimumThatLbfgsFinds() {
    double[][] features = TestProblems.features(300, 4, 11);
    double[] labels = TestProblems.labels(300);
    DifferentiableObjective loss = TestProblems.logisticObjective(features, labels);
    OptimizationResult best = new Lbfgs().gradientTolerance(1e-10).minimize(loss, new double[5]);
    List<Progress> progress = new ArrayList<>();
    OptimizationResult adam = new Adam().learningRate(0.05).gradientTolerance(1e-6).maxIterations(20_000)
        .minimize(loss, new double[5], progress::add);
    assertEquals(StopReason.GRADIENT_TOLERANCE, adam.stopReason(), adam.toString());
    assertArrayEquals(best.point(), adam.point(), 1e-4);
    assertEquals(best.value(), adam.value(), 1e-9);
    assertEquals(adam.iterations(), progress.size());
    assertEquals(adam.iterations() + 1, adam.evaluations());
    assertTrue(progress.get(0).value() > adam.value());
  }

  @Test
  void rosenbrockGetsCloseToTheMinimum() {
    OptimizationResult r = new Adam().learningRate(0.01).gradientTolerance(1e-4).maxIterations(100_000)
        .minimize(TestProblems.rosenbrockObjective(), TestProblems.rosenbrockStart(2));
    assertEquals(StopReason.GRADIENT_TOLERANCE, r.stopReason(), r.toString());
    assertArrayEquals(new double[] {1, 1}, r.point(), 1e-3);
  }

  @Test
  void theIterationLimitIsReportedAsTheReason() {
    OptimizationResult r = new Adam().maxIterations(5)
        .minimize(TestProblems.rosenbrockObjective(), TestProblems.rosenbrockStart(2));
    assertEquals(StopReason.MAX_ITERATIONS, r.stopReason());
    assertEquals(5, r.iterations());
    assertEquals(6, r.evaluations());
  }
}
