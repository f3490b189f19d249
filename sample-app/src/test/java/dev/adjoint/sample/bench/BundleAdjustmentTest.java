package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The bundle adjustment instance and residuals match ADBench. */
class BundleAdjustmentTest {
    private static final String FILE = "ba1_n49_m7776_p31843.txt";

    @Test
    void buildsTheReplicatedInstance() {
        BaInput in = BaInput.read(AdbenchData.file(FILE));
        assertEquals(49, in.cameras.length);
        assertEquals(7776, in.points.length);
        assertEquals(31843, in.observations());
        assertEquals(31842 % 49, in.cameraOf[31842]);
        assertEquals(31842 % 7776, in.pointOf[31842]);
        assertArrayEquals(in.cameras[0], in.cameras[48]);
    }

    @Test
    void reproducesTheErrorsOfObservationZero() {
        BaInput in = BaInput.read(FILE, 1);
        double[] err = BundleAdjustment.reprojectionError(in.camera(0), in.point(0), in.weights[0],
                in.features[0]);
        assertEquals(0.1013358379, err[0], 1e-10);
        assertEquals(-0.06896776592, err[1], 1e-11);
        assertEquals(0.8260926515, BundleAdjustment.weightError(in.weights[0]), 1e-10);
    }

    @Test
    void zeroRotationLeavesThePointInPlace() {
        double[] moved = BundleAdjustment.rodriguesRotatePoint(new double[3], new double[] {1, 2, 3});
        assertArrayEquals(new double[] {1, 2, 3}, moved);
    }
}
