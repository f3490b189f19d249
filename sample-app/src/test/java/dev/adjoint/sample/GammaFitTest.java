package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/** The log-likelihood's derivatives go through Gamma.logGamma by the user's digamma rule, in both modes. */
class GammaFitTest {
    private static double[] data() {
        Random random = new Random(5);
        double[] data = new double[200];
        for (int i = 0; i < data.length; i++) {
            // a sum of exponentials: gamma distributed with shape 3 and rate 2
            data[i] = -(Math.log(random.nextDouble()) + Math.log(random.nextDouble()) + Math.log(random.nextDouble())) / 2;
        }
        return data;
    }

    @Test
    void gradientMatchesTheClosedForm() {
        double[] data = data();
        double logShape = 0.7;
        double logRate = 0.4;
        GammaFitDerivatives.MeanLogLikelihoodGradient g =
                GammaFitDerivatives.meanLogLikelihoodGradient(logShape, logRate, data);
        double shape = Math.exp(logShape);
        double rate = Math.exp(logRate);
        double meanLog = 0;
        double mean = 0;
        for (double x : data) {
            meanLog += Math.log(x) / data.length;
            mean += x / data.length;
        }
        // d/dshape = log(rate) + mean(log x) - digamma(shape); d/drate = shape / rate - mean(x); chain rule through exp
        double dShape = (logRate + meanLog - Gamma.digamma(shape)) * shape;
        double dRate = (shape / rate - mean) * rate;
        assertEquals(dShape, g.logShape(), 1e-12);
        assertEquals(dRate, g.logRate(), 1e-12);
        assertEquals(GammaFit.meanLogLikelihood(logShape, logRate, data), g.value());
    }

    @Test
    void forwardModeAgreesAndFiniteDifferencesConfirm() {
        double[] data = data();
        double h = 1e-6;
        double fd = (GammaFit.meanLogLikelihood(0.7 + h, 0.4, data) - GammaFit.meanLogLikelihood(0.7 - h, 0.4, data)) / (2 * h);
        double tangent = GammaFitDerivatives.meanLogLikelihoodTangent(0.7, 1.0, 0.4, 0.0, data).tangent();
        assertEquals(fd, tangent, 1e-7);
        assertEquals(GammaFitDerivatives.meanLogLikelihoodGradient(0.7, 0.4, data).logShape(), tangent, 1e-13);
    }
}
