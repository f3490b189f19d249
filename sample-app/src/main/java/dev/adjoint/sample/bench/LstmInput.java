package dev.adjoint.sample.bench;

import java.util.Random;

/**
 * A generated LSTM instance in the layout {@link Lstm} documents.
 *
 * <p>ADBench's LSTM inputs are not part of the shared data, so instances are generated from a
 * fixed seed. The benchmark size is ADBench's smallest published one: l = 2 layers, c = 1024
 * steps, b = 14 (vector width, read as an alphabet of 14 characters). Parameters and the
 * initial state are uniform in [-1, 1); the sequence is one-hot characters drawn uniformly,
 * which makes the loss a genuine next-character cross-entropy.
 */
public record LstmInput(double[][] mainParams, double[][] extraParams, double[][] state,
                        double[][] sequence) {
    public static final int BENCH_LAYERS = 2;
    public static final int BENCH_STEPS = 1024;
    public static final int BENCH_WIDTH = 14;
    public static final long SEED = 42;

    /** The benchmark instance. */
    public static LstmInput benchmark() {
        return generate(BENCH_LAYERS, BENCH_STEPS, BENCH_WIDTH, SEED);
    }

    public static LstmInput generate(int layers, int steps, int width, long seed) {
        Random random = new Random(seed);
        double[][] main = uniform(random, 2 * layers, 4 * width);
        double[][] extra = uniform(random, 3, width);
        double[][] state = uniform(random, 2 * layers, width);
        double[][] sequence = new double[steps][width];
        for (double[] row : sequence) {
            row[random.nextInt(width)] = 1.0;
        }
        return new LstmInput(main, extra, state, sequence);
    }

    /** Number of differentiable parameters: main, extra and state. */
    public int parameterCount() {
        return mainParams.length * mainParams[0].length + extraParams.length * extraParams[0].length
                + state.length * state[0].length;
    }

    private static double[][] uniform(Random random, int rows, int columns) {
        double[][] values = new double[rows][columns];
        for (double[] row : values) {
            for (int i = 0; i < columns; i++) {
                row[i] = 2 * random.nextDouble() - 1;
            }
        }
        return values;
    }
}
