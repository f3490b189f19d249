package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * A two-layer perceptron's squared-error loss over a mini-batch, written the way a Java user
 * would: a private, unannotated {@link #dense} layer helper called per sample, which the processor
 * differentiates through. {@link MlpInline} is the same loss with the layers written out in the
 * loop, for comparing what the helper costs.
 *
 * <p>Weights are row-major {@code double[]}: {@code w1[j * inputs + i]} connects input i to
 * hidden unit j, {@code w2[o * hidden + j]} hidden unit j to output o. The hidden layer is tanh,
 * the output linear, and the loss uses output 0.
 */
public final class Mlp {
    private Mlp() {
    }

    /** Mean over the samples {@code xs} of (output - target)^2. */
    @Differentiable
    public static double loss(double[] w1, double[] b1, double[] w2, double[] b2,
                              @NoDerivative double[][] xs, @NoDerivative double[] ys) {
        double sum = 0.0;
        for (int s = 0; s < xs.length; s++) {
            double[] hidden = dense(w1, b1, xs[s]);
            for (int j = 0; j < hidden.length; j++) {
                hidden[j] = Math.tanh(hidden[j]);
            }
            double[] out = dense(w2, b2, hidden);
            double err = out[0] - ys[s];
            sum += err * err;
        }
        return sum / xs.length;
    }

    /** The affine layer w in + b, with one row of w per output. */
    private static double[] dense(double[] w, double[] b, double[] in) {
        int n = in.length;
        double[] out = new double[b.length];
        for (int o = 0; o < b.length; o++) {
            double acc = b[o];
            for (int i = 0; i < n; i++) {
                acc += w[o * n + i] * in[i];
            }
            out[o] = acc;
        }
        return out;
    }
}
