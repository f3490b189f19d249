package dev.adjoint.sample.bench;

/**
 * The Jacobian of {@link BundleAdjustment#reprojectionError} derived by hand, by the chain rule
 * through its stages: rotation, perspective division, distortion, scaling and weighting.
 *
 * <p>Columns of the 2 x 15 block (stored row-major in 30 numbers): camera 0..10, point 11..13,
 * weight 14.
 */
public final class BaJacobianByHand {
    /** Columns of one observation's reprojection block. */
    public static final int COLUMNS = BaInput.CAMERA_SIZE + BaInput.POINT_SIZE + 1;

    private BaJacobianByHand() {
    }

    /** Fills the reprojection and weight errors of every observation and their Jacobians. */
    public static void jacobian(BaInput in, BaJacobian out) {
        for (int i = 0; i < in.observations(); i++) {
            observation(in.camera(i), in.point(i), in.weights[i], in.features[i],
                    out.errors[i], out.blocks[i]);
            out.weightErrors[i] = 1 - in.weights[i] * in.weights[i];
            out.weightDerivatives[i] = -2 * in.weights[i];
        }
    }

    /** One observation: writes its error into {@code err} (2) and the block into {@code jac} (30). */
    public static void observation(double[] cam, double[] pt, double weight, double[] feature,
                                   double[] err, double[] jac) {
        double[] relative = {pt[0] - cam[3], pt[1] - cam[4], pt[2] - cam[5]};
        double[] rotated = new double[3];
        double[][] byPoint = new double[3][3];    // d rotated / d relative, the rotation matrix
        double[][] byRotation = new double[3][3]; // d rotated / d rotation vector
        rotate(cam, relative, rotated, byPoint, byRotation);

        double z = rotated[2];
        double u = rotated[0] / z;
        double v = rotated[1] / z;
        double k1 = cam[9];
        double k2 = cam[10];
        double focal = cam[6];
        double rsq = u * u + v * v;
        double factor = 1 + k1 * rsq + k2 * rsq * rsq;
        double projU = u * factor * focal + cam[7];
        double projV = v * factor * focal + cam[8];
        err[0] = weight * (projU - feature[0]);
        err[1] = weight * (projV - feature[1]);

        // d err / d (u, v): w f (factor I + (u, v)^T grad factor).
        double factorSlope = 2 * (k1 + 2 * k2 * rsq);
        double wf = weight * focal;
        double[][] byUv = {
            {wf * (factor + u * factorSlope * u), wf * u * factorSlope * v},
            {wf * v * factorSlope * u, wf * (factor + v * factorSlope * v)}
        };
        // d err / d rotated = byUv * d(u, v)/d rotated, with d u = (d x - u d z) / z.
        double[][] byRotated = new double[2][3];
        for (int r = 0; r < 2; r++) {
            byRotated[r][0] = byUv[r][0] / z;
            byRotated[r][1] = byUv[r][1] / z;
            byRotated[r][2] = -(byUv[r][0] * u + byUv[r][1] * v) / z;
        }

        java.util.Arrays.fill(jac, 0.0);
        double[] uv = {u, v};
        double[] proj = {projU, projV};
        for (int r = 0; r < 2; r++) {
            int base = r * COLUMNS;
            for (int a = 0; a < 3; a++) {
                double viaRotation = 0.0;
                double viaPoint = 0.0;
                for (int j = 0; j < 3; j++) {
                    viaRotation += byRotated[r][j] * byRotation[j][a];
                    viaPoint += byRotated[r][j] * byPoint[j][a];
                }
                jac[base + a] = viaRotation;
                jac[base + 3 + a] = -viaPoint;               // centre enters as point - centre
                jac[base + BaInput.CAMERA_SIZE + a] = viaPoint;
            }
            jac[base + 6] = weight * factor * uv[r];
            jac[base + 7 + r] = weight;
            jac[base + 9] = wf * uv[r] * rsq;
            jac[base + 10] = wf * uv[r] * rsq * rsq;
            jac[base + 14] = proj[r] - feature[r];
        }
    }

    /**
     * Rodrigues rotation of {@code p} by {@code cam[0..3)} with both partial Jacobians. For
     * theta = |r|, w = r / theta: out = p cos + (w x p) sin + w (1 - cos)(w . p); the small-angle
     * branch mirrors {@link BundleAdjustment#rodriguesRotatePoint}.
     */
    static void rotate(double[] cam, double[] p, double[] out, double[][] byPoint,
                       double[][] byRotation) {
        double[] r = {cam[0], cam[1], cam[2]};
        double sqTheta = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
        if (sqTheta == 0.0) {
            double[] rxp = cross(r, p);
            for (int i = 0; i < 3; i++) {
                out[i] = p[i] + rxp[i];
                for (int a = 0; a < 3; a++) {
                    byPoint[i][a] = (i == a ? 1.0 : 0.0) + crossMatrix(r, i, a);
                    // d (r x p) / d r_a = e_a x p, i.e. -[p]x
                    byRotation[i][a] = -crossMatrix(p, i, a);
                }
            }
            return;
        }
        double theta = Math.sqrt(sqTheta);
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        double inverse = 1.0 / theta;
        double[] w = {r[0] * inverse, r[1] * inverse, r[2] * inverse};
        double[] wxp = cross(w, p);
        double dot = w[0] * p[0] + w[1] * p[1] + w[2] * p[2];
        double tmp = (1 - cos) * dot;
        for (int i = 0; i < 3; i++) {
            out[i] = p[i] * cos + wxp[i] * sin + w[i] * tmp;
            for (int j = 0; j < 3; j++) {
                byPoint[i][j] = (i == j ? cos : 0.0) + sin * crossMatrix(w, i, j)
                        + (1 - cos) * w[i] * w[j];
            }
        }
        for (int a = 0; a < 3; a++) {
            // d w / d r_a = (e_a - w_a w) / theta; d theta / d r_a = w_a.
            double[] dw = new double[3];
            for (int j = 0; j < 3; j++) {
                dw[j] = ((j == a ? 1.0 : 0.0) - w[a] * w[j]) * inverse;
            }
            double[] dwxp = cross(dw, p);
            double dDot = dw[0] * p[0] + dw[1] * p[1] + dw[2] * p[2];
            double dCos = -sin * w[a];
            double dSin = cos * w[a];
            double dTmp = -dCos * dot + (1 - cos) * dDot;
            for (int i = 0; i < 3; i++) {
                byRotation[i][a] = p[i] * dCos + dwxp[i] * sin + wxp[i] * dSin
                        + dw[i] * tmp + w[i] * dTmp;
            }
        }
    }

    /** Entry (i, j) of the matrix [a]x with [a]x b = a x b. */
    private static double crossMatrix(double[] a, int i, int j) {
        if (i == j) {
            return 0.0;
        }
        int k = 3 - i - j;
        // [a]x = [[0, -a2, a1], [a2, 0, -a0], [-a1, a0, 0]]: the entry is -a_k when j follows
        // i cyclically (0 -> 1 -> 2 -> 0) and +a_k otherwise.
        double sign = ((j - i + 3) % 3 == 1) ? -1.0 : 1.0;
        return sign * a[k];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {
            a[1] * b[2] - a[2] * b[1],
            a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0]
        };
    }
}
