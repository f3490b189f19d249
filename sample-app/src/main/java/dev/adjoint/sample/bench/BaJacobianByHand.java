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
        Scratch scratch = new Scratch();
        for (int i = 0; i < in.observations(); i++) {
            observation(in.camera(i), in.point(i), in.weights[i], in.features[i],
                    out.errors[i], out.blocks[i], scratch);
            out.weightErrors[i] = 1 - in.weights[i] * in.weights[i];
            out.weightDerivatives[i] = -2 * in.weights[i];
        }
    }

    /** One observation: writes its error into {@code err} (2) and the block into {@code jac} (30). */
    public static void observation(double[] cam, double[] pt, double weight, double[] feature,
                                   double[] err, double[] jac) {
        observation(cam, pt, weight, feature, err, jac, new Scratch());
    }

    /**
     * Intermediate vectors and matrices of one observation, reused across observations so that
     * the hand-written baseline does not pay for allocation (a C++ version would not either).
     */
    static final class Scratch {
        final double[] relative = new double[3];
        final double[] rotated = new double[3];
        final double[][] byPoint = new double[3][3];    // d rotated / d relative: the rotation
        final double[][] byRotation = new double[3][3]; // d rotated / d rotation vector
        final double[][] byRotated = new double[2][3];  // d err / d rotated
        final double[] w = new double[3];
        final double[] wxp = new double[3];
        final double[] dw = new double[3];
        final double[] dwxp = new double[3];
    }

    static void observation(double[] cam, double[] pt, double weight, double[] feature,
                            double[] err, double[] jac, Scratch s) {
        for (int i = 0; i < 3; i++) {
            s.relative[i] = pt[i] - cam[3 + i];
        }
        rotate(cam, s.relative, s.rotated, s.byPoint, s.byRotation, s);

        double z = s.rotated[2];
        double u = s.rotated[0] / z;
        double v = s.rotated[1] / z;
        double k1 = cam[9];
        double k2 = cam[10];
        double focal = cam[6];
        double rsq = u * u + v * v;
        double factor = 1 + k1 * rsq + k2 * rsq * rsq;
        double projU = u * factor * focal + cam[7];
        double projV = v * factor * focal + cam[8];
        err[0] = weight * (projU - feature[0]);
        err[1] = weight * (projV - feature[1]);

        // d err / d (u, v) = w f (factor I + (u, v)^T grad factor), grad factor = slope (u, v).
        double slope = 2 * (k1 + 2 * k2 * rsq);
        double wf = weight * focal;
        double uu = wf * (factor + u * slope * u);
        double uv = wf * u * slope * v;
        double vv = wf * (factor + v * slope * v);
        // d err / d rotated = d err / d (u, v) * d (u, v) / d rotated, with du = (dx - u dz) / z.
        double[][] byRotated = s.byRotated;
        byRotated[0][0] = uu / z;
        byRotated[0][1] = uv / z;
        byRotated[0][2] = -(uu * u + uv * v) / z;
        byRotated[1][0] = uv / z;
        byRotated[1][1] = vv / z;
        byRotated[1][2] = -(uv * u + vv * v) / z;

        for (int r = 0; r < 2; r++) {
            int base = r * COLUMNS;
            double[] row = byRotated[r];
            for (int a = 0; a < 3; a++) {
                double viaRotation = row[0] * s.byRotation[0][a] + row[1] * s.byRotation[1][a]
                        + row[2] * s.byRotation[2][a];
                double viaPoint = row[0] * s.byPoint[0][a] + row[1] * s.byPoint[1][a]
                        + row[2] * s.byPoint[2][a];
                jac[base + a] = viaRotation;
                jac[base + 3 + a] = -viaPoint;               // the centre enters as point - centre
                jac[base + BaInput.CAMERA_SIZE + a] = viaPoint;
            }
            double image = r == 0 ? u : v;
            jac[base + 6] = weight * factor * image;
            jac[base + 7] = r == 0 ? weight : 0.0;
            jac[base + 8] = r == 0 ? 0.0 : weight;
            jac[base + 9] = wf * image * rsq;
            jac[base + 10] = wf * image * rsq * rsq;
            jac[base + 14] = (r == 0 ? projU : projV) - feature[r];
        }
    }

    /**
     * Rodrigues rotation of {@code p} by {@code cam[0..3)} with both partial Jacobians. For
     * theta = |r|, w = r / theta: out = p cos + (w x p) sin + w (1 - cos)(w . p); the small-angle
     * branch mirrors {@link BundleAdjustment#rodriguesRotatePoint}.
     */
    static void rotate(double[] cam, double[] p, double[] out, double[][] byPoint,
                       double[][] byRotation, Scratch s) {
        double sqTheta = cam[0] * cam[0] + cam[1] * cam[1] + cam[2] * cam[2];
        if (sqTheta == 0.0) {
            // r is zero or so tiny that its square underflows: out = p + r x p.
            double[] r = s.w;
            for (int i = 0; i < 3; i++) {
                r[i] = cam[i];
            }
            double[] rxp = cross(r, p, s.wxp);
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
        double[] w = s.w;
        for (int i = 0; i < 3; i++) {
            w[i] = cam[i] * inverse;
        }
        double[] wxp = cross(w, p, s.wxp);
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
            double[] dw = s.dw;
            for (int j = 0; j < 3; j++) {
                dw[j] = ((j == a ? 1.0 : 0.0) - w[a] * w[j]) * inverse;
            }
            double[] dwxp = cross(dw, p, s.dwxp);
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

    /** a x b into {@code out}, which is returned. */
    private static double[] cross(double[] a, double[] b, double[] out) {
        out[0] = a[1] * b[2] - a[2] * b[1];
        out[1] = a[2] * b[0] - a[0] * b[2];
        out[2] = a[0] * b[1] - a[1] * b[0];
        return out;
    }
}
