package dev.adjoint.sample.bench;

/**
 * The bundle-adjustment Jacobian built from the generated derivatives of one {@link BaForm}: by
 * reverse mode the two pullbacks of an observation (one per residual row, from one call of the
 * generated {@code Pullbacks} method) and one gradient, by forward mode one tangent pass per column
 * and one for the weight error.
 */
final class BaGenerated {
    private static final double[] FIRST_ROW = {1.0, 0.0};
    private static final double[] SECOND_ROW = {0.0, 1.0};
    /** The result bars of both rows of an observation's block. */
    static final double[][] ROWS = {FIRST_ROW, SECOND_ROW};

    private final BaInput in;
    private final BaForm form;
    private final double[] cameraDot = new double[BaInput.CAMERA_SIZE];
    private final double[] pointDot = new double[BaInput.POINT_SIZE];
    private final double[] singleBlock = new double[2 * BaJacobianByHand.COLUMNS];
    private final double[] singleError = new double[2];

    BaGenerated(BaInput in, BaForm form) {
        this.in = in;
        this.form = form;
    }

    /** The Jacobian by reverse mode: the pullbacks of both residual rows, one gradient per weight. */
    void jacobian(BaJacobian out) {
        for (int i = 0; i < in.observations(); i++) {
            double[] camera = in.camera(i);
            double[] point = in.point(i);
            double weight = in.weights[i];
            double[] feature = in.features[i];
            form.pullbacks(camera, point, weight, feature, out.blocks[i], out.errors[i]);
            form.weightGradient(weight, out, i);
        }
    }

    /** One reprojection-error pullback (the first residual row of observation 0). */
    double singlePullback() {
        form.pullback(in.camera(0), in.point(0), in.weights[0], in.features[0], FIRST_ROW,
                singleBlock, 0, singleError);
        return singleError[0] + singleBlock[0];
    }

    /** The Jacobian by forward mode: one tangent pass per column, one for each weight error. */
    void tangentJacobian(BaJacobian out) {
        int columns = BaJacobianByHand.COLUMNS;
        for (int i = 0; i < in.observations(); i++) {
            double[] camera = in.camera(i);
            double[] point = in.point(i);
            double weight = in.weights[i];
            double[] feature = in.features[i];
            for (int column = 0; column < columns; column++) {
                double weightDot = seed(column);
                form.tangent(camera, cameraDot, point, pointDot, weight, weightDot, feature,
                        out.blocks[i], column, out.errors[i]);
                unseed(column);
            }
            form.weightTangent(weight, out, i);
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

    /** Stores one pullback: a block row from {@code offset}, and the error. */
    static void store(double[] block, int offset, double[] camera, double[] point, double weight,
                      double[] value, double[] err) {
        System.arraycopy(camera, 0, block, offset, BaInput.CAMERA_SIZE);
        System.arraycopy(point, 0, block, offset + BaInput.CAMERA_SIZE, BaInput.POINT_SIZE);
        block[offset + BaInput.CAMERA_SIZE + BaInput.POINT_SIZE] = weight;
        err[0] = value[0];
        err[1] = value[1];
    }

    /** Stores one tangent pass: its two components in {@code column} of each block row, and the error. */
    static void store(double[] block, int column, double[] tangent, double[] value, double[] err) {
        block[column] = tangent[0];
        block[BaJacobianByHand.COLUMNS + column] = tangent[1];
        err[0] = value[0];
        err[1] = value[1];
    }

    /** Stores one weight error and its derivative. */
    static void store(BaJacobian out, int i, double value, double derivative) {
        out.weightErrors[i] = value;
        out.weightDerivatives[i] = derivative;
    }
}
