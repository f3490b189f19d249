/**
 * Adapters from Adjoint's generated derivatives (through the registry, or typed through method
 * references) to Hipparchus 3.1: {@link dev.adjoint.hipparchus.LeastSquaresAdapter} for least
 * squares (Levenberg-Marquardt, Gauss-Newton), {@link dev.adjoint.hipparchus.GradientObjective} for
 * the gradient optimizers (non-linear conjugate gradient), and {@link
 * dev.adjoint.hipparchus.OdeJacobians} for the ODE variational equations.
 */
package dev.adjoint.hipparchus;
