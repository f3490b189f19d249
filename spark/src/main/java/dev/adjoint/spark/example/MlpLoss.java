package dev.adjoint.spark.example;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * A classifier with one hidden layer of {@code hidden} tanh units and a logistic output, its
 * weights flattened into one array: unit h owns {@code w[h * (d + 1)]} (bias) and the next d
 * entries (one per feature); then come the output bias and one output weight per unit. So a model
 * of d features has {@code hidden * (d + 1) + hidden + 1} weights ({@link #weightCount}).
 */
public final class MlpLoss {
    private MlpLoss() {
    }

    /** The number of weights of a network with {@code features} inputs and {@code hidden} units. */
    public static int weightCount(int features, int hidden) {
        return hidden * (features + 1) + hidden + 1;
    }

    /** The summed cross-entropy of the network on the rows (a sum, as {@link LogisticLoss#sum}). */
    @Differentiable
    public static double sum(double[] w, @NoDerivative double[][] features, @NoDerivative double[] labels,
                             int hidden) {
        double total = 0.0;
        for (int i = 0; i < labels.length; i++) {
            int d = features[i].length;
            int output = hidden * (d + 1);
            double score = w[output];
            for (int h = 0; h < hidden; h++) {
                int unit = h * (d + 1);
                double activation = w[unit];
                for (int j = 0; j < d; j++) {
                    activation += w[unit + 1 + j] * features[i][j];
                }
                score += w[output + 1 + h] * Math.tanh(activation);
            }
            total += LogisticLoss.ofScore(score, labels[i]);
        }
        return total;
    }
}
