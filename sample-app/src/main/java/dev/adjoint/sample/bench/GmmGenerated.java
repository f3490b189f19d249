package dev.adjoint.sample.bench;

/**
 * The benchmark's only contact with the code the Adjoint processor generates for {@link Gmm}
 * (CONTRACT.md naming): kept apart so that everything else compiles and runs without it.
 */
final class GmmGenerated implements GeneratedForm {
    private final GmmInput in;
    private final double[] alphasDot;
    private final double[][] meansDot;
    private final double[][] icfDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    GmmGenerated(GmmInput in) {
        this.in = in;
        this.alphasDot = AllOnes.like(in.alphas());
        this.meansDot = AllOnes.like(in.means());
        this.icfDot = AllOnes.like(in.icf());
    }

    @Override
    public double value() {
        return Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(),
                in.wishartM(), in.logGammaTerm());
    }

    @Override
    public double gradient() {
        var g = GmmDerivatives.objectiveGradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        last = g;
        return g.value() + g.alphas()[0];
    }

    @Override
    public double tangent() {
        var t = GmmDerivatives.objectiveTangent(in.alphas(), alphasDot, in.means(), meansDot,
                in.icf(), icfDot, in.x(), in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        last = t;
        return t.value() + t.tangent();
    }

    /** The gradient in {@link ParameterRows} order (alphas, means, icf), for checking. */
    @Override
    public double[] flatGradient() {
        var g = GmmDerivatives.objectiveGradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        return ParameterRows.flatten(ParameterRows.of(g.alphas(), g.means(), g.icf()));
    }

    @Override
    public double[][] parameterRows() {
        return ParameterRows.of(in.alphas(), in.means(), in.icf());
    }
}
