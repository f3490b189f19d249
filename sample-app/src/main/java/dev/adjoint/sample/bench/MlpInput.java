package dev.adjoint.sample.bench;

import java.util.Random;

/**
 * A generated instance of the {@link Mlp} loss: weights, biases and one mini-batch. Weights are
 * Gaussian scaled by 1/sqrt(fan-in), biases small, inputs and targets standard Gaussian, all from
 * a fixed seed.
 */
public record MlpInput(double[] w1, double[] b1, double[] w2, double[] b2, double[][] xs,
                       double[] ys) {
    public static final int BENCH_INPUTS = 16;
    public static final int BENCH_HIDDEN = 32;
    public static final int BENCH_OUTPUTS = 1;
    public static final int BENCH_BATCH = 64;
    public static final long SEED = 7;

    /** The benchmark instance: 16 inputs, 32 hidden units, 1 output, a batch of 64. */
    public static MlpInput benchmark() {
        return generate(BENCH_INPUTS, BENCH_HIDDEN, BENCH_OUTPUTS, BENCH_BATCH, SEED);
    }

    public static MlpInput generate(int inputs, int hidden, int outputs, int batch, long seed) {
        Random random = new Random(seed);
        double[] w1 = gaussian(random, hidden * inputs, 1 / Math.sqrt(inputs));
        double[] b1 = gaussian(random, hidden, 0.1);
        double[] w2 = gaussian(random, outputs * hidden, 1 / Math.sqrt(hidden));
        double[] b2 = gaussian(random, outputs, 0.1);
        double[][] xs = new double[batch][];
        for (int s = 0; s < batch; s++) {
            xs[s] = gaussian(random, inputs, 1.0);
        }
        return new MlpInput(w1, b1, w2, b2, xs, gaussian(random, batch, 1.0));
    }

    /** The differentiable parameters in {@link ParameterRows} order. */
    public double[][] parameterRows() {
        return new double[][] {w1, b1, w2, b2};
    }

    private static double[] gaussian(Random random, int n, double scale) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = scale * random.nextGaussian();
        }
        return values;
    }
}
