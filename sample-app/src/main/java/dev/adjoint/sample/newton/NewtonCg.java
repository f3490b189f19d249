package dev.adjoint.sample.newton;

/**
 * Truncated Newton (Newton-CG, Nocedal and Wright, Algorithm 7.1): each step solves
 * {@code H p = -g} approximately by conjugate gradients, which touch the Hessian only through
 * products {@code H d} (here the generated {@code fHessianVector}), so no n x n matrix is ever
 * formed. CG stops when the residual is below {@code min(0.5, sqrt(|g|)) |g|} (superlinear
 * convergence near the minimum) or when it meets a direction of non-positive curvature (far from
 * it, where H is not positive definite); then a backtracking line search from the full step.
 */
final class NewtonCg {
    /** Enough CG iterations for any problem here; the forcing term stops it long before. */
    private static final int MAX_CG_FACTOR = 2;

    private static final LineSearchDescent.Rule RULE = new LineSearchDescent.Rule() {
        @Override
        public void direction(Objective f, double[] x, double[] g, double[] direction) {
            conjugateGradients(f, x, g, direction);
        }

        @Override
        public double initialStep(double previousStep) {
            return 1.0; // the Newton step first, always
        }
    };

    private NewtonCg() {
    }

    static Run minimise(Objective f, double tolerance, int maxIterations, double maxSeconds) {
        return LineSearchDescent.minimise("Newton-CG", RULE, f, tolerance, maxIterations, maxSeconds);
    }

    /** Leaves in {@code p} an approximate solution of H p = -g, always a descent direction. */
    private static void conjugateGradients(Objective f, double[] x, double[] g, double[] p) {
        int n = g.length;
        double gNorm = Vectors.norm(g);
        double forcing = Math.min(0.5, Math.sqrt(gNorm)) * gNorm;
        double[] r = g.clone(); // residual H z + g, with z = p = 0
        double[] d = new double[n];
        double[] hd = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.0;
            d[i] = -r[i];
        }
        double rr = Vectors.dot(r, r);
        for (int j = 0; j < MAX_CG_FACTOR * n; j++) {
            f.hessianVector(x, d, hd);
            double curvature = Vectors.dot(d, hd);
            if (curvature <= 0.0) {
                if (j == 0) {
                    for (int i = 0; i < n; i++) {
                        p[i] = -g[i]; // negative curvature at once: fall back to steepest descent
                    }
                }
                return;
            }
            double alpha = rr / curvature;
            for (int i = 0; i < n; i++) {
                p[i] += alpha * d[i];
                r[i] += alpha * hd[i];
            }
            double rrNext = Vectors.dot(r, r);
            if (Math.sqrt(rrNext) <= forcing) {
                return;
            }
            double beta = rrNext / rr;
            for (int i = 0; i < n; i++) {
                d[i] = -r[i] + beta * d[i];
            }
            rr = rrNext;
        }
    }
}
