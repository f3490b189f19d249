package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.Jacobian;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The curve fit whose parameters are a record recovers the curve its points lie on. */
class CurveFitTest {
    @Test
    void gradientDescentOnARecordRecoversTheCurve() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CurveFit.Decay fitted = CurveFit.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(2.0, fitted.amplitude(), 0.05, bytes.toString(StandardCharsets.UTF_8));
        assertEquals(1.5, fitted.rate(), 0.05);
        assertEquals(0.5, fitted.offset(), 0.05);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("step 4000"));
    }

    @Test
    void theRegistryGradientIsARecordAndMatchesTheJacobianRow() {
        CurveFit.Decay d = new CurveFit.Decay(1.0, 0.7, 0.1);
        double[] ts = {0.0, 0.5, 1.0};
        double[] ys = {1.0, 0.6, 0.4};
        Object[] g = Derivatives.of(CurveFit.class, "loss").gradient(d, ts, ys);
        CurveFit.Decay slope = (CurveFit.Decay) g[0];
        double[][] j = Jacobian.of(Derivatives.of(CurveFit.class, "loss"), d, ts, ys);
        assertEquals(slope.amplitude(), j[0][0], 1e-12);
        assertEquals(slope.rate(), j[0][1], 1e-12);
        assertEquals(slope.offset(), j[0][2], 1e-12);
        double h = 1e-6;
        double fd = (CurveFit.loss(new CurveFit.Decay(1.0, 0.7 + h, 0.1), ts, ys)
                - CurveFit.loss(new CurveFit.Decay(1.0, 0.7 - h, 0.1), ts, ys)) / (2 * h);
        assertEquals(fd, slope.rate(), 1e-6);
    }
}
