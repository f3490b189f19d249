package dev.adjoint.sample.bench;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The bundle adjustment Jacobian by Hipparchus forward-mode AD: per observation, the 15 inputs
 * of its reprojection error (camera, point, weight) are {@link Gradient} variables.
 */
public final class BaHipparchus {
    private static final int FREE = BaJacobianByHand.COLUMNS;

    private BaHipparchus() {
    }

    /** Fills errors, weight errors and all Jacobian blocks of {@code out}. */
    public static void jacobian(BaInput in, BaJacobian out) {
        for (int i = 0; i < in.observations(); i++) {
            observation(in.camera(i), in.point(i), in.weights[i], in.features[i],
                    out.errors[i], out.blocks[i]);
            Gradient w = Gradient.variable(1, 0, in.weights[i]);
            Gradient weightError = w.multiply(w).negate().add(1.0);
            out.weightErrors[i] = weightError.getValue();
            out.weightDerivatives[i] = weightError.getPartialDerivative(0);
        }
    }

    /** One observation's error into {@code err} (2) and its block into {@code jac} (30, row-major). */
    public static void observation(double[] camera, double[] point, double weight,
                                   double[] feature, double[] err, double[] jac) {
        Gradient[] cam = new Gradient[BaInput.CAMERA_SIZE];
        for (int j = 0; j < cam.length; j++) {
            cam[j] = Gradient.variable(FREE, j, camera[j]);
        }
        Gradient[] relative = new Gradient[3];
        for (int j = 0; j < 3; j++) {
            relative[j] = Gradient.variable(FREE, BaInput.CAMERA_SIZE + j, point[j])
                    .subtract(cam[3 + j]);
        }
        Gradient w = Gradient.variable(FREE, FREE - 1, weight);

        Gradient[] rotated = rotate(new Gradient[] {cam[0], cam[1], cam[2]}, relative);
        Gradient u = rotated[0].divide(rotated[2]);
        Gradient v = rotated[1].divide(rotated[2]);
        Gradient rsq = u.multiply(u).add(v.multiply(v));
        Gradient factor = cam[9].multiply(rsq).add(cam[10].multiply(rsq).multiply(rsq)).add(1.0);
        Gradient e0 = u.multiply(factor).multiply(cam[6]).add(cam[7]).subtract(feature[0]).multiply(w);
        Gradient e1 = v.multiply(factor).multiply(cam[6]).add(cam[8]).subtract(feature[1]).multiply(w);
        err[0] = e0.getValue();
        err[1] = e1.getValue();
        System.arraycopy(e0.getGradient(), 0, jac, 0, FREE);
        System.arraycopy(e1.getGradient(), 0, jac, FREE, FREE);
    }

    private static Gradient[] rotate(Gradient[] r, Gradient[] p) {
        Gradient sqTheta = r[0].multiply(r[0]).add(r[1].multiply(r[1])).add(r[2].multiply(r[2]));
        Gradient[] out = new Gradient[3];
        if (sqTheta.getValue() == 0.0) {
            Gradient[] rxp = cross(r, p);
            for (int i = 0; i < 3; i++) {
                out[i] = p[i].add(rxp[i]);
            }
            return out;
        }
        Gradient theta = sqTheta.sqrt();
        Gradient cos = theta.cos();
        Gradient sin = theta.sin();
        Gradient inverse = theta.reciprocal();
        Gradient[] w = {r[0].multiply(inverse), r[1].multiply(inverse), r[2].multiply(inverse)};
        Gradient[] wxp = cross(w, p);
        Gradient tmp = cos.negate().add(1.0)
                .multiply(w[0].multiply(p[0]).add(w[1].multiply(p[1])).add(w[2].multiply(p[2])));
        for (int i = 0; i < 3; i++) {
            out[i] = p[i].multiply(cos).add(wxp[i].multiply(sin)).add(w[i].multiply(tmp));
        }
        return out;
    }

    private static Gradient[] cross(Gradient[] a, Gradient[] b) {
        return new Gradient[] {
            a[1].multiply(b[2]).subtract(a[2].multiply(b[1])),
            a[2].multiply(b[0]).subtract(a[0].multiply(b[2])),
            a[0].multiply(b[1]).subtract(a[1].multiply(b[0]))
        };
    }
}
