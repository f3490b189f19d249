package dev.adjoint.sample.bench;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The GMM gradient by Hipparchus forward-mode AD with one free parameter per differentiable
 * input (alphas, means, icf in {@link ParameterRows} order). Every intermediate carries the
 * full gradient, so one evaluation costs about (number of parameters) function evaluations:
 * this is the cost that reverse mode avoids.
 */
public final class GmmHipparchus {
    private GmmHipparchus() {
    }

    /** The gradient into {@code out} (length {@link GmmInput#parameterCount()}); returns the value. */
    public static double gradient(GmmInput in, double[] out) {
        int k = in.k();
        int d = in.d();
        int n = in.n();
        int free = in.parameterCount();
        int next = 0;
        Gradient[] alphas = new Gradient[k];
        for (int ik = 0; ik < k; ik++) {
            alphas[ik] = Gradient.variable(free, next++, in.alphas()[ik]);
        }
        Gradient[][] means = new Gradient[k][d];
        for (int ik = 0; ik < k; ik++) {
            for (int id = 0; id < d; id++) {
                means[ik][id] = Gradient.variable(free, next++, in.means()[ik][id]);
            }
        }
        int icfSize = in.icf()[0].length;
        Gradient[][] icf = new Gradient[k][icfSize];
        for (int ik = 0; ik < k; ik++) {
            for (int j = 0; j < icfSize; j++) {
                icf[ik][j] = Gradient.variable(free, next++, in.icf()[ik][j]);
            }
        }

        Gradient zero = Gradient.constant(free, 0.0);
        Gradient[] sumQs = new Gradient[k];
        Gradient[][] qDiags = new Gradient[k][d];
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = zero;
            for (int id = 0; id < d; id++) {
                sumQs[ik] = sumQs[ik].add(icf[ik][id]);
                qDiags[ik][id] = icf[ik][id].exp();
            }
        }

        Gradient slse = zero;
        Gradient[] mainTerm = new Gradient[k];
        Gradient[] centred = new Gradient[d];
        Gradient[] scaled = new Gradient[d];
        for (double[] point : in.x()) {
            for (int ik = 0; ik < k; ik++) {
                for (int id = 0; id < d; id++) {
                    centred[id] = means[ik][id].negate().add(point[id]);
                    scaled[id] = qDiags[ik][id].multiply(centred[id]);
                }
                int lower = d;
                for (int c = 0; c < d; c++) {
                    for (int r = c + 1; r < d; r++) {
                        scaled[r] = scaled[r].add(icf[ik][lower++].multiply(centred[c]));
                    }
                }
                Gradient norm = zero;
                for (int id = 0; id < d; id++) {
                    norm = norm.add(scaled[id].multiply(scaled[id]));
                }
                mainTerm[ik] = alphas[ik].add(sumQs[ik]).subtract(norm.multiply(0.5));
            }
            slse = slse.add(logSumExp(mainTerm, zero));
        }
        Gradient constant = zero.add(-n * d * 0.5 * Math.log(2 * Gmm.PI));
        Gradient err = constant.add(slse).subtract(logSumExp(alphas, zero).multiply(n));

        double gamma = in.wishartGamma();
        int m = in.wishartM();
        double c = (d + m + 1) * d * (Math.log(gamma) - 0.5 * Math.log(2)) - in.logGammaTerm();
        Gradient prior = zero;
        for (int ik = 0; ik < k; ik++) {
            Gradient frobenius = zero;
            for (int id = 0; id < d; id++) {
                frobenius = frobenius.add(qDiags[ik][id].multiply(qDiags[ik][id]));
            }
            for (int j = d; j < icfSize; j++) {
                frobenius = frobenius.add(icf[ik][j].multiply(icf[ik][j]));
            }
            prior = prior.add(frobenius.multiply(0.5 * gamma * gamma))
                    .subtract(sumQs[ik].multiply(m));
        }
        err = err.add(prior.subtract(k * c));
        System.arraycopy(err.getGradient(), 0, out, 0, free);
        return err.getValue();
    }

    private static Gradient logSumExp(Gradient[] v, Gradient zero) {
        double max = v[0].getValue();
        for (Gradient value : v) {
            max = Math.max(max, value.getValue());
        }
        Gradient sum = zero;
        for (Gradient value : v) {
            sum = sum.add(value.subtract(max).exp());
        }
        return sum.log().add(max);
    }
}
