package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * {@link Mlp#loss} with both layers written inline instead of calling {@link Mlp#dense}: the
 * same operations in the same order, so the values agree bit for bit.
 */
public final class MlpInline {
    private MlpInline() {
    }

    @Differentiable
    public static double loss(double[] w1, double[] b1, double[] w2, double[] b2,
                              @NoDerivative double[][] xs, @NoDerivative double[] ys) {
        int inputs = xs[0].length;
        int hiddenSize = b1.length;
        double sum = 0.0;
        for (int s = 0; s < xs.length; s++) {
            double[] x = xs[s];
            double[] hidden = new double[hiddenSize];
            for (int j = 0; j < hiddenSize; j++) {
                double acc = b1[j];
                for (int i = 0; i < inputs; i++) {
                    acc += w1[j * inputs + i] * x[i];
                }
                hidden[j] = Math.tanh(acc);
            }
            double[] out = new double[b2.length];
            for (int o = 0; o < b2.length; o++) {
                double acc = b2[o];
                for (int j = 0; j < hiddenSize; j++) {
                    acc += w2[o * hiddenSize + j] * hidden[j];
                }
                out[o] = acc;
            }
            double err = out[0] - ys[s];
            sum += err * err;
        }
        return sum / xs.length;
    }
}
