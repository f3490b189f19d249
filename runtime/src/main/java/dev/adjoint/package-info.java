/**
 * Adjoint: derivatives of Java methods, generated at compile time.
 *
 * <p>Annotate a static method with {@link dev.adjoint.Differentiable}, and compile with the
 * {@code dev.adjoint:adjoint-processor} annotation processor. For a class {@code p.Foo} the processor
 * writes {@code p.FooDerivatives}, whose static methods compute the method's value together with its
 * gradient (reverse mode) or a directional derivative (forward mode), as plain Java code.
 *
 * <p>This package holds what user code needs at run time: the annotations,
 * {@link dev.adjoint.Derivatives} to reach the generated code by class and method name,
 * {@link dev.adjoint.DifferentiableMethod} to call it with boxed arguments, and
 * {@link dev.adjoint.Jacobian} for whole Jacobian matrices. The package {@code dev.adjoint.spi} is
 * for generated code.
 */
package dev.adjoint;
