package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written bundle adjustment Jacobian agrees with finite differences. */
class BaJacobianByHandTest {
    private static final int COLUMNS = BaJacobianByHand.COLUMNS;

    @Test
    void observationZeroMatchesFiniteDifferences() {
        BaInput in = BaInput.read("ba1_n49_m7776_p31843.txt", 1);
        check(in.camera(0).clone(), in.point(0).clone(), in.weights[0], in.features[0]);
    }

    @Test
    void randomCamerasMatchFiniteDifferences() {
        Random random = new Random(3);
        for (int trial = 0; trial < 5; trial++) {
            double[] camera = new double[BaInput.CAMERA_SIZE];
            for (int j = 0; j < camera.length; j++) {
                camera[j] = random.nextGaussian() * 0.3;
            }
            camera[6] = 1 + random.nextDouble();    // focal length
            double[] point = {random.nextGaussian(), random.nextGaussian(), 5 + random.nextDouble()};
            check(camera, point, 0.5 + random.nextDouble(), new double[] {0.1, -0.2});
        }
    }

    @Test
    void zeroRotationUsesTheSmallAngleBranch() {
        double[] camera = {0, 0, 0, 0.1, -0.2, 0.3, 2.0, 0.5, -0.5, 0.01, 0.001};
        check(camera, new double[] {0.5, 0.7, 4.0}, 0.9, new double[] {0.3, 0.2});
    }

    @Test
    void fillsEveryObservationAndTheWeightErrors() {
        BaInput in = BaInput.read("ba1_n49_m7776_p31843.txt", 100);
        BaJacobian jacobian = new BaJacobian(in.observations());
        BaJacobianByHand.jacobian(in, jacobian);
        assertArrayEquals(jacobian.blocks[0], jacobian.blocks[99]);
        assertEquals(0.8260926515, jacobian.weightErrors[7], 1e-10);
        assertEquals(-2 * in.weights[7], jacobian.weightDerivatives[7]);
    }

    private static void check(double[] camera, double[] point, double weight, double[] feature) {
        double[] err = new double[2];
        double[] jac = new double[2 * COLUMNS];
        BaJacobianByHand.observation(camera, point, weight, feature, err, jac);
        double[] weightHolder = {weight};
        double[][] rows = {camera, point, weightHolder};
        assertArrayEquals(BundleAdjustment.reprojectionError(camera, point, weight, feature), err, 1e-15);
        for (int r = 0; r < 2; r++) {
            int output = r;
            double[] row = new double[COLUMNS];
            System.arraycopy(jac, r * COLUMNS, row, 0, COLUMNS);
            NumericalGradient.assertMatches(() -> BundleAdjustment.reprojectionError(camera, point,
                    weightHolder[0], feature)[output], rows, row, 1e-6);
        }
    }
}
