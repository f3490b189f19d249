package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The driver-side optimizer on its own, with the generated gradient of Rosenbrock's function. */
class LbfgsTest {
    private static ValueAndGradient rosenbrock(double[] p) {
        RosenbrockDerivatives.ValueGradient g = RosenbrockDerivatives.valueGradient(p);
        return new ValueAndGradient(g.value(), g.p());
    }

    @Test
    void findsTheMinimumOfRosenbrocksValley() {
        double[] start = {-1.2, 1.0, -1.2, 1.0};
        Lbfgs.Result result = new Lbfgs(8, 500, 1e-8).minimize(LbfgsTest::rosenbrock, start);
        assertTrue(result.converged(), "gradient below tolerance after " + result.iterations() + " iterations");
        for (double coordinate : result.weights()) {
            assertEquals(1.0, coordinate, 1e-6);
        }
        assertEquals(-1.2, start[0], 0.0, "the start point is not changed");
    }

    @Test
    void refusesMeaninglessSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0, 10, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(5, 10, Double.NaN));
    }
}
