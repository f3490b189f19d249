package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Negative log-likelihood of a Gaussian mixture model with a Wishart prior, as ADBench's
 * {@code gmm_objective} defines it, written in the subset the Adjoint processor accepts.
 *
 * <p>Each of the K components has a weight logit {@code alphas[k]}, a mean {@code means[k]} and
 * an inverse-covariance factor {@code icf[k]}: d log-diagonal entries of a lower-triangular Q,
 * then its strict lower triangle column by column, so that the inverse covariance is Q^T Q.
 * The operations and their order follow ADBench so that the objective values of its published
 * inputs are reproduced.
 */
public final class Gmm {
    /** ADBench's value of pi; using Math.PI would move the objective in the 11th digit. */
    public static final double PI = 3.14159265359;

    private Gmm() {
    }

    /**
     * The objective for points {@code x}; {@code logGammaTerm} is the constant
     * {@link GmmInput#logGammaDistribution(int, int)} (lgamma is not available in Math).
     */
    @Differentiable
    public static double objective(double[] alphas, double[][] means, double[][] icf,
                                   @NoDerivative double[][] x, @NoDerivative double wishartGamma,
                                   int wishartM, @NoDerivative double logGammaTerm) {
        int k = alphas.length;
        int d = means[0].length;
        int n = x.length;
        // The literal repeats PI: the accepted subset reads no fields.
        double constant = -n * d * 0.5 * Math.log(2 * 3.14159265359);

        // log det Q (the sum of the log-diagonal) and the diagonal itself, once per component.
        double[] sumQs = new double[k];
        double[][] qDiags = new double[k][d];
        for (int ik = 0; ik < k; ik++) {
            for (int id = 0; id < d; id++) {
                sumQs[ik] += icf[ik][id];
                qDiags[ik][id] = Math.exp(icf[ik][id]);
            }
        }

        double[] mainTerm = new double[k];
        double slse = 0.0;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                mainTerm[ik] = alphas[ik] + sumQs[ik]
                        - 0.5 * scaledDistanceSquared(qDiags[ik], icf[ik], x[ix], means[ik]);
            }
            slse = slse + logSumExp(mainTerm);
        }
        double lseAlphas = logSumExp(alphas);
        double err = constant + slse - n * lseAlphas;
        return err + logWishartPrior(qDiags, sumQs, icf, wishartGamma, wishartM, logGammaTerm);
    }

    /**
     * ||Q (x - mean)||^2 with Q's diagonal given explicitly and its strict lower triangle read
     * from {@code icfRow} starting at index d (ADBench's Qtimesx followed by sqnorm).
     */
    @Differentiable
    public static double scaledDistanceSquared(double[] qDiag, double[] icfRow,
                                               @NoDerivative double[] point, double[] mean) {
        int d = qDiag.length;
        double[] centred = new double[d];
        double[] product = new double[d];
        for (int id = 0; id < d; id++) {
            centred[id] = point[id] - mean[id];
            product[id] = qDiag[id] * centred[id];
        }
        for (int i = 0; i < d; i++) {
            // Column i of the strict lower triangle follows the d log-diagonal entries and the
            // (d - 1) + ... + (d - i) entries of the columns before it. Computing the index from i and
            // j, instead of counting it up, lets the reverse sweep recompute the loads it needs.
            int columnStart = d + i * (2 * d - i - 1) / 2 - (i + 1);
            for (int j = i + 1; j < d; j++) {
                product[j] += icfRow[columnStart + j] * centred[i];
            }
        }
        return squaredNorm(product);
    }

    /** log(sum exp(v)), shifted by the maximum so that no term overflows. */
    @Differentiable
    public static double logSumExp(double[] v) {
        double max = v[0];
        for (int i = 1; i < v.length; i++) {
            if (max < v[i]) {
                max = v[i];
            }
        }
        double sum = 0.0;
        for (int i = 0; i < v.length; i++) {
            sum += Math.exp(v[i] - max);
        }
        return Math.log(sum) + max;
    }

    /** Sum of squares. */
    @Differentiable
    public static double squaredNorm(double[] v) {
        double sum = 0.0;
        for (double value : v) {
            sum += value * value;
        }
        return sum;
    }

    /** Log of the Wishart prior on every component's inverse covariance (ADBench's form). */
    @Differentiable
    public static double logWishartPrior(double[][] qDiags, double[] sumQs, double[][] icf,
                                         @NoDerivative double gamma, int m,
                                         @NoDerivative double logGammaTerm) {
        int k = icf.length;
        int p = qDiags[0].length;
        int n = p + m + 1;
        int icfSize = icf[0].length;
        double c = n * p * (Math.log(gamma) - 0.5 * Math.log(2)) - logGammaTerm;
        double out = 0.0;
        for (int ik = 0; ik < k; ik++) {
            double lowerSquares = 0.0;
            for (int j = p; j < icfSize; j++) {
                lowerSquares += icf[ik][j] * icf[ik][j];
            }
            double frobenius = squaredNorm(qDiags[ik]) + lowerSquares;
            out = out + 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
        }
        return out - k * c;
    }
}
