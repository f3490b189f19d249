package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Hipparchus forward-mode baselines compute the same derivatives as the hand-written code. */
class HipparchusGradientsTest {
    @Test
    void rosenbrock() {
        double[] x = Rosenbrock.startingPoint(10);
        double[] byHand = new double[10];
        double[] hipparchus = new double[10];
        double value = RosenbrockGradientByHand.gradient(x, byHand);
        assertEquals(value, RosenbrockHipparchus.gradient(x, hipparchus), 1e-12 * value);
        NumericalGradient.assertClose(byHand, hipparchus, 1e-12);
    }

    @Test
    void gmm() {
        GmmInput in = GmmInput.read("gmm_d2_K5_1k.txt");
        double[] alphasBar = new double[in.k()];
        double[][] meansBar = new double[in.k()][in.d()];
        double[][] icfBar = new double[in.k()][in.icf()[0].length];
        double value = GmmGradientByHand.gradient(in.alphas(), in.means(), in.icf(), in.x(),
                in.wishartGamma(), in.wishartM(), in.logGammaTerm(), alphasBar, meansBar, icfBar);
        double[] hipparchus = new double[in.parameterCount()];
        assertEquals(value, GmmHipparchus.gradient(in, hipparchus), 1e-12 * Math.abs(value));
        NumericalGradient.assertClose(
                ParameterRows.flatten(ParameterRows.of(alphasBar, meansBar, icfBar)), hipparchus, 1e-10);
    }

    @Test
    void bundleAdjustment() {
        BaInput in = BaInput.read("ba1_n49_m7776_p31843.txt", 60);
        BaJacobian byHand = new BaJacobian(in.observations());
        BaJacobian hipparchus = new BaJacobian(in.observations());
        BaJacobianByHand.jacobian(in, byHand);
        BaHipparchus.jacobian(in, hipparchus);
        for (int i = 0; i < in.observations(); i++) {
            NumericalGradient.assertClose(byHand.errors[i], hipparchus.errors[i], 1e-14);
            NumericalGradient.assertClose(byHand.blocks[i], hipparchus.blocks[i], 1e-12);
        }
        NumericalGradient.assertClose(byHand.weightErrors, hipparchus.weightErrors, 1e-15);
        NumericalGradient.assertClose(byHand.weightDerivatives, hipparchus.weightDerivatives, 1e-15);
    }

    @Test
    void lstm() {
        LstmInput in = LstmInput.generate(2, 8, 6, 4);
        double[][] mainBar = new double[4][24];
        double[][] extraBar = new double[3][6];
        double[][] stateBar = new double[4][6];
        double loss = LstmGradientByHand.gradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence(), mainBar, extraBar, stateBar);
        double[] hipparchus = new double[in.parameterCount()];
        assertEquals(loss, LstmHipparchus.gradient(in, hipparchus), 1e-13 * Math.abs(loss));
        NumericalGradient.assertClose(
                ParameterRows.flatten(ParameterRows.of(mainBar, extraBar, stateBar)), hipparchus, 1e-10);
    }
}
