package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter of a {@link Differentiable} method as a constant: no derivative is computed with
 * respect to it, and the generated forward-mode method takes no tangent for it.
 *
 * <p>Use it for data such as measurements or fixed coefficients, where derivatives would be wasted
 * work. It only matters for parameters of type {@code double}, {@code double[]} or
 * {@code double[][]}; parameters of other types are never differentiated anyway.
 */
@Documented
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface NoDerivative {}
