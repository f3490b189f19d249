package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written Rosenbrock gradient agrees with finite differences. */
class RosenbrockGradientByHandTest {
    @Test
    void matchesFiniteDifferencesAtTheStartingPoint() {
        check(Rosenbrock.startingPoint(10));
    }

    @Test
    void matchesFiniteDifferencesAtARandomPoint() {
        Random random = new Random(9);
        double[] x = new double[10];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        check(x);
    }

    @Test
    void vanishesAtTheMinimum() {
        double[] ones = new double[10];
        java.util.Arrays.fill(ones, 1.0);
        double[] gradient = new double[10];
        assertEquals(0.0, RosenbrockGradientByHand.gradient(ones, gradient));
        for (double g : gradient) {
            assertEquals(0.0, g);
        }
    }

    private static void check(double[] x) {
        double[] gradient = new double[x.length];
        assertEquals(Rosenbrock.value(x), RosenbrockGradientByHand.gradient(x, gradient));
        NumericalGradient.assertMatches(() -> Rosenbrock.value(x), new double[][] {x}, gradient, 1e-6);
    }
}
