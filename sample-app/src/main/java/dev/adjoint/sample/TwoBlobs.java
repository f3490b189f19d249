package dev.adjoint.sample;

import java.util.Random;

/**
 * Generates the training set: two Gaussian clouds in the plane, one per class. The seed is
 * fixed, and java.util.Random's sequence is specified, so every run and every JDK sees the same
 * points and prints the same losses.
 */
final class TwoBlobs {
    static final long SEED = 20261123L;
    static final int POINTS = 400;
    /** The clouds' centres are (-c, -c/2) and (c, c/2); with unit spread about 6% of points overlap. */
    static final double CENTRE = 1.5;

    private TwoBlobs() {
    }

    static LabelledPoints generate() {
        return generate(POINTS, SEED);
    }

    /** Half the points per class, alternating, so any prefix is balanced too. */
    static LabelledPoints generate(int points, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[points][];
        double[] labels = new double[points];
        for (int i = 0; i < points; i++) {
            int label = i % 2;
            double sign = label == 1 ? 1.0 : -1.0;
            features[i] = new double[] {
                sign * CENTRE + random.nextGaussian(),
                sign * CENTRE / 2 + random.nextGaussian()
            };
            labels[i] = label;
        }
        return new LabelledPoints(features, labels);
    }
}
