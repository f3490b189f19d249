package dev.adjoint.sample.bench;

/**
 * The gradient of {@link Mlp#loss} written by hand (backpropagation), for one output: each
 * sample's forward pass keeps its hidden activations, then the error flows back through the
 * output weights and tanh into the first layer.
 */
public final class MlpGradientByHand {
    private MlpGradientByHand() {
    }

    /** Writes d loss / d w1, b1, w2, b2 into the bar arrays (overwriting them); returns the loss. */
    public static double gradient(double[] w1, double[] b1, double[] w2, double[] b2,
                                  double[][] xs, double[] ys, double[] w1Bar, double[] b1Bar,
                                  double[] w2Bar, double[] b2Bar) {
        java.util.Arrays.fill(w1Bar, 0.0);
        java.util.Arrays.fill(b1Bar, 0.0);
        java.util.Arrays.fill(w2Bar, 0.0);
        java.util.Arrays.fill(b2Bar, 0.0);
        int inputs = xs[0].length;
        int hiddenSize = b1.length;
        double[] hidden = new double[hiddenSize];
        double scale = 2.0 / xs.length;
        double sum = 0.0;
        for (int s = 0; s < xs.length; s++) {
            double[] x = xs[s];
            for (int j = 0; j < hiddenSize; j++) {
                double acc = b1[j];
                for (int i = 0; i < inputs; i++) {
                    acc += w1[j * inputs + i] * x[i];
                }
                hidden[j] = Math.tanh(acc);
            }
            double out = b2[0];
            for (int j = 0; j < hiddenSize; j++) {
                out += w2[j] * hidden[j];
            }
            double err = out - ys[s];
            sum += err * err;

            double outBar = scale * err;
            b2Bar[0] += outBar;
            for (int j = 0; j < hiddenSize; j++) {
                w2Bar[j] += outBar * hidden[j];
                double preBar = outBar * w2[j] * (1 - hidden[j] * hidden[j]);
                b1Bar[j] += preBar;
                for (int i = 0; i < inputs; i++) {
                    w1Bar[j * inputs + i] += preBar * x[i];
                }
            }
        }
        return sum / xs.length;
    }
}
