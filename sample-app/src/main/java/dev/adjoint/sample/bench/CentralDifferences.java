package dev.adjoint.sample.bench;

import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Derivatives by central differences, the baseline every AD tool is compared against: two
 * evaluations of the function per parameter. Parameters are perturbed in place and restored.
 */
public final class CentralDifferences {
    /** Relative step: the cube root of machine epsilon balances truncation and rounding. */
    private static final double STEP = Math.cbrt(Math.ulp(1.0));

    private CentralDifferences() {
    }

    /** d f / d every entry of {@code rows}, in row order, into {@code out}. */
    public static void gradient(DoubleSupplier f, double[][] rows, double[] out) {
        int next = 0;
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                double saved = row[j];
                double h = step(saved);
                row[j] = saved + h;
                double plus = f.getAsDouble();
                row[j] = saved - h;
                double minus = f.getAsDouble();
                row[j] = saved;
                out[next++] = (plus - minus) / (2 * h);
            }
        }
    }

    /**
     * The Jacobian of a vector function with {@code outputs} components, row-major
     * (outputs x parameters) into {@code out}.
     */
    public static void jacobian(Supplier<double[]> f, int outputs, double[][] rows, double[] out) {
        int columns = ParameterRows.size(rows);
        int column = 0;
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                double saved = row[j];
                double h = step(saved);
                row[j] = saved + h;
                double[] plus = f.get();
                row[j] = saved - h;
                double[] minus = f.get();
                row[j] = saved;
                for (int r = 0; r < outputs; r++) {
                    out[r * columns + column] = (plus[r] - minus[r]) / (2 * h);
                }
                column++;
            }
        }
    }

    /** A step scaled to the value and rounded so that (x + h) - x == h exactly. */
    private static double step(double x) {
        double h = STEP * Math.max(1.0, Math.abs(x));
        double shifted = x + h;
        return shifted - x;
    }
}
