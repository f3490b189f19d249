package dev.adjoint.sample.bench;

/**
 * The benchmark's only contact with the code generated for {@link GmmPort}: the instance's
 * matrices flattened into ADBench's layout once, and read from there.
 */
final class GmmPortGenerated implements GeneratedForm {
    private final GmmInput in;
    private final double[] means;
    private final double[] icf;
    private final double[] x;
    private final double[] alphasDot;
    private final double[] meansDot;
    private final double[] icfDot;
    /** The latest result, kept reachable so that computing it is never dead code. */
    private Object last;

    GmmPortGenerated(GmmInput in) {
        this.in = in;
        this.means = ParameterRows.flatten(in.means());
        this.icf = ParameterRows.flatten(in.icf());
        this.x = ParameterRows.flatten(in.x());
        this.alphasDot = AllOnes.like(in.alphas());
        this.meansDot = AllOnes.like(means);
        this.icfDot = AllOnes.like(icf);
    }

    @Override
    public double value() {
        return GmmPort.objective(in.d(), in.k(), in.n(), in.alphas(), means, icf, x,
                in.wishartGamma(), in.wishartM(), in.logGammaTerm());
    }

    @Override
    public double gradient() {
        var g = GmmPortDerivatives.objectiveGradient(in.d(), in.k(), in.n(), in.alphas(), means,
                icf, x, in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        last = g;
        return g.value() + g.alphas()[0];
    }

    @Override
    public double tangent() {
        var t = GmmPortDerivatives.objectiveTangent(in.d(), in.k(), in.n(), in.alphas(), alphasDot,
                means, meansDot, icf, icfDot, x, in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        last = t;
        return t.value() + t.tangent();
    }

    @Override
    public double[] flatGradient() {
        var g = GmmPortDerivatives.objectiveGradient(in.d(), in.k(), in.n(), in.alphas(), means,
                icf, x, in.wishartGamma(), in.wishartM(), in.logGammaTerm());
        return ParameterRows.flatten(new double[][] {g.alphas(), g.means(), g.icf()});
    }

    @Override
    public double[][] parameterRows() {
        return new double[][] {in.alphas(), means, icf};
    }
}
