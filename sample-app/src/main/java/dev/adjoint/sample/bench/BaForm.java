package dev.adjoint.sample.bench;

/**
 * One written form of the bundle-adjustment residuals of one observation, with the calls of its
 * generated derivatives that {@link BaGenerated} builds the Jacobian from. Results go into the
 * caller's storage: a block is 2 x 15, row-major, columns as in {@link BaJacobianByHand}.
 */
interface BaForm {
    /** The weighted reprojection error (2 numbers). */
    double[] reprojectionError(double[] camera, double[] point, double weight, double[] feature);

    /** The weight's regulariser. */
    double weightError(double weight);

    /**
     * One pullback with {@code rowBar}: stores the derivatives with respect to camera, point and
     * weight into {@code block} from {@code offset}, and the error into {@code err}.
     */
    void pullback(double[] camera, double[] point, double weight, double[] feature, double[] rowBar,
                  double[] block, int offset, double[] err);

    /**
     * Both rows of the block at once, from the generated {@code Pullbacks} method (one forward
     * sweep for the two pullbacks where the generated code can share it): stores the block into
     * {@code block} and the error into {@code err}.
     */
    void pullbacks(double[] camera, double[] point, double weight, double[] feature, double[] block,
                   double[] err);

    /**
     * One Jacobian-vector product: stores the two components of the tangent into {@code block} at
     * {@code column} of each row, and the error into {@code err}.
     */
    void tangent(double[] camera, double[] cameraDot, double[] point, double[] pointDot,
                 double weight, double weightDot, double[] feature, double[] block, int column,
                 double[] err);

    /** The weight error by reverse mode: its value and derivative into {@code out} at {@code i}. */
    void weightGradient(double weight, BaJacobian out, int i);

    /** The weight error by forward mode: its value and derivative into {@code out} at {@code i}. */
    void weightTangent(double weight, BaJacobian out, int i);
}
