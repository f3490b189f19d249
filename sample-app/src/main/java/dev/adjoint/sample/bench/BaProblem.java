package dev.adjoint.sample.bench;

/**
 * Bundle adjustment, in one of its written forms: all reprojection and weight errors, and the
 * Jacobian block by block over every observation (a 2 x 15 block and a 1 x 1 weight derivative
 * each).
 */
final class BaProblem implements Problem {
    private final String name;
    private final BaInput in;
    private final BaForm form;
    private final BaGenerated ours;
    private final BaJacobian values;
    private final BaJacobian reverse;
    private final BaJacobian tangent;
    private final BaJacobian byHand;
    private final BaJacobian hipparchus;
    private final BaJacobian differences;

    BaProblem(String name, BaInput in, BaForm form) {
        this.name = name;
        this.in = in;
        this.form = form;
        this.ours = new BaGenerated(in, form);
        int p = in.observations();
        this.values = new BaJacobian(p);
        this.reverse = new BaJacobian(p);
        this.tangent = new BaJacobian(p);
        this.byHand = new BaJacobian(p);
        this.hipparchus = new BaJacobian(p);
        this.differences = new BaJacobian(p);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String parameters() {
        return BaJacobianByHand.COLUMNS + "/obs";
    }

    @Override
    public String tangentMode() {
        return "full: " + BaJacobianByHand.COLUMNS + "+1 passes/obs";
    }

    @Override
    public double function() {
        for (int i = 0; i < in.observations(); i++) {
            double[] err = form.reprojectionError(in.camera(i), in.point(i), in.weights[i],
                    in.features[i]);
            values.errors[i][0] = err[0];
            values.errors[i][1] = err[1];
            values.weightErrors[i] = form.weightError(in.weights[i]);
        }
        return values.errors[0][0];
    }

    @Override
    public double reverse() {
        ours.jacobian(reverse);
        return reverse.blocks[0][0];
    }

    @Override
    public double singleGradient() {
        return ours.singlePullback();
    }

    @Override
    public double tangent() {
        ours.tangentJacobian(tangent);
        return tangent.blocks[0][0];
    }

    @Override
    public double byHand() {
        BaJacobianByHand.jacobian(in, byHand);
        return byHand.blocks[0][0];
    }

    @Override
    public double hipparchus() {
        BaHipparchus.jacobian(in, hipparchus);
        return hipparchus.blocks[0][0];
    }

    @Override
    public double finiteDifferences() {
        double[] weight = new double[1];
        for (int i = 0; i < in.observations(); i++) {
            double[] camera = in.camera(i);
            double[] point = in.point(i);
            double[] feature = in.features[i];
            weight[0] = in.weights[i];
            CentralDifferences.jacobian(
                    () -> form.reprojectionError(camera, point, weight[0], feature), 2,
                    new double[][] {camera, point, weight}, differences.blocks[i]);
            double[] weightDerivative = new double[1];
            CentralDifferences.gradient(() -> form.weightError(weight[0]),
                    new double[][] {weight}, weightDerivative);
            differences.weightDerivatives[i] = weightDerivative[0];
        }
        return differences.blocks[0][0];
    }

    @Override
    public double reverseVersusHand() {
        byHand();
        reverse();
        return Agreement.maxRelativeDifference(byHand, reverse);
    }
}
