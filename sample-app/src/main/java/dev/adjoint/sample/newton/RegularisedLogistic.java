package dev.adjoint.sample.newton;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * L2-regularised logistic regression, the loss a Newton method is usually shown on: smooth,
 * strictly convex, and with a Hessian (X^T diag(p(1 - p)) X / n + lambda I) that is dense in the
 * weights, so second-order steps pay off when the features are correlated.
 */
public final class RegularisedLogistic {
    private RegularisedLogistic() {
    }

    /**
     * The mean cross-entropy of the model with weights {@code w} (bias first) plus
     * {@code lambda / 2} times the squared norm of the other weights.
     *
     * <p>log(1 + exp(t)) is split by a branch into two smooth forms that never overflow. The
     * other usual way, max(t, 0) + log1p(exp(-|t|)), is just as smooth as a function, but at
     * t = 0 exactly (every sample, at the start w = 0) the derivatives of max and abs are a
     * convention, and its second derivative there comes out 0 instead of 1/4.
     */
    @Differentiable
    public static double loss(double[] w, @NoDerivative double[][] features, @NoDerivative double[] labels,
            @NoDerivative double lambda) {
        double total = 0.0;
        for (int i = 0; i < labels.length; i++) {
            double score = w[0];
            double[] row = features[i];
            for (int j = 0; j < row.length; j++) {
                score += w[j + 1] * row[j];
            }
            // Class 1 costs log(1 + exp(-score)), class 0 costs log(1 + exp(score)).
            double margin = labels[i] > 0.5 ? -score : score;
            total += margin > 0.0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
        }
        double squaredNorm = 0.0;
        for (int j = 1; j < w.length; j++) {
            squaredNorm += w[j] * w[j];
        }
        return total / labels.length + 0.5 * lambda * squaredNorm;
    }
}
