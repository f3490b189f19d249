package dev.adjoint.sample.newton;

import java.util.Random;

/**
 * Generated data for logistic regression: correlated Gaussian features (each is a shared factor
 * plus its own noise, so the Hessian is far from diagonal, as with real data) and labels drawn
 * from a logistic model with random true weights, so the classes overlap and the minimum is finite.
 */
record SyntheticClassification(double[][] features, double[] labels) {
    /** How much of each feature is the factor shared by all of them. */
    private static final double SHARED = 0.8;

    static SyntheticClassification generate(int samples, int dimension, long seed) {
        Random random = new Random(seed);
        double[] trueWeights = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            trueWeights[j] = random.nextGaussian() / Math.sqrt(dimension);
        }
        double[][] features = new double[samples][dimension];
        double[] labels = new double[samples];
        for (int i = 0; i < samples; i++) {
            double factor = random.nextGaussian();
            double score = 0.3;
            for (int j = 0; j < dimension; j++) {
                features[i][j] = SHARED * factor + Math.sqrt(1 - SHARED * SHARED) * random.nextGaussian();
                score += trueWeights[j] * features[i][j];
            }
            labels[i] = random.nextDouble() < 1.0 / (1.0 + Math.exp(-2.0 * score)) ? 1.0 : 0.0;
        }
        return new SyntheticClassification(features, labels);
    }
}
