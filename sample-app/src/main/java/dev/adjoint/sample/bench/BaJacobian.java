package dev.adjoint.sample.bench;

/**
 * Storage for the bundle adjustment residuals and their block-sparse Jacobian: per
 * observation a 2 x 15 block (row-major, columns as in {@link BaJacobianByHand}) and the
 * derivative of the weight error. Every way of computing the Jacobian fills one of these, so
 * they can be compared and nothing they compute is dead.
 */
public final class BaJacobian {
    public final double[][] errors;
    public final double[][] blocks;
    public final double[] weightErrors;
    public final double[] weightDerivatives;

    public BaJacobian(int observations) {
        errors = new double[observations][2];
        blocks = new double[observations][2 * BaJacobianByHand.COLUMNS];
        weightErrors = new double[observations];
        weightDerivatives = new double[observations];
    }
}
