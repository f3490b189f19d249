package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Function;

/**
 * Everything generated for one {@code @Differentiable} method: the method as lowered, its tangent
 * method, and its gradient (double result) or pullback (double[] result) method.
 *
 * @param source the method as lowered, for its signature
 * @param reverse the gradient or pullback method
 * @param sourceFile the source file's name, for comments
 */
public record DerivativeSet(Function source, Function tangent, Function reverse, String sourceFile) {
  public boolean returnsVector() {
    return source.returnType().isArray();
  }
}
