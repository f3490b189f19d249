package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The parts of the scaling lesson that are not timing: columns, agreement, formatting. */
class ScalingDemoTest {
    @Test
    void smallProblemsTimeEveryColumnLargeOnesASpreadSample() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, ScalingDemo.columns(10));
        int[] sample = ScalingDemo.columns(100_000);
        assertEquals(ScalingDemo.SAMPLED_COLUMNS, sample.length);
        assertEquals(0, sample[0]);
        assertEquals(99_000, sample[sample.length - 1]);
    }

    @Test
    void gradientOfChainedSinesMatchesItsFormula() {
        double[] x = ChainedSines.point(50);
        double[] gradient = ChainedSinesDerivatives.valueGradient(x).x();
        for (int i = 0; i < x.length; i++) {
            double expected = (i + 1 < x.length ? Math.cos(x[i]) * x[i + 1] : 0.0)
                    + (i > 0 ? Math.sin(x[i - 1]) : 0.0);
            assertEquals(expected, gradient[i], 1e-14, "df/dx" + i);
        }
    }

    @Test
    void durationsReadWell() {
        assertEquals("850 ns", ScalingDemo.duration(850));
        assertEquals("2.5 us", ScalingDemo.duration(2_500));
        assertEquals("1.4 ms", ScalingDemo.duration(1_400_000));
        assertEquals("7.6 s", ScalingDemo.duration(7.6e9));
    }
}
