package dev.adjoint.sample.bench;

/** {@link BundleAdjustment} and the code generated for it (CONTRACT.md naming), as a {@link BaForm}. */
final class BundleAdjustmentForm implements BaForm {
    @Override
    public double[] reprojectionError(double[] camera, double[] point, double weight, double[] feature) {
        return BundleAdjustment.reprojectionError(camera, point, weight, feature);
    }

    @Override
    public double weightError(double weight) {
        return BundleAdjustment.weightError(weight);
    }

    @Override
    public void pullback(double[] camera, double[] point, double weight, double[] feature,
                         double[] rowBar, double[] block, int offset, double[] err) {
        var p = BundleAdjustmentDerivatives.reprojectionErrorPullback(camera, point, weight, feature,
                rowBar);
        BaGenerated.store(block, offset, p.camera(), p.point(), p.weight(), p.value(), err);
    }

    @Override
    public void pullbacks(double[] camera, double[] point, double weight, double[] feature,
                          double[] block, double[] err) {
        var p = BundleAdjustmentDerivatives.reprojectionErrorPullbacks(camera, point, weight, feature, BaGenerated.ROWS);
        for (int row = 0; row < 2; row++) {
            BaGenerated.store(block, row * BaJacobianByHand.COLUMNS, p.camera()[row], p.point()[row], p.weight()[row],
                    p.value(), err);
        }
    }

    @Override
    public void tangent(double[] camera, double[] cameraDot, double[] point, double[] pointDot,
                        double weight, double weightDot, double[] feature, double[] block,
                        int column, double[] err) {
        var t = BundleAdjustmentDerivatives.reprojectionErrorTangent(camera, cameraDot, point,
                pointDot, weight, weightDot, feature);
        BaGenerated.store(block, column, t.tangent(), t.value(), err);
    }

    @Override
    public void weightGradient(double weight, BaJacobian out, int i) {
        var w = BundleAdjustmentDerivatives.weightErrorGradient(weight);
        BaGenerated.store(out, i, w.value(), w.w());
    }

    @Override
    public void weightTangent(double weight, BaJacobian out, int i) {
        var w = BundleAdjustmentDerivatives.weightErrorTangent(weight, 1.0);
        BaGenerated.store(out, i, w.value(), w.tangent());
    }
}
