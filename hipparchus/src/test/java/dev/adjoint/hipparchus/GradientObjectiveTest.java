package dev.adjoint.hipparchus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.optim.DifferentiableObjective;
import dev.adjoint.optim.ValueAndGradient;
import java.util.concurrent.atomic.AtomicInteger;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.junit.jupiter.api.Test;

class GradientObjectiveTest {
  private final AtomicInteger calls = new AtomicInteger();
  private final DifferentiableObjective typed = x -> {
    calls.incrementAndGet();
    ModelsDerivatives.RosenbrockGradient g = ModelsDerivatives.rosenbrockGradient(x);
    return new ValueAndGradient(g.value(), g.x());
  };

  @Test
  void valueAndGradientAtOnePointCostOneEvaluation() {
    GradientObjective objective = GradientObjective.of(typed);
    double[] x = {-1.2, 1.0};
    double value = objective.function().getObjectiveFunction().value(x);
    double[] gradient = objective.gradient().getObjectiveFunctionGradient().value(x.clone());
    assertEquals(1, calls.get());
    assertEquals(1, objective.evaluations());
    assertEquals(Models.rosenbrock(x), value, 0.0);
    double[][] expected = CentralDifferences.jacobian(p -> new double[] {Models.rosenbrock(p)}, x);
    CentralDifferences.assertClose(expected, new double[][] {gradient}, 1e-7);
    objective.function().getObjectiveFunction().value(new double[] {0.0, 0.0});
    assertEquals(2, calls.get());
  }

  @Test
  void conjugateGradientsConvergeWithTheTypedAndTheRegistryObjective() {
    for (GradientObjective objective : new GradientObjective[] {
        GradientObjective.of(typed), GradientObjective.of(Derivatives.of(Models.class, "rosenbrock"), "x", (Object) null)}) {
      NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
          NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-15, 1e-15));
      PointValuePair optimum = optimizer.optimize(objective.function(), objective.gradient(), GoalType.MINIMIZE,
          new InitialGuess(new double[] {-1.2, 1.0}), new MaxEval(100_000));
      assertArrayEquals(new double[] {1.0, 1.0}, optimum.getPoint(), 1e-4);
      // Hipparchus counts value calls only; each gradient call at a point whose value it asked for
      // comes from the cache.
      // Without the cache every gradient call would be one more evaluation than Hipparchus counts.
      assertTrue(objective.evaluations() <= optimizer.getEvaluations(),
          "evaluations " + objective.evaluations() + " > Hipparchus's count " + optimizer.getEvaluations());
    }
  }
}
