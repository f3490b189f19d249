package com.example.kinetics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.Derivatives;
import dev.adjoint.hipparchus.LeastSquaresAdapter;
import dev.adjoint.optim.DifferentiableObjective;
import dev.adjoint.optim.Lbfgs;
import dev.adjoint.optim.OptimizationResult;
import dev.adjoint.optim.StopReason;
import dev.adjoint.optim.ValueAndGradient;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.junit.jupiter.api.Test;

/** The Puromycin data (treated), the textbook Michaelis-Menten fit: vMax about 212.7, kM about 0.0641. */
class MichaelisMentenFitTest {
  private static final double[] S = {0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.10, 1.10};
  private static final double[] RATE = {76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200};
  private static final double[] GUESS = {200, 0.1};
  private static final double[] PUBLISHED = {212.68, 0.06412};

  private static LeastSquaresOptimizer.Optimum fit(MultivariateJacobianFunction model) {
    return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder().model(model)
        .target(new double[S.length]).start(GUESS).maxEvaluations(1000).maxIterations(1000).build());
  }

  @Test
  void levenbergMarquardtWithTheRegistryAdapterFindsThePublishedFit() {
    MultivariateJacobianFunction model =
        LeastSquaresAdapter.of(Derivatives.of(MichaelisMenten.class, "residuals"), "p", null, S, RATE);
    double[] p = fit(model).getPoint().toArray();
    assertEquals(PUBLISHED[0], p[0], 0.01);
    assertEquals(PUBLISHED[1], p[1], 1e-5);
  }

  @Test
  void theTypedAdapterAndLbfgsAgreeWithIt() {
    MultivariateJacobianFunction typed = LeastSquaresAdapter.forward(
        p -> MichaelisMenten.residuals(p, S, RATE),
        (p, pDot) -> MichaelisMentenDerivatives.residualsTangent(p, pDot, S, RATE).tangent());
    double[] byLevenbergMarquardt = fit(typed).getPoint().toArray();
    DifferentiableObjective error = p -> {
      MichaelisMentenDerivatives.HalfSquaredErrorGradient g =
          MichaelisMentenDerivatives.halfSquaredErrorGradient(p, S, RATE);
      return new ValueAndGradient(g.value(), g.p());
    };
    OptimizationResult byLbfgs = new Lbfgs().gradientTolerance(1e-5).minimize(error, GUESS);
    assertEquals(StopReason.GRADIENT_TOLERANCE, byLbfgs.stopReason(), byLbfgs.toString());
    assertArrayEquals(byLevenbergMarquardt, byLbfgs.point(), 1e-6 * 212);
  }
}
