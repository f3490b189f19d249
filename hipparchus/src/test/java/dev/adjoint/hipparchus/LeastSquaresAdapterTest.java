package dev.adjoint.hipparchus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import java.util.List;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.junit.jupiter.api.Test;

class LeastSquaresAdapterTest {
  private static final double[] TRUTH = {2.5, 1.3, 0.4};
  private static final double[] GUESS = {1.0, 0.5, 0.0};
  private final double[] t = Models.times(60);
  private final double[] y = Models.decayData(TRUTH, t, 0.01, 3);

  private List<MultivariateJacobianFunction> adapters() {
    return List.of(
        LeastSquaresAdapter.of(Derivatives.of(Models.class, "decayResiduals"), "p", null, t, y),
        LeastSquaresAdapter.of(Derivatives.of(Models.class, "decayResidualsInto"), "p", null, t, y,
            new double[t.length]),
        LeastSquaresAdapter.forward(p -> Models.decayResiduals(p, t, y),
            (p, pDot) -> ModelsDerivatives.decayResidualsTangent(p, pDot, t, y).tangent()),
        LeastSquaresAdapter.reverse(p -> Models.decayResiduals(p, t, y),
            (p, bar) -> ModelsDerivatives.decayResidualsPullback(p, t, y, bar).p()),
        LeastSquaresAdapter.of(p -> Models.decayResiduals(p, t, y),
            (p, pDot) -> ModelsDerivatives.decayResidualsTangent(p, pDot, t, y).tangent(),
            (p, bar) -> ModelsDerivatives.decayResidualsPullback(p, t, y, bar).p()));
  }

  @Test
  void everyAdapterGivesTheResidualsAndAJacobianEqualToCentralDifferences() {
    double[] point = {1.7, 0.8, -0.3};
    double[][] expected = CentralDifferences.jacobian(p -> Models.decayResiduals(p, t, y), point);
    for (MultivariateJacobianFunction adapter : adapters()) {
      var valueAndJacobian = adapter.value(new ArrayRealVector(point));
      assertArrayEquals(Models.decayResiduals(point, t, y), valueAndJacobian.getFirst().toArray(), 0.0);
      CentralDifferences.assertClose(expected, valueAndJacobian.getSecond().getData(), 1e-7);
    }
  }

  @Test
  void levenbergMarquardtFitsTheDecayWithEveryAdapter() {
    for (MultivariateJacobianFunction adapter : adapters()) {
      LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
          .model(adapter).target(new double[t.length]).start(GUESS)
          .maxEvaluations(1000).maxIterations(1000).build());
      assertArrayEquals(TRUTH, optimum.getPoint().toArray(), 0.02);
      assertTrue(optimum.getRMS() < 0.02, "rms " + optimum.getRMS());
    }
  }

  @Test
  void aMethodReturningOneNumberIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LeastSquaresAdapter.of(Derivatives.of(Models.class, "rosenbrock"), "x", (Object) null));
    assertTrue(e.getMessage().contains("double[]"), e.getMessage());
  }

  @Test
  void aParameterThatIsNotDifferentiableIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> LeastSquaresAdapter.of(Derivatives.of(Models.class, "decayResiduals"), "t", GUESS, null, y));
    assertTrue(e.getMessage().contains("not differentiable"), e.getMessage());
  }
}
