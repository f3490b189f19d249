package dev.adjoint.sample.bench;

/**
 * A benchmark row whose derivative is the full gradient of a scalar function: what the GMM, LSTM,
 * Rosenbrock and MLP rows share. The function, its reverse and forward modes come from one
 * {@link GeneratedForm}; its differentiable inputs, as rows (see {@link ParameterRows}), fix the
 * parameter count, the tangent's description and how finite differences perturb them.
 */
abstract class GradientProblem implements Problem {
    private final GeneratedForm form;
    private final double[][] rows;
    private final double[] differencesGradient;

    GradientProblem(GeneratedForm form) {
        this.form = form;
        this.rows = form.parameterRows();
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
    public final double function() {
        return form.value();
    }

    @Override
    public final double reverse() {
        return form.gradient();
    }

    @Override
    public final double singleGradient() {
        return form.gradient();
    }

    @Override
    public final double tangent() {
        return form.tangent();
    }

    @Override
    public final double finiteDifferences() {
        CentralDifferences.gradient(this::function, rows, differencesGradient);
        return differencesGradient[0];
    }

    @Override
    public final double reverseVersusHand() {
        return Agreement.maxRelativeDifference(handGradient(), form.flatGradient());
    }

    /** Runs {@link #byHand()} and returns its gradient in {@link ParameterRows} order. */
    abstract double[] handGradient();
}
