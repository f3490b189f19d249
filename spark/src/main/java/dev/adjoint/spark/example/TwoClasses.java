package dev.adjoint.spark.example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic data for the examples and tests: two overlapping Gaussian clouds in d dimensions, the
 * class-1 cloud shifted by one unit along every axis. Each row holds the features followed by the
 * label (0 or 1), the layout {@code DistributedGradient.of(JavaRDD, ...)} takes.
 */
public final class TwoClasses {
    private TwoClasses() {
    }

    /** {@code count} rows of {@code dimension} features, the same ones for the same seed. */
    public static List<double[]> rows(long seed, int count, int dimension) {
        Random random = new Random(seed);
        List<double[]> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double label = random.nextBoolean() ? 1.0 : 0.0;
            double[] row = new double[dimension + 1];
            for (int j = 0; j < dimension; j++) {
                row[j] = random.nextGaussian() + label;
            }
            row[dimension] = label;
            rows.add(row);
        }
        return rows;
    }
}
