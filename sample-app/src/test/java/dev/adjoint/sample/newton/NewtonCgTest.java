package dev.adjoint.sample.newton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NewtonCgTest {
    private final SyntheticClassification data = SyntheticClassification.generate(200, 10, 42);
    private final LogisticObjective logistic = new LogisticObjective(data.features(), data.labels(), 1e-3);

    /** At w = 0 every margin is exactly 0, where a loss written with abs and max would give H v = 0. */
    @Test
    void hessianVectorProductsMatchDifferencesOfTheGradient() {
        Random random = new Random(1);
        for (int trial = 0; trial < 3; trial++) {
            double[] w = new double[11];
            if (trial > 0) {
                for (int j = 0; j < w.length; j++) {
                    w[j] = random.nextGaussian();
                }
            }
            double[] v = new double[11];
            for (int j = 0; j < v.length; j++) {
                v[j] = random.nextGaussian();
            }
            double[] hv = new double[11];
            logistic.hessianVector(w, v, hv);
            double h = 1e-5;
            double[] plus = new double[11];
            double[] minus = new double[11];
            double[] gPlus = new double[11];
            double[] gMinus = new double[11];
            Vectors.step(w, h, v, plus);
            Vectors.step(w, -h, v, minus);
            logistic.valueAndGradient(plus, gPlus);
            logistic.valueAndGradient(minus, gMinus);
            for (int j = 0; j < 11; j++) {
                assertEquals((gPlus[j] - gMinus[j]) / (2 * h), hv[j], 1e-6, "trial " + trial + ", (H v)[" + j + "]");
            }
        }
    }

    @Test
    void newtonCgReachesTheToleranceOnLogisticRegression() {
        Run run = NewtonCg.minimise(logistic, 1e-8, 100, 60);
        assertTrue(run.converged(), "|g| = " + run.gradientNorm());
        assertTrue(run.hessianVectors() > 0);
    }

    @Test
    void newtonCgFindsTheRosenbrockMinimumAtAllOnes() {
        for (boolean chained : new boolean[] {false, true}) {
            Run run = NewtonCg.minimise(new RosenbrockObjective(10, chained), 1e-8, 1000, 60);
            assertTrue(run.converged(), "|g| = " + run.gradientNorm());
            for (double x : run.solution()) {
                assertEquals(1.0, x, 1e-6);
            }
        }
    }

    @Test
    void gradientDescentReachesTheSameMinimumOfLogisticRegression() {
        Run newton = NewtonCg.minimise(logistic, 1e-8, 100, 60);
        Run descent = SteepestDescent.minimise(logistic, 1e-8, 100_000, 60);
        assertTrue(descent.converged(), "|g| = " + descent.gradientNorm());
        assertEquals(newton.value(), descent.value(), 1e-12);
    }
}
