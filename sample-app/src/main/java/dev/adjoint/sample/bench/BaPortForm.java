package dev.adjoint.sample.bench;

/** {@link BaPort} and the code generated for it (CONTRACT.md naming), as a {@link BaForm}. */
final class BaPortForm implements BaForm {
    @Override
    public double[] reprojectionError(double[] camera, double[] point, double weight, double[] feature) {
        return BaPort.computeReprojError(camera, point, weight, feature);
    }

    @Override
    public double weightError(double weight) {
        return BaPort.computeZachWeightError(weight);
    }

    @Override
    public void pullback(double[] camera, double[] point, double weight, double[] feature,
                         double[] rowBar, double[] block, int offset, double[] err) {
        var p = BaPortDerivatives.computeReprojErrorPullback(camera, point, weight, feature, rowBar);
        BaGenerated.store(block, offset, p.cam(), p.x(), p.w(), p.value(), err);
    }

    @Override
    public void pullbacks(double[] camera, double[] point, double weight, double[] feature,
                          double[] block, double[] err) {
        var p = BaPortDerivatives.computeReprojErrorPullbacks(camera, point, weight, feature, BaGenerated.ROWS);
        for (int row = 0; row < 2; row++) {
            BaGenerated.store(block, row * BaJacobianByHand.COLUMNS, p.cam()[row], p.x()[row], p.w()[row],
                    p.value(), err);
        }
    }

    @Override
    public void tangent(double[] camera, double[] cameraDot, double[] point, double[] pointDot,
                        double weight, double weightDot, double[] feature, double[] block,
                        int column, double[] err) {
        var t = BaPortDerivatives.computeReprojErrorTangent(camera, cameraDot, point, pointDot,
                weight, weightDot, feature);
        BaGenerated.store(block, column, t.tangent(), t.value(), err);
    }

    @Override
    public void weightGradient(double weight, BaJacobian out, int i) {
        var w = BaPortDerivatives.computeZachWeightErrorGradient(weight);
        BaGenerated.store(out, i, w.value(), w.w());
    }

    @Override
    public void weightTangent(double weight, BaJacobian out, int i) {
        var w = BaPortDerivatives.computeZachWeightErrorTangent(weight, 1.0);
        BaGenerated.store(out, i, w.value(), w.tangent());
    }
}
