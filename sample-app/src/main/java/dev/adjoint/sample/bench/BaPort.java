package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * ADBench's bundle-adjustment residuals ported line by line from its reference C++
 * (src/cpp/shared/ba.h and the helpers of matrix.h): the same statements, the same helpers,
 * pointers into the camera as the array and an offset. {@link BundleAdjustment} is the same
 * residual restructured for the processor.
 *
 * <p>Camera layout as in ADBench: rotation [0, 3), centre [3, 6), focal length 6, principal point
 * [7, 9), radial distortion [9, 11). {@code w} is a {@code const T*} to one weight in the C++; here
 * it is that weight.
 *
 * <p>The helpers are plain static methods, as in the C++: the processor differentiates through
 * their bodies, {@code void} writers included. Only the entry points are annotated, and
 * {@code computeReprojError} returns its error instead of writing it into a {@code T* err}: an
 * entry point returns {@code double} or {@code double[]} ("@Differentiable method ... returns
 * void" otherwise).
 */
public final class BaPort {
    private BaPort() {
    }

    @Differentiable
    public static double[] computeReprojError(double[] cam, double[] x, double w,
                                              @NoDerivative double[] feat) {
        double[] err = new double[2];
        double[] proj = new double[2];
        project(cam, x, proj);

        err[0] = w * (proj[0] - feat[0]);
        err[1] = w * (proj[1] - feat[1]);
        return err;
    }

    @Differentiable
    public static double computeZachWeightError(double w) {
        return 1 - w * w;
    }

    /** Writes {@code proj}. */
    static void project(double[] cam, double[] x, double[] proj) {
        final int c = 3;
        double[] xo = new double[3];
        double[] xcam = new double[3];

        xo[0] = x[0] - cam[c];
        xo[1] = x[1] - cam[c + 1];
        xo[2] = x[2] - cam[c + 2];

        rodriguesRotatePoint(cam, 0, xo, xcam);

        proj[0] = xcam[0] / xcam[2];
        proj[1] = xcam[1] / xcam[2];

        radialDistort(cam, 9, proj);

        proj[0] = proj[0] * cam[6] + cam[7];
        proj[1] = proj[1] * cam[6] + cam[8];
    }

    /** Writes {@code rotatedPt}: pt rotated by the 3 numbers from {@code rotOff}. */
    static void rodriguesRotatePoint(double[] rot, int rotOff, double[] pt, double[] rotatedPt) {
        double sqtheta = sqsum(3, rot, rotOff);
        if (sqtheta != 0) {
            double theta;
            double costheta;
            double sintheta;
            double thetaInverse;
            double[] w = new double[3];
            double[] wCrossPt = new double[3];
            double tmp;

            theta = Math.sqrt(sqtheta);
            costheta = Math.cos(theta);
            sintheta = Math.sin(theta);
            thetaInverse = 1.0 / theta;

            for (int i = 0; i < 3; i++) {
                w[i] = rot[rotOff + i] * thetaInverse;
            }

            cross(w, 0, pt, wCrossPt);

            tmp = (w[0] * pt[0] + w[1] * pt[1] + w[2] * pt[2]) * (1. - costheta);

            for (int i = 0; i < 3; i++) {
                rotatedPt[i] = pt[i] * costheta + wCrossPt[i] * sintheta + w[i] * tmp;
            }
        } else {
            double[] rotCrossPt = new double[3];
            cross(rot, rotOff, pt, rotCrossPt);

            for (int i = 0; i < 3; i++) {
                rotatedPt[i] = pt[i] + rotCrossPt[i];
            }
        }
    }

    /** Scales {@code proj} in place by the distortion from {@code radOff}. */
    static void radialDistort(double[] radParams, int radOff, double[] proj) {
        double rsq;
        double l;
        rsq = sqsum(2, proj, 0);
        l = 1. + radParams[radOff] * rsq + radParams[radOff + 1] * rsq * rsq;
        proj[0] = proj[0] * l;
        proj[1] = proj[1] * l;
    }

    /** ba.h's sqsum of the n entries from {@code xOff}. */
    static double sqsum(int n, double[] x, int xOff) {
        double res = 0;
        for (int i = 0; i < n; i++) {
            res = res + x[xOff + i] * x[xOff + i];
        }
        return res;
    }

    /** matrix.h's cross of the 3 numbers of {@code a} from {@code aOff} and b: writes out. */
    static void cross(double[] a, int aOff, double[] b, double[] out) {
        out[0] = a[aOff + 1] * b[2] - a[aOff + 2] * b[1];
        out[1] = a[aOff + 2] * b[0] - a[aOff] * b[2];
        out[2] = a[aOff] * b[1] - a[aOff + 1] * b[0];
    }
}
