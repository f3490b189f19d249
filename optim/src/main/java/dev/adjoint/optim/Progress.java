package dev.adjoint.optim;

/**
 * The state after one iteration, handed to a {@link ProgressListener}.
 *
 * @param iteration iterations done so far (1 after the first)
 * @param evaluations objective evaluations so far, the starting point's included
 * @param value the objective at {@link #point}
 * @param gradientNorm the Euclidean norm of {@link #gradient}
 * @param point the current parameters (a copy)
 * @param gradient the gradient at the point (a copy)
 */
public record Progress(
    int iteration, int evaluations, double value, double gradientNorm, double[] point, double[] gradient) {}
