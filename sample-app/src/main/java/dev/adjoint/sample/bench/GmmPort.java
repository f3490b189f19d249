package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * ADBench's GMM objective ported line by line from its reference C++ (src/cpp/shared/gmm.h and
 * the helpers of matrix.h): the same loops, flat arrays with the same indexing, the same helper
 * functions. {@link Gmm} is the same objective restructured for the processor.
 *
 * <p>Layouts as in ADBench: {@code means} is k rows of d, {@code icf} k rows of d(d+1)/2, {@code x}
 * n rows of d, each flattened row after row. A C++ pointer into an array ({@code &icf[ik * icf_sz
 * + d]}) becomes the array and an offset. The Wishart struct is its two fields, and
 * {@code log_gamma_distrib} (lgamma is not in {@code Math}) is passed in as {@code logGammaTerm}.
 *
 * <p>The helpers are plain static methods, as in the C++: the processor differentiates through
 * their bodies, {@code void} writers included. Only the entry point is annotated.
 */
public final class GmmPort {
    private GmmPort() {
    }

    @Differentiable
    public static double objective(int d, int k, int n, double[] alphas, double[] means,
                                   double[] icf, @NoDerivative double[] x,
                                   @NoDerivative double wishartGamma, int wishartM,
                                   @NoDerivative double logGammaTerm) {
        final double constant = -n * d * 0.5 * Math.log(2 * Gmm.PI);
        int icfSz = d * (d + 1) / 2;

        double[] qdiags = new double[d * k];
        double[] sumQs = new double[k];
        double[] xcentered = new double[d];
        double[] qxcentered = new double[d];
        double[] mainTerm = new double[k];

        preprocessQs(d, k, icf, sumQs, qdiags);

        double slse = 0.;
        for (int ix = 0; ix < n; ix++) {
            for (int ik = 0; ik < k; ik++) {
                subtract(d, x, ix * d, means, ik * d, xcentered);
                qtimesx(d, qdiags, ik * d, icf, ik * icfSz + d, xcentered, qxcentered);

                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm(d, qxcentered, 0);
            }
            slse = slse + logsumexp(k, mainTerm);
        }

        double lseAlphas = logsumexp(k, alphas);

        double err = constant + slse - n * lseAlphas;

        err = err + logWishartPrior(d, k, wishartGamma, wishartM, sumQs, qdiags, icf, logGammaTerm);
        return err;
    }

    static double logsumexp(int n, double[] x) {
        double mx = arrMax(n, x);
        double semx = 0.;
        for (int i = 0; i < n; i++) {
            semx = semx + Math.exp(x[i] - mx);
        }
        return Math.log(semx) + mx;
    }

    static double logWishartPrior(int p, int k, double wishartGamma, int wishartM,
                                  double[] sumQs, double[] qdiags, double[] icf,
                                  double logGammaTerm) {
        int n = p + wishartM + 1;
        int icfSz = p * (p + 1) / 2;

        double c = n * p * (Math.log(wishartGamma) - 0.5 * Math.log(2)) - logGammaTerm;

        double out = 0;
        for (int ik = 0; ik < k; ik++) {
            double frobenius = sqnorm(p, qdiags, ik * p) + sqnorm(icfSz - p, icf, ik * icfSz + p);
            out = out + 0.5 * wishartGamma * wishartGamma * (frobenius) - wishartM * sumQs[ik];
        }

        return out - k * c;
    }

    /** Writes {@code sumQs} and {@code qdiags}. */
    static void preprocessQs(int d, int k, double[] icf, double[] sumQs, double[] qdiags) {
        int icfSz = d * (d + 1) / 2;
        for (int ik = 0; ik < k; ik++) {
            sumQs[ik] = 0.;
            for (int id = 0; id < d; id++) {
                double q = icf[ik * icfSz + id];
                sumQs[ik] = sumQs[ik] + q;
                qdiags[ik * d + id] = Math.exp(q);
            }
        }
    }

    /** Writes {@code out}, d entries. */
    static void qtimesx(int d, double[] qdiag, int qdiagOff, double[] ltri, int ltriOff,
                            double[] x, double[] out) {
        for (int id = 0; id < d; id++) {
            out[id] = qdiag[qdiagOff + id] * x[id];
        }

        int lparamsidx = 0;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                out[j] = out[j] + ltri[ltriOff + lparamsidx] * x[i];
                lparamsidx++;
            }
        }
    }

    /** matrix.h's arr_max, with fmax as Math.max. */
    static double arrMax(int n, double[] x) {
        double m = x[0];
        for (int i = 1; i < n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    /** matrix.h's sqnorm of the n entries from {@code xOff}. */
    static double sqnorm(int n, double[] x, int xOff) {
        double res = x[xOff] * x[xOff];
        for (int i = 1; i < n; i++) {
            res = res + x[xOff + i] * x[xOff + i];
        }
        return res;
    }

    /** matrix.h's subtract: writes {@code out}. */
    static void subtract(int d, double[] x, int xOff, double[] y, int yOff, double[] out) {
        for (int id = 0; id < d; id++) {
            out[id] = x[xOff + id] - y[yOff + id];
        }
    }
}
