package dev.adjoint;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the derivative of a static method that Adjoint should not (or cannot) differentiate through:
 * a special function from a library, a solver whose derivative is known in closed form, a formula
 * with a numerically better derivative.
 *
 * <p>The annotated method is a <b>partials method</b>: static, with exactly the target's parameter
 * list, it returns the target's partial derivatives at those arguments, a {@code double} when the
 * target has one {@code double} parameter, otherwise a {@code double[]} with one entry per
 * {@code double} parameter in order. The target returns {@code double}; its other parameters
 * ({@code int}, ...) are constants.
 *
 * <pre>{@code
 * @DerivativeOf(value = Gamma.class, method = "logGamma")
 * static double dLogGamma(double x) {
 *   return Gamma.digamma(x);
 * }
 * }</pre>
 *
 * <p>From then on every call of {@code Gamma.logGamma} in a {@link Differentiable} method uses it,
 * in both modes, whether {@code Gamma} comes from this build or from a jar. A jar compiled with the
 * processor carries its rules to the builds that depend on it. A partials method that does not fit
 * its target, or a target that does not exist, is a compile error at the annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DerivativeOf {
  /** @return the class that declares the target method */
  Class<?> value();

  /** @return the target method's name */
  String method();
}
