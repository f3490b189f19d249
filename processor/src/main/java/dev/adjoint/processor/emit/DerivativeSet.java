package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Type;

/**
 * Everything generated for one differentiated method: the method as lowered, its tangent method,
 * and its gradient (double result) or pullback (double[] result) method.
 *
 * @param source the method as lowered, for its signature and differentiable flags
 * @param reverse the gradient or pullback method
 * @param adjoint the allocation-free reverse method that callers in generated code use, or null
 * @param adjointTangent the tangent of {@code adjoint}, which callers' Hessian-vector methods call, or null
 * @param hessianVector the Hessian-vector method of an entry point returning double, or null
 * @param noHessianVector why an entry point returning double has no Hessian-vector method, or null
 * @param sourceFile the source file's name, for comments
 * @param names the generated methods' and records' names, and the records' component names
 * @param entryPoint true for a {@code @Differentiable} method's public derivatives (registered with
 *     the runtime); false for a private copy specialised to what the companion's own calls need
 * @param output for a method returning {@code void}, the name of the {@code double[]} parameter it
 *     writes its result into (its derivatives are those of the method returning that array); else null
 */
public record DerivativeSet(
    Function source, Function tangent, Function reverse, Function adjoint, Function adjointTangent,
    Function hessianVector, String noHessianVector, String sourceFile,
    MethodRef.DerivativeSignature names,
    boolean entryPoint,
    String output) {
  /** First-order derivatives only; {@link #withSecondOrder} adds the rest once every set is known. */
  public DerivativeSet(Function source, Function tangent, Function reverse, Function adjoint, String sourceFile,
      MethodRef.DerivativeSignature names, boolean entryPoint) {
    this(source, tangent, reverse, adjoint, null, null, null, sourceFile, names, entryPoint, null);
  }

  public DerivativeSet withSecondOrder(Function adjointTangent, Function hessianVector, String noHessianVector) {
    return new DerivativeSet(source, tangent, reverse, adjoint, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, output);
  }

  /** The same derivatives, described by another source signature and output parameter. */
  public DerivativeSet withSource(Function otherSource, String otherOutput) {
    return new DerivativeSet(otherSource, tangent, reverse, adjoint, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, otherOutput);
  }

  /** Whether the result is an array: a {@code double[]} returned, or the output array of a void method. */
  public boolean returnsVector() {
    return source.returnType().isArray() || output != null;
  }

  /** The type of the value and tangent in the records: the output array's for a void method. */
  public Type resultType() {
    return output != null ? Type.DOUBLE_ARRAY : source.returnType();
  }

  /** The index of the output parameter among the source's parameters, or -1. */
  public int outputIndex() {
    for (int i = 0; output != null && i < source.parameters().size(); i++) {
      if (source.parameters().get(i).var().name().equals(output)) {
        return i;
      }
    }
    return -1;
  }

  /** The simple name of the gradient or pullback record. */
  String reverseRecord() {
    return simple(returnsVector() ? names.pullbackRecord() : names.gradientRecord());
  }

  String hessianVectorRecord() {
    return GeneratedNames.hessianVectorRecord(source.name());
  }

  String tangentRecord() {
    return simple(names.tangentRecord());
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
