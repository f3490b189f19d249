package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.optim.DifferentiableObjective;
import dev.adjoint.optim.ValueAndGradient;
import dev.adjoint.sample.bench.Rosenbrock;
import dev.adjoint.sample.bench.RosenbrockDerivatives;
import org.junit.jupiter.api.Test;

/** The optimize command's rows: L-BFGS and Adam reach the tolerance on the problems it shows. */
class OptimizeDemoTest {
    private final DifferentiableObjective rosenbrock = x -> {
        RosenbrockDerivatives.ValueGradient g = RosenbrockDerivatives.valueGradient(x);
        return new ValueAndGradient(g.value(), g.x());
    };

    @Test
    void lbfgsSolvesTheChainedRosenbrockWith100Variables() {
        OptimizeDemo.Row row = OptimizeDemo.lbfgs(rosenbrock, Rosenbrock.startingPoint(OptimizeDemo.ROSENBROCK_SIZE));
        assertEquals("gradient tolerance", row.stop());
        assertTrue(row.gradientNorm() <= OptimizeDemo.GRADIENT_TOLERANCE, row.toString());
        assertTrue(row.value() < 1e-15, row.toString());
    }

    @Test
    void adamAndConjugateGradientsReachTheLogisticRegressionMinimum() {
        LabelledPoints data = TwoBlobs.generate();
        DifferentiableObjective loss = w -> {
            LogisticRegressionDerivatives.LossGradient g =
                    LogisticRegressionDerivatives.lossGradient(w, data.features(), data.labels());
            return new ValueAndGradient(g.value(), g.w());
        };
        double[] start = new double[data.featureCount() + 1];
        OptimizeDemo.Row best = OptimizeDemo.lbfgs(loss, start);
        OptimizeDemo.Row adam = OptimizeDemo.adam(loss, start, 0.05);
        OptimizeDemo.Row cg = OptimizeDemo.conjugateGradients(loss, start);
        assertEquals("gradient tolerance", adam.stop());
        assertEquals(best.value(), adam.value(), 1e-12);
        // Hipparchus stops when its value checker is satisfied, with the gradient still near 1e-4.
        assertEquals(best.value(), cg.value(), 1e-5);
        assertTrue(cg.value() >= best.value() - 1e-12, cg + " below L-BFGS's " + best);
    }

    @Test
    void theCommandPrintsBothProblemsAndEveryOptimizer() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        OptimizeDemo.run(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("Rosenbrock (chained), n = 100"), text);
        assertTrue(text.contains("Logistic regression"), text);
        assertEquals(2, text.split("L-BFGS ", -1).length - 1, text);
        assertEquals(2, text.split("Hipparchus CG", -1).length - 1, text);
    }
}
