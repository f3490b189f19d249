/**
 * Optimizers for objectives whose gradient Adjoint generates, where Hipparchus has none: {@link
 * dev.adjoint.optim.Lbfgs} (with a {@link dev.adjoint.optim.StrongWolfeLineSearch}) and {@link
 * dev.adjoint.optim.Adam}. Both minimise a {@link dev.adjoint.optim.DifferentiableObjective} over a
 * {@code double[]}, report each iteration to a {@link dev.adjoint.optim.ProgressListener} and
 * return an {@link dev.adjoint.optim.OptimizationResult}. Depends on adjoint-runtime only.
 */
package dev.adjoint.optim;
