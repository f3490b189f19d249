package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line-by-line ports of ADBench's C++ ({@link GmmPort}, {@link LstmPort}, {@link BaPort})
 * compute the same objective as the restructured versions, and their generated derivatives agree
 * with the hand-written ones.
 */
class AdbenchPortsTest {
    @ParameterizedTest
    @ValueSource(strings = {"gmm_test.txt", "gmm_d2_K5_1k.txt", "gmm_d10_K25_1k.txt"})
    void gmmPortMatchesTheHandWrittenGradient(String file) {
        GmmInput in = GmmInput.read(file);
        GmmPortGenerated port = new GmmPortGenerated(in);
        GmmProblem problem = new GmmProblem("GMM port", in, port);
        double objective = new GmmGenerated(in).value();
        assertEquals(objective, port.value(), 1e-12 * Math.abs(objective));
        NumericalGradient.assertClose(problem.handGradient(), port.flatGradient(), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 32})
    void lstmPortMatchesTheHandWrittenGradient(int steps) {
        LstmInput in = LstmInput.generate(LstmInput.BENCH_LAYERS, steps, LstmInput.BENCH_WIDTH,
                LstmInput.SEED);
        LstmPortGenerated port = new LstmPortGenerated(in);
        LstmProblem problem = new LstmProblem("LSTM port", in, port);
        double loss = new LstmGenerated(in).value();
        assertEquals(loss, port.value(), 1e-12 * Math.abs(loss));
        NumericalGradient.assertClose(problem.handGradient(), port.flatGradient(), 1e-12);
    }

    @Test
    void lstmPortLeavesItsArgumentsAlone() {
        LstmInput in = LstmInput.generate(1, 3, 4, LstmInput.SEED);
        LstmPortGenerated port = new LstmPortGenerated(in);
        double[] before = ParameterRows.flatten(port.parameterRows());
        port.value();
        port.gradient();
        port.tangent();
        assertArrayEquals(before, ParameterRows.flatten(port.parameterRows()));
    }

    @Test
    void baPortMatchesTheHandWrittenJacobian() {
        BaInput in = BaInput.read("ba1_n49_m7776_p31843.txt", 2000);
        BaJacobian byHand = new BaJacobian(in.observations());
        BaJacobianByHand.jacobian(in, byHand);
        BaGenerated port = new BaGenerated(in, new BaPortForm());
        BaJacobian reverse = new BaJacobian(in.observations());
        port.jacobian(reverse);
        BaJacobian tangent = new BaJacobian(in.observations());
        port.tangentJacobian(tangent);
        assertTrue(Agreement.maxRelativeDifference(byHand, reverse) < 1e-12);
        assertTrue(Agreement.maxRelativeDifference(byHand, tangent) < 1e-12);
    }
}
