package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradient descent with Adjoint's gradient fits the generated blobs. */
class TrainingTest {
    @Test
    void dataSetIsBalancedAndReproducible() {
        LabelledPoints a = TwoBlobs.generate();
        LabelledPoints b = TwoBlobs.generate();
        assertEquals(TwoBlobs.POINTS, a.size());
        assertEquals(2, a.featureCount());
        double ones = 0.0;
        for (double label : a.labels()) {
            ones += label;
        }
        assertEquals(TwoBlobs.POINTS / 2.0, ones);
        assertEquals(a.features()[123][1], b.features()[123][1]);
    }

    @Test
    void lossFallsAndAccuracyExceedsNinetyPercent() {
        LabelledPoints data = TwoBlobs.generate();
        List<Double> losses = new ArrayList<>();
        double[] w = GradientDescent.train(data, GradientDescent.EPOCHS, GradientDescent.LEARNING_RATE,
                (epoch, loss) -> losses.add(loss));

        assertEquals(GradientDescent.EPOCHS + 1, losses.size());
        assertEquals(Math.log(2.0), losses.get(0), 1e-12, "zero weights predict one half everywhere");
        for (int i = 1; i < losses.size(); i++) {
            assertTrue(losses.get(i) <= losses.get(i - 1), "loss rose at epoch " + i + ": " + losses);
        }
        assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), "loss fell too little: " + losses);
        double accuracy = LogisticRegression.accuracy(w, data);
        assertTrue(accuracy > 0.9, "accuracy " + accuracy);
    }

    @Test
    void lossGradientMatchesCentralDifferences() {
        LabelledPoints data = TwoBlobs.generate(40, 7L);
        double[] w = {0.3, -0.7, 1.1};
        double[] gradient = LogisticRegressionDerivatives.lossGradient(w, data.features(), data.labels()).w();
        double h = 1e-6;
        for (int k = 0; k < w.length; k++) {
            double[] up = w.clone();
            double[] down = w.clone();
            up[k] += h;
            down[k] -= h;
            double difference = (LogisticRegression.loss(up, data.features(), data.labels())
                    - LogisticRegression.loss(down, data.features(), data.labels())) / (2 * h);
            assertEquals(difference, gradient[k], 1e-8, "dL/dw" + k);
        }
    }
}
