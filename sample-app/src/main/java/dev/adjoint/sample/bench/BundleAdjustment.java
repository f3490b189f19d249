package dev.adjoint.sample.bench;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Residuals of bundle adjustment as ADBench defines them (src/cpp/shared/ba.h), written in the
 * subset the Adjoint processor accepts.
 *
 * <p>A camera is 11 numbers: Rodrigues rotation vector [0, 3), centre [3, 6), focal length 6,
 * principal point [7, 9) and two radial distortion coefficients [9, 11). Each observation
 * contributes a weighted 2-vector reprojection error and a 1-vector weight error; the Jacobian of
 * one observation is therefore 2 x 15 (camera, point, weight) plus 1 x 1.
 */
public final class BundleAdjustment {
    private BundleAdjustment() {
    }

    /** weight * (projection of point by camera - observed feature). */
    @Differentiable
    public static double[] reprojectionError(double[] camera, double[] point, double weight,
                                             @NoDerivative double[] feature) {
        double[] projection = project(camera, point);
        double[] err = new double[2];
        err[0] = weight * (projection[0] - feature[0]);
        err[1] = weight * (projection[1] - feature[1]);
        return err;
    }

    /** ADBench's weight regulariser, which pushes weights towards one. */
    @Differentiable
    public static double weightError(double w) {
        return 1 - w * w;
    }

    /** Rotate into the camera frame, divide by depth, distort radially, scale and shift. */
    @Differentiable
    public static double[] project(double[] camera, double[] point) {
        double[] rotation = new double[3];
        double[] relative = new double[3];
        for (int i = 0; i < 3; i++) {
            rotation[i] = camera[i];
            relative[i] = point[i] - camera[3 + i];
        }
        double[] inCamera = rodriguesRotatePoint(rotation, relative);
        double[] distorted = radialDistort(camera[9], camera[10],
                inCamera[0] / inCamera[2], inCamera[1] / inCamera[2]);
        double[] projection = new double[2];
        projection[0] = distorted[0] * camera[6] + camera[7];
        projection[1] = distorted[1] * camera[6] + camera[8];
        return projection;
    }

    /** (u, v) scaled by 1 + k1 r^2 + k2 r^4. */
    @Differentiable
    public static double[] radialDistort(double k1, double k2, double u, double v) {
        double rsq = u * u + v * v;
        double factor = 1 + k1 * rsq + k2 * rsq * rsq;
        double[] out = new double[2];
        out[0] = u * factor;
        out[1] = v * factor;
        return out;
    }

    /**
     * Rotates {@code pt} by the rotation vector {@code rot} with Rodrigues' formula. At exactly
     * zero angle the formula divides by zero, so ADBench switches to its first-order expansion
     * pt + rot x pt there, which also has the right derivative at zero.
     */
    @Differentiable
    public static double[] rodriguesRotatePoint(double[] rot, double[] pt) {
        double[] out = new double[3];
        double sqTheta = rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2];
        if (sqTheta != 0.0) {
            double theta = Math.sqrt(sqTheta);
            double cosTheta = Math.cos(theta);
            double sinTheta = Math.sin(theta);
            double thetaInverse = 1.0 / theta;
            double[] w = new double[3];
            for (int i = 0; i < 3; i++) {
                w[i] = rot[i] * thetaInverse;
            }
            double[] wCrossPt = cross(w, pt);
            double tmp = (1.0 - cosTheta) * (w[0] * pt[0] + w[1] * pt[1] + w[2] * pt[2]);
            for (int i = 0; i < 3; i++) {
                out[i] = pt[i] * cosTheta + wCrossPt[i] * sinTheta + w[i] * tmp;
            }
        } else {
            double[] rotCrossPt = cross(rot, pt);
            for (int i = 0; i < 3; i++) {
                out[i] = pt[i] + rotCrossPt[i];
            }
        }
        return out;
    }

    /** a x b. */
    @Differentiable
    public static double[] cross(double[] a, double[] b) {
        double[] out = new double[3];
        out[0] = a[1] * b[2] - a[2] * b[1];
        out[1] = a[2] * b[0] - a[0] * b[2];
        out[2] = a[0] * b[1] - a[1] * b[0];
        return out;
    }
}
