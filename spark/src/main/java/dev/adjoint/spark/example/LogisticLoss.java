package dev.adjoint.spark.example;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * The loss of logistic regression, written as a user writes it: p(class 1 | x) = sigmoid(w0 + w1 x1
 * + ... + wd xd). Adjoint generates {@code LogisticLossDerivatives.sumGradient}, whose {@code w()}
 * component is the gradient with respect to the weights; the data are {@code @NoDerivative}.
 */
public final class LogisticLoss {
    private LogisticLoss() {
    }

    /**
     * The summed cross-entropy of the model with weights {@code w} (bias first) on the rows.
     * A sum, not a mean, so that the sums of the partitions add up to the sum of the data set.
     */
    @Differentiable
    public static double sum(double[] w, @NoDerivative double[][] features, @NoDerivative double[] labels) {
        double total = 0.0;
        for (int i = 0; i < labels.length; i++) {
            double score = w[0];
            for (int j = 0; j < features[i].length; j++) {
                score += w[j + 1] * features[i][j];
            }
            total += ofScore(score, labels[i]);
        }
        return total;
    }

    /**
     * The cross-entropy of one row whose model score (log-odds of class 1) is {@code score}:
     * class 1 costs log(1 + exp(-score)), class 0 costs log(1 + exp(score)).
     * log(1 + exp(t)) is written as max(t, 0) + log1p(exp(-|t|)) so that it never overflows.
     */
    @Differentiable
    public static double ofScore(double score, @NoDerivative double label) {
        double margin = label > 0.5 ? -score : score;
        return Math.max(margin, 0.0) + Math.log1p(Math.exp(-Math.abs(margin)));
    }
}
