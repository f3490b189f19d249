package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks the Adjoint annotation processor to generate derivatives of a static method.
 *
 * <p>For a class {@code p.Foo} with a method {@code @Differentiable static double f(double x, double[] w)}
 * the processor writes a companion class {@code p.FooDerivatives} holding
 * <ul>
 *   <li>{@code fGradient(x, w)}: the value of {@code f} and its derivative with respect to every
 *       differentiable parameter, computed in one backward pass (reverse mode). A method returning
 *       {@code double[]} gets {@code fPullback(x, w, resultBar)} instead, the vector-Jacobian product;
 *   <li>{@code fTangent(x, xDot, w, wDot)}: the value and the directional derivative along
 *       {@code (xDot, wDot)} (forward mode).
 * </ul>
 * The same derivatives are reachable without naming the generated class through
 * {@link Derivatives#of(Class, String)}.
 *
 * <p>Which parameters are differentiated: with {@link #wrt()} empty (the default) every parameter of
 * type {@code double}, {@code double[]} or {@code double[][]} that is not marked {@link NoDerivative}.
 * Parameters of other types ({@code int}, {@code long}, {@code boolean}, ...) never are.
 *
 * <p>The processor is {@code dev.adjoint:adjoint-processor}; put it on the compiler's
 * {@code annotationProcessorPaths}. This annotation is kept at run time so that tools can find
 * differentiable methods by reflection.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Differentiable {
  /**
   * The names of the parameters to differentiate with respect to, as written in the source.
   *
   * <p>Empty (the default) means every {@code double}, {@code double[]} and {@code double[][]}
   * parameter not marked {@link NoDerivative}. Naming a parameter that does not exist, or one of
   * another type, is a compile error.
   *
   * @return the parameter names, or an empty array for the default choice
   */
  String[] wrt() default {};
}
