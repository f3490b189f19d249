package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written GMM gradient agrees with finite differences of the objective. */
class GmmGradientByHandTest {
    @ParameterizedTest
    @ValueSource(strings = {"gmm_test.txt", "gmm_d2_K5_1k.txt"})
    void matchesFiniteDifferences(String file) {
        GmmInput in = GmmInput.read(file);
        double[] alphasBar = new double[in.k()];
        double[][] meansBar = new double[in.k()][in.d()];
        double[][] icfBar = new double[in.k()][in.icf()[0].length];
        double value = GmmGradientByHand.gradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm(), alphasBar, meansBar, icfBar);

        double objective = objective(in);
        assertEquals(objective, value, 1e-12 * Math.abs(objective));
        NumericalGradient.assertMatches(() -> objective(in),
                ParameterRows.of(in.alphas(), in.means(), in.icf()),
                ParameterRows.flatten(ParameterRows.of(alphasBar, meansBar, icfBar)), 1e-6);
    }

    private static double objective(GmmInput in) {
        return Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(),
                in.wishartM(), in.logGammaTerm());
    }
}
