package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.hipparchus.LeastSquaresAdapter;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.junit.jupiter.api.Test;

/** The fit command's two routes reach the same fit, near the parameters that made the data. */
class FitDemoTest {
    private final double[] x = PeakFit.positions();
    private final double[] y = PeakFit.measurements(x);
    private final MultivariateJacobianFunction generated = LeastSquaresAdapter.forward(
            p -> PeakFit.residuals(p, x, y),
            (p, pDot) -> PeakFitDerivatives.residualsTangent(p, pDot, x, y).tangent());

    @Test
    void generatedAndDifferenceJacobiansAgreeAtTheGuess() {
        RealMatrix exact = generated.value(new ArrayRealVector(PeakFit.GUESS)).getSecond();
        RealMatrix differences = FitDemo.centralDifferences(x, y).value(new ArrayRealVector(PeakFit.GUESS)).getSecond();
        assertEquals(0.0, exact.subtract(differences).getNorm1(), 1e-6 * exact.getNorm1());
    }

    @Test
    void bothFitsReachTheSameParametersNearTheTruth() {
        LeastSquaresOptimizer.Optimum withGenerated = FitDemo.fit(generated, x.length);
        LeastSquaresOptimizer.Optimum withDifferences = FitDemo.fit(FitDemo.centralDifferences(x, y), x.length);
        assertArrayEquals(withGenerated.getPoint().toArray(), withDifferences.getPoint().toArray(), 1e-8);
        assertArrayEquals(PeakFit.TRUTH, withGenerated.getPoint().toArray(), 0.05);
        assertEquals(PeakFit.NOISE, withGenerated.getRMS(), 0.2 * PeakFit.NOISE);
    }
}
