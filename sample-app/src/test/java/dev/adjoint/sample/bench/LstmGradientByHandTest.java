package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-written backpropagation through time agrees with finite differences of the loss. */
class LstmGradientByHandTest {
    @Test
    void matchesFiniteDifferencesOnAShortSequence() {
        check(LstmInput.generate(2, 6, 5, 11));
    }

    @Test
    void matchesFiniteDifferencesWithThreeLayers() {
        check(LstmInput.generate(3, 4, 3, 5));
    }

    @Test
    void lossDoesNotChangeTheState() {
        LstmInput in = LstmInput.generate(2, 5, 4, 1);
        double[][] before = copy(in.state());
        Lstm.loss(in.mainParams(), in.extraParams(), in.state(), in.sequence());
        LstmGradientByHand.gradient(in.mainParams(), in.extraParams(), in.state(), in.sequence(),
                new double[4][16], new double[3][4], new double[4][4]);
        for (int r = 0; r < before.length; r++) {
            assertArrayEquals(before[r], in.state()[r]);
        }
    }

    private static void check(LstmInput in) {
        double[][] mainBar = shaped(in.mainParams());
        double[][] extraBar = shaped(in.extraParams());
        double[][] stateBar = shaped(in.state());
        double loss = LstmGradientByHand.gradient(in.mainParams(), in.extraParams(), in.state(),
                in.sequence(), mainBar, extraBar, stateBar);
        double expected = loss(in);
        assertEquals(expected, loss, 1e-14 * Math.abs(expected));
        NumericalGradient.assertMatches(() -> loss(in),
                ParameterRows.of(in.mainParams(), in.extraParams(), in.state()),
                ParameterRows.flatten(ParameterRows.of(mainBar, extraBar, stateBar)), 1e-6);
    }

    private static double loss(LstmInput in) {
        return Lstm.loss(in.mainParams(), in.extraParams(), in.state(), in.sequence());
    }

    private static double[][] shaped(double[][] like) {
        return new double[like.length][like[0].length];
    }

    private static double[][] copy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int r = 0; r < m.length; r++) {
            out[r] = m[r].clone();
        }
        return out;
    }
}
