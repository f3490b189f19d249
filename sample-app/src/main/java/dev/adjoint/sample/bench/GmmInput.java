package dev.adjoint.sample.bench;

import java.nio.file.Path;
import org.hipparchus.special.Gamma;

/**
 * One Gaussian mixture model instance in ADBench's layout.
 *
 * <p>{@code icf[k]} holds component k's inverse-covariance factor: d log-diagonal entries,
 * then the strict lower triangle column by column. {@code logGammaTerm} is the multivariate
 * log-gamma term of the Wishart prior's normalising constant; it depends only on d and m, and
 * {@code lgamma} is not in {@code java.lang.Math}, so it is computed here once instead of inside
 * the differentiable objective.
 */
public record GmmInput(int d, int k, int n, double[] alphas, double[][] means, double[][] icf,
                       double[][] x, double wishartGamma, int wishartM, double logGammaTerm) {

    /** Reads a {@code gmm_*.txt} file. */
    public static GmmInput read(Path file) {
        AdbenchData.NumberReader in = AdbenchData.numbers(file);
        int d = in.nextInt();
        int k = in.nextInt();
        int n = in.nextInt();
        int icfSize = d * (d + 1) / 2;
        double[] alphas = in.nextDoubles(k);
        double[][] means = in.nextRows(k, d);
        double[][] icf = in.nextRows(k, icfSize);
        double[][] x = in.nextRows(n, d);
        double gamma = in.nextDouble();
        int m = in.nextInt();
        return new GmmInput(d, k, n, alphas, means, icf, x, gamma, m, logGammaDistribution(d, m));
    }

    /** Reads a file from the ADBench data folder by name, e.g. {@code gmm_d10_K25_1k.txt}. */
    public static GmmInput read(String name) {
        return read(AdbenchData.file(name));
    }

    /** Number of differentiable parameters: alphas, means and icf. */
    public int parameterCount() {
        return k + k * d + k * d * (d + 1) / 2;
    }

    /**
     * log Gamma_d(a) for a = (d + m + 1) / 2, the multivariate gamma function of the Wishart
     * normaliser, as ADBench's log_gamma_distrib (with its PI).
     */
    static double logGammaDistribution(int d, int m) {
        double a = 0.5 * (d + m + 1);
        double out = 0.25 * d * (d - 1) * Math.log(Gmm.PI);
        for (int j = 1; j <= d; j++) {
            out += Gamma.logGamma(a + 0.5 * (1 - j));
        }
        return out;
    }
}
