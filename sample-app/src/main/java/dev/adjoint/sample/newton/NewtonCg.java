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

    private NewtonCg() {
    }

    static Run minimise(Objective f, double tolerance, int maxIterations, double maxSeconds) {
        f.resetCounts();
        long start = System.nanoTime();
        double[] x = f.start();
        int n = x.length;
        double[] g = new double[n];
        double[] p = new double[n];
        double[] trial = new double[n];
        double fx = f.valueAndGradient(x, g);
        int iteration = 0;
        long deadline = start + (long) (maxSeconds * 1e9);
        while (Vectors.norm(g) > tolerance && iteration < maxIterations && System.nanoTime() < deadline) {
            conjugateGradients(f, x, g, p);
            double slope = Vectors.dot(g, p);
            double t = Backtracking.search(f, x, fx, slope, p, 1.0, trial);
            if (t == 0.0) {
                break; // no decrease along the Newton direction: f is flat at rounding level
            }
            System.arraycopy(trial, 0, x, 0, n);
            fx = f.valueAndGradient(x, g);
            iteration++;
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        double norm = Vectors.norm(g);
        return new Run("Newton-CG", iteration, f.values(), f.gradients(), f.hessianVectors(), seconds, fx, norm,
                norm <= tolerance, x);
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
