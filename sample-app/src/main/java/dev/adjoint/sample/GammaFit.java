package dev.adjoint.sample;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import org.hipparchus.special.Gamma;

/**
 * Maximum likelihood for the gamma distribution: a model whose log-likelihood calls a special function
 * from a library, {@code Gamma.logGamma} of Hipparchus, which Adjoint cannot see into. Its derivative,
 * the digamma function, comes from the rule in {@link GammaRules}.
 */
public final class GammaFit {
    private GammaFit() {}

    /**
     * The mean log-likelihood of the data under a gamma distribution with shape {@code exp(logShape)} and rate
     * {@code exp(logRate)} (logarithms keep both positive while an optimiser moves freely).
     */
    @Differentiable
    public static double meanLogLikelihood(double logShape, double logRate, @NoDerivative double[] data) {
        double shape = Math.exp(logShape);
        double rate = Math.exp(logRate);
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += shape * logRate + (shape - 1) * Math.log(data[i]) - rate * data[i] - Gamma.logGamma(shape);
        }
        return sum / data.length;
    }
}
