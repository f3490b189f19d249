package dev.adjoint.sample;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import java.util.Random;

/**
 * A spectroscopy-style fit: two overlapping Gaussian peaks on a sloping baseline. The residual
 * method is all a user writes; Adjoint generates its tangent (forward mode) and pullback (reverse
 * mode), from which the fit gets its exact Jacobian.
 */
final class PeakFit {
    /** The parameters that made the data: height, centre and width of each peak, then the baseline. */
    static final double[] TRUTH = {1.0, 3.0, 0.6, 0.7, 4.4, 0.8, 0.2, 0.03};
    /** Where the fit starts: peaks in roughly the right places, as one would guess from a plot. */
    static final double[] GUESS = {0.8, 2.6, 1.0, 0.5, 5.0, 1.0, 0.0, 0.0};
    static final String[] NAMES = {"height1", "centre1", "width1", "height2", "centre2", "width2", "offset", "slope"};
    static final int POINTS = 400;
    static final double NOISE = 0.02;
    static final long SEED = 20261201L;

    private PeakFit() {
    }

    /** The model minus the data at every sample: what least squares drives to zero. */
    @Differentiable
    static double[] residuals(double[] p, @NoDerivative double[] x, @NoDerivative double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double first = (x[i] - p[1]) / p[2];
            double second = (x[i] - p[4]) / p[5];
            double model = p[0] * Math.exp(-0.5 * first * first)
                    + p[3] * Math.exp(-0.5 * second * second)
                    + p[6] + p[7] * x[i];
            r[i] = model - y[i];
        }
        return r;
    }

    /** Evenly spaced sample positions from 0 to 8. */
    static double[] positions() {
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = 8.0 * i / (POINTS - 1);
        }
        return x;
    }

    /** The true model plus Gaussian noise; the fixed seed makes every run see the same data. */
    static double[] measurements(double[] x) {
        Random random = new Random(SEED);
        double[] y = residuals(TRUTH, x, new double[x.length]);
        for (int i = 0; i < y.length; i++) {
            y[i] += NOISE * random.nextGaussian();
        }
        return y;
    }
}
