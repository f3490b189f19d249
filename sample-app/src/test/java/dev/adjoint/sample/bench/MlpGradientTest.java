package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The hand-written MLP gradient agrees with finite differences, and the gradients Adjoint
 * generates for both written forms (dense helper and inline) agree with it.
 */
class MlpGradientTest {
    private static final MlpInput SMALL = MlpInput.generate(5, 4, 1, 6, 3);
    private static final MlpInput BENCH = MlpInput.benchmark();

    @Test
    void handWrittenMatchesFiniteDifferences() {
        double[][] bars = bars(SMALL);
        double value = MlpGradientByHand.gradient(SMALL.w1(), SMALL.b1(), SMALL.w2(), SMALL.b2(),
                SMALL.xs(), SMALL.ys(), bars[0], bars[1], bars[2], bars[3]);
        assertEquals(MlpGenerated.inline(SMALL).value(), value, 1e-14 * Math.abs(value));
        NumericalGradient.assertMatches(() -> MlpGenerated.inline(SMALL).value(), SMALL.parameterRows(),
                ParameterRows.flatten(bars), 1e-6);
    }

    @Test
    void bothFormsHaveTheSameValue() {
        assertEquals(MlpGenerated.inline(BENCH).value(), MlpGenerated.denseHelper(BENCH).value());
    }

    @Test
    void denseHelperGradientMatchesHandWritten() {
        NumericalGradient.assertClose(byHand(BENCH), MlpGenerated.denseHelper(BENCH).flatGradient(), 1e-12);
    }

    @Test
    void inlineGradientMatchesHandWritten() {
        NumericalGradient.assertClose(byHand(BENCH), MlpGenerated.inline(BENCH).flatGradient(), 1e-12);
    }

    private static double[] byHand(MlpInput in) {
        double[][] bars = bars(in);
        MlpGradientByHand.gradient(in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys(), bars[0],
                bars[1], bars[2], bars[3]);
        return ParameterRows.flatten(bars);
    }

    private static double[][] bars(MlpInput in) {
        double[][] rows = in.parameterRows();
        double[][] bars = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            bars[i] = new double[rows[i].length];
        }
        return bars;
    }
}
