package dev.adjoint.sample;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Logistic regression: p(class 1 | x) = sigmoid(w0 + w1 x1 + ... + wd xd). The loss is the one
 * thing Adjoint differentiates; the data are marked {@code @NoDerivative}, so the generated
 * gradient has a component for the weights only and spends no work on the data.
 */
public final class LogisticRegression {
    private LogisticRegression() {
    }

    /**
     * The mean cross-entropy of the model with weights {@code w} (bias first) on the data.
     * log(1 + exp(t)) is written as max(t, 0) + log1p(exp(-|t|)) so that it never overflows.
     */
    @Differentiable
    public static double loss(double[] w, @NoDerivative double[][] features, @NoDerivative double[] labels) {
        double total = 0.0;
        for (int i = 0; i < labels.length; i++) {
            double score = w[0];
            for (int j = 0; j < features[i].length; j++) {
                score += w[j + 1] * features[i][j];
            }
            // Class 1 costs log(1 + exp(-score)), class 0 costs log(1 + exp(score)).
            double margin = labels[i] > 0.5 ? -score : score;
            total += Math.max(margin, 0.0) + Math.log1p(Math.exp(-Math.abs(margin)));
        }
        return total / labels.length;
    }

    /** The predicted class, 1 when the score is positive (probability above one half). */
    static int predict(double[] w, double[] point) {
        double score = w[0];
        for (int j = 0; j < point.length; j++) {
            score += w[j + 1] * point[j];
        }
        return score > 0.0 ? 1 : 0;
    }

    /** The fraction of points whose predicted class is their label. */
    static double accuracy(double[] w, LabelledPoints data) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            if (predict(w, data.features()[i]) == (int) data.labels()[i]) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }
}
