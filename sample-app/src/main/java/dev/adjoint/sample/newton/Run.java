package dev.adjoint.sample.newton;

/**
 * What one optimiser run reached: iterations, how often it asked for values, gradients and
 * Hessian-vector products, wall time, the final value and gradient norm, and whether it reached
 * the tolerance before its iteration limit.
 */
record Run(String method, int iterations, long values, long gradients, long hessianVectors, double seconds,
           double value, double gradientNorm, boolean converged, double[] solution) {
}
