package dev.adjoint.sample.bench;

/**
 * The benchmark's only contact with the code the Adjoint processor generates for {@link Gmm}
 * (CONTRACT.md naming): kept apart so that everything else compiles and runs without it.
 */
final class GmmGenerated {
    private final GmmInput in;
    private final double[] alphasDot;
    private final double[][] meansDot;
    private final double[][] icfDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    GmmGenerated(GmmInput in) {
        this.in = in;
        // Any direction costs the same; all ones touches every parameter.
        this.alphasDot = ones(1, in.k())[0];
        this.meansDot = ones(in.k(), in.d());
        this.icfDot = ones(in.k(), in.icf()[0].length);
    }

    double gradient() {
        var g = GmmDerivatives.objectiveGradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        last = g;
        return g.value() + g.alphas()[0];
    }

    double tangent() {
        var t = GmmDerivatives.objectiveTangent(in.alphas(), alphasDot, in.means(), meansDot,
                in.icf(), icfDot, in.x(), in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        last = t;
        return t.value() + t.tangent();
    }

    /** The gradient in {@link ParameterRows} order (alphas, means, icf), for checking. */
    double[] flatGradient() {
        var g = GmmDerivatives.objectiveGradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        return ParameterRows.flatten(ParameterRows.of(g.alphas(), g.means(), g.icf()));
    }

    Object last() {
        return last;
    }

    private static double[][] ones(int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            java.util.Arrays.fill(row, 1.0);
        }
        return m;
    }
}
