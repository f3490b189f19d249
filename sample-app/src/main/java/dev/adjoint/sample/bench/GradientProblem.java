package dev.adjoint.sample.bench;

/**
 * A benchmark row whose derivative is the full gradient of a scalar function: what the GMM, LSTM and
 * Rosenbrock rows share. The differentiable inputs are given as rows (see {@link ParameterRows}),
 * which fixes the parameter count, the tangent's description and how finite differences perturb them.
 */
abstract class GradientProblem implements Problem {
    private final double[][] rows;
    private final double[] differencesGradient;

    GradientProblem(double[][] rows) {
        this.rows = rows;
        this.differencesGradient = new double[parameterCount(rows)];
    }

    private static int parameterCount(double[][] rows) {
        int n = 0;
        for (double[] row : rows) {
            n += row.length;
        }
        return n;
    }

    final int parameterCount() {
        return differencesGradient.length;
    }

    @Override
    public final String parameters() {
        return Integer.toString(parameterCount());
    }

    @Override
    public final String tangentMode() {
        return "1 pass of " + parameterCount();
    }

    @Override
    public final double singleGradient() {
        return reverse();
    }

    @Override
    public final double finiteDifferences() {
        CentralDifferences.gradient(this::function, rows, differencesGradient);
        return differencesGradient[0];
    }
}
