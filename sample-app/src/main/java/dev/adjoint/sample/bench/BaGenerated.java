package dev.adjoint.sample.bench;

/**
 * The benchmark's only contact with the code generated for {@link BundleAdjustment}
 * (CONTRACT.md naming): reprojectionErrorPullback / reprojectionErrorTangent for the 2 x 15
 * blocks and weightErrorGradient / weightErrorTangent for the weight derivatives.
 */
final class BaGenerated {
    private static final double[] FIRST_ROW = {1.0, 0.0};
    private static final double[] SECOND_ROW = {0.0, 1.0};

    private final BaInput in;
    private final double[] cameraDot = new double[BaInput.CAMERA_SIZE];
    private final double[] pointDot = new double[BaInput.POINT_SIZE];

    BaGenerated(BaInput in) {
        this.in = in;
    }

    /** The Jacobian by reverse mode: one pullback per residual row, one gradient per weight. */
    void jacobian(BaJacobian out) {
        int columns = BaJacobianByHand.COLUMNS;
        for (int i = 0; i < in.observations(); i++) {
            double[] camera = in.camera(i);
            double[] point = in.point(i);
            double weight = in.weights[i];
            double[] feature = in.features[i];
            var first = BundleAdjustmentDerivatives.reprojectionErrorPullback(camera, point,
                    weight, feature, FIRST_ROW);
            var second = BundleAdjustmentDerivatives.reprojectionErrorPullback(camera, point,
                    weight, feature, SECOND_ROW);
            double[] block = out.blocks[i];
            storeRow(block, 0, first.camera(), first.point(), first.weight());
            storeRow(block, columns, second.camera(), second.point(), second.weight());
            out.errors[i][0] = first.value()[0];
            out.errors[i][1] = first.value()[1];
            var w = BundleAdjustmentDerivatives.weightErrorGradient(weight);
            out.weightErrors[i] = w.value();
            out.weightDerivatives[i] = w.w();
        }
    }

    /** One reprojection-error pullback (the first residual row of observation 0). */
    double singlePullback() {
        var first = BundleAdjustmentDerivatives.reprojectionErrorPullback(in.camera(0), in.point(0),
                in.weights[0], in.features[0], FIRST_ROW);
        return first.value()[0] + first.weight();
    }

    /** The Jacobian by forward mode: one tangent pass per column, one for each weight error. */
    void tangentJacobian(BaJacobian out) {
        int columns = BaJacobianByHand.COLUMNS;
        for (int i = 0; i < in.observations(); i++) {
            double[] camera = in.camera(i);
            double[] point = in.point(i);
            double weight = in.weights[i];
            double[] feature = in.features[i];
            double[] block = out.blocks[i];
            for (int column = 0; column < columns; column++) {
                double weightDot = seed(column);
                var t = BundleAdjustmentDerivatives.reprojectionErrorTangent(camera, cameraDot,
                        point, pointDot, weight, weightDot, feature);
                unseed(column);
                block[column] = t.tangent()[0];
                block[columns + column] = t.tangent()[1];
                out.errors[i][0] = t.value()[0];
                out.errors[i][1] = t.value()[1];
            }
            var w = BundleAdjustmentDerivatives.weightErrorTangent(weight, 1.0);
            out.weightErrors[i] = w.value();
            out.weightDerivatives[i] = w.tangent();
        }
    }

    /** Sets the direction to unit vector {@code column}; returns the weight's component. */
    private double seed(int column) {
        if (column < BaInput.CAMERA_SIZE) {
            cameraDot[column] = 1.0;
        } else if (column < BaInput.CAMERA_SIZE + BaInput.POINT_SIZE) {
            pointDot[column - BaInput.CAMERA_SIZE] = 1.0;
        } else {
            return 1.0;
        }
        return 0.0;
    }

    private void unseed(int column) {
        if (column < BaInput.CAMERA_SIZE) {
            cameraDot[column] = 0.0;
        } else if (column < BaInput.CAMERA_SIZE + BaInput.POINT_SIZE) {
            pointDot[column - BaInput.CAMERA_SIZE] = 0.0;
        }
    }

    private static void storeRow(double[] block, int offset, double[] camera, double[] point,
                                 double weight) {
        System.arraycopy(camera, 0, block, offset, BaInput.CAMERA_SIZE);
        System.arraycopy(point, 0, block, offset + BaInput.CAMERA_SIZE, BaInput.POINT_SIZE);
        block[offset + BaInput.CAMERA_SIZE + BaInput.POINT_SIZE] = weight;
    }
}
