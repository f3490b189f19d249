package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;

/**
 * Reference derivatives for tests: central differences refined by one Richardson step, whose
 * error is O(h^4), so that a 1e-6 relative tolerance checks the derivative and not the step.
 */
final class NumericalGradient {
    private NumericalGradient() {
    }

    /** d f / d row[index], perturbing the entry in place and restoring it. */
    static double derivative(DoubleSupplier f, double[] row, int index) {
        double saved = row[index];
        double h = 1e-3 * Math.max(1.0, Math.abs(saved));
        double coarse = central(f, row, index, saved, h);
        double fine = central(f, row, index, saved, h / 2);
        row[index] = saved;
        return (4 * fine - coarse) / 3;
    }

    private static double central(DoubleSupplier f, double[] row, int index, double saved, double h) {
        row[index] = saved + h;
        double plus = f.getAsDouble();
        row[index] = saved - h;
        double minus = f.getAsDouble();
        return (plus - minus) / (2 * h);
    }

    /**
     * Relative error with a floor on the scale: entries far smaller than the gradient's largest
     * entry are compared against that scale, since their finite differences are mostly rounding.
     */
    static double relativeError(double actual, double expected, double scale) {
        return Math.abs(actual - expected) / Math.max(Math.max(Math.abs(actual), Math.abs(expected)),
                1e-3 * scale);
    }

    /** Compares every entry of {@code actual} (in {@link ParameterRows} order) with finite differences. */
    static void assertMatches(DoubleSupplier f, double[][] rows, double[] actual, double tolerance) {
        double scale = 0.0;
        for (double value : actual) {
            scale = Math.max(scale, Math.abs(value));
        }
        int next = 0;
        StringBuilder failures = new StringBuilder();
        for (int r = 0; r < rows.length; r++) {
            for (int j = 0; j < rows[r].length; j++) {
                double expected = derivative(f, rows[r], j);
                double error = relativeError(actual[next], expected, scale);
                if (!(error < tolerance)) {
                    failures.append(String.format("%n  parameter %d (row %d, entry %d): %.12g vs finite"
                            + " differences %.12g, relative error %.2e", next, r, j, actual[next],
                            expected, error));
                }
                next++;
            }
        }
        if (failures.length() > 0) {
            fail("gradient differs from finite differences:" + failures);
        }
    }

    /** Compares two gradients entry by entry, relative to the largest entry. */
    static void assertClose(double[] expected, double[] actual, double tolerance) {
        double scale = 0.0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int i = 0; i < expected.length; i++) {
            double error = relativeError(actual[i], expected[i], scale);
            if (!(error < tolerance)) {
                fail(String.format("entry %d: %.15g expected %.15g (relative error %.2e)", i,
                        actual[i], expected[i], error));
            }
        }
    }
}
