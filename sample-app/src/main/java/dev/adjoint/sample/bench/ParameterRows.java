package dev.adjoint.sample.bench;

/**
 * Lists the rows of a problem's differentiable parameters in one order, so that finite
 * differences, Hipparchus and the reverse-mode gradients all number the parameters alike:
 * vectors first as given, then matrices row by row.
 */
public final class ParameterRows {
    private ParameterRows() {
    }

    public static double[][] of(double[] vector, double[][]... matrices) {
        int count = 1;
        for (double[][] m : matrices) {
            count += m.length;
        }
        double[][] rows = new double[count][];
        rows[0] = vector;
        int next = 1;
        for (double[][] m : matrices) {
            for (double[] row : m) {
                rows[next++] = row;
            }
        }
        return rows;
    }

    public static double[][] of(double[][]... matrices) {
        int count = 0;
        for (double[][] m : matrices) {
            count += m.length;
        }
        double[][] rows = new double[count][];
        int next = 0;
        for (double[][] m : matrices) {
            for (double[] row : m) {
                rows[next++] = row;
            }
        }
        return rows;
    }

    public static int size(double[][] rows) {
        int size = 0;
        for (double[] row : rows) {
            size += row.length;
        }
        return size;
    }

    /** The rows' entries in order, as one new array. */
    public static double[] flatten(double[][] rows) {
        double[] flat = new double[size(rows)];
        int next = 0;
        for (double[] row : rows) {
            System.arraycopy(row, 0, flat, next, row.length);
            next += row.length;
        }
        return flat;
    }
}
