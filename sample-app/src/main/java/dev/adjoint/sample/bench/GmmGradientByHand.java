package dev.adjoint.sample.bench;

/**
 * The gradient of {@link Gmm#objective} derived by hand, in one pass over the points.
 *
 * <p>With w_ik the softmax over k of the main terms of point i, y = Q_k (x_i - mu_k) and
 * xc = x_i - mu_k, the derivatives of the data term are: d/d alpha_k = sum_i w_ik - n softmax(alpha)_k;
 * d/d mu_k = sum_i w_ik Q_k^T y; d/d q_kj (log-diagonal) = sum_i w_ik (1 - y_j xc_j exp(q_kj));
 * d/d L_k(r, c) = -sum_i w_ik y_r xc_c. The Wishart prior adds gamma^2 exp(2 q_kj) - m to the
 * log-diagonal and gamma^2 L to the lower triangle.
 */
public final class GmmGradientByHand {
    private GmmGradientByHand() {
    }

    /**
     * Writes the gradient into {@code alphasBar}, {@code meansBar} and {@code icfBar} (shaped
     * like their parameters, overwritten) and returns the objective value.
     */
    public static double gradient(double[] alphas, double[][] means, double[][] icf, double[][] x,
                                  double wishartGamma, int wishartM, double logGammaTerm,
                                  double[] alphasBar, double[][] meansBar, double[][] icfBar) {
        int k = alphas.length;
        int d = means[0].length;
        int n = x.length;
        int icfSize = icf[0].length;
        java.util.Arrays.fill(alphasBar, 0.0);
        for (int ik = 0; ik < k; ik++) {
            java.util.Arrays.fill(meansBar[ik], 0.0);
            java.util.Arrays.fill(icfBar[ik], 0.0);
        }

        double[] sumQs = new double[k];
        double[][] qDiags = new double[k][d];
        for (int ik = 0; ik < k; ik++) {
            for (int id = 0; id < d; id++) {
                sumQs[ik] += icf[ik][id];
                qDiags[ik][id] = Math.exp(icf[ik][id]);
            }
        }

        // Per point, the centred point and Q times it are kept for every component: the
        // backward step needs them after the softmax weights are known.
        double[] mainTerm = new double[k];
        double[][] centred = new double[k][d];
        double[][] scaled = new double[k][d];
        double slse = 0.0;
        for (double[] point : x) {
            for (int ik = 0; ik < k; ik++) {
                double[] xc = centred[ik];
                double[] y = scaled[ik];
                double[] q = qDiags[ik];
                double[] row = icf[ik];
                double[] mean = means[ik];
                for (int id = 0; id < d; id++) {
                    xc[id] = point[id] - mean[id];
                    y[id] = q[id] * xc[id];
                }
                int lower = d;
                for (int c = 0; c < d; c++) {
                    for (int r = c + 1; r < d; r++) {
                        y[r] += row[lower++] * xc[c];
                    }
                }
                double norm = 0.0;
                for (int id = 0; id < d; id++) {
                    norm += y[id] * y[id];
                }
                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * norm;
            }
            double lse = logSumExp(mainTerm);
            slse += lse;
            for (int ik = 0; ik < k; ik++) {
                double w = Math.exp(mainTerm[ik] - lse);
                double[] xc = centred[ik];
                double[] y = scaled[ik];
                double[] q = qDiags[ik];
                double[] row = icf[ik];
                double[] meanBar = meansBar[ik];
                double[] rowBar = icfBar[ik];
                alphasBar[ik] += w;
                for (int id = 0; id < d; id++) {
                    meanBar[id] += w * q[id] * y[id];
                    rowBar[id] += w * (1.0 - y[id] * xc[id] * q[id]);
                }
                int lower = d;
                for (int c = 0; c < d; c++) {
                    for (int r = c + 1; r < d; r++) {
                        meanBar[c] += w * row[lower] * y[r];
                        rowBar[lower] -= w * y[r] * xc[c];
                        lower++;
                    }
                }
            }
        }

        double lseAlphas = logSumExp(alphas);
        for (int ik = 0; ik < k; ik++) {
            alphasBar[ik] -= n * Math.exp(alphas[ik] - lseAlphas);
        }

        // Wishart prior: value and derivatives together.
        int priorN = d + wishartM + 1;
        double c = priorN * d * (Math.log(wishartGamma) - 0.5 * Math.log(2)) - logGammaTerm;
        double gammaSquared = wishartGamma * wishartGamma;
        double prior = 0.0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius = 0.0;
            for (int id = 0; id < d; id++) {
                double q = qDiags[ik][id];
                frobenius += q * q;
                icfBar[ik][id] += gammaSquared * q * q - wishartM;
            }
            for (int j = d; j < icfSize; j++) {
                frobenius += icf[ik][j] * icf[ik][j];
                icfBar[ik][j] += gammaSquared * icf[ik][j];
            }
            prior += 0.5 * gammaSquared * frobenius - wishartM * sumQs[ik];
        }
        prior -= k * c;

        double constant = -n * d * 0.5 * Math.log(2 * Gmm.PI);
        return constant + slse - n * lseAlphas + prior;
    }

    private static double logSumExp(double[] v) {
        double max = v[0];
        for (double value : v) {
            max = Math.max(max, value);
        }
        double sum = 0.0;
        for (double value : v) {
            sum += Math.exp(value - max);
        }
        return Math.log(sum) + max;
    }
}
