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
 * @param records how the public methods take record parameters whole, or null when there are none
 * @param flatReverse with {@code records}: the reverse method as the transforms made it, over the
 *     records' leaves (what second order differentiates again); otherwise null
 * @param pullbacks for an entry point returning double[]: the pullbacks method that runs the forward
 *     sweep once for all rows of its result bars, or null when it runs one pullback per row
 * @param pullbacksNote for the pullbacks method's javadoc: why {@code pullbacks} is null, or how it
 *     takes its rows when that is not one reverse sweep per row (null then)
 * @param split for a copy specialised to calls, the two parts of its adjoint that callers' gradients
 *     call in their forward and reverse sweeps, or null
 * @param secondOrderReverse when the gradient calls split adjoints, the same gradient without them,
 *     which second order differentiates again; otherwise null
 */
public record DerivativeSet(
    Function source, Function tangent, Function reverse, Function adjoint, Function adjointTangent,
    Function hessianVector, String noHessianVector, String sourceFile,
    MethodRef.DerivativeSignature names,
    boolean entryPoint,
    String output,
    RecordEntryPoints records,
    Function flatReverse,
    Function pullbacks,
    String pullbacksNote,
    SplitParts split,
    Function secondOrderReverse) {
  /**
   * A callee's adjoint in two parts: {@code forward} computes the value and records on the caller's
   * tape what {@code reverse} reads; {@code whyNotSplit}, when not null, says why the parts run the
   * callee's body and its whole adjoint instead. {@code unsplitAdjoint} is the adjoint the set had
   * before the parts replaced it with one of the same code, for when no gradient calls the parts.
   */
  public record SplitParts(Function forward, Function reverse, String whyNotSplit, Function unsplitAdjoint) {}

  /** First-order derivatives only; {@link #withSecondOrder} adds the rest once every set is known. */
  public DerivativeSet(Function source, Function tangent, Function reverse, Function adjoint, String sourceFile,
      MethodRef.DerivativeSignature names, boolean entryPoint) {
    this(source, tangent, reverse, adjoint, null, null, null, sourceFile, names, entryPoint, null, null, null, null,
        null, null, null);
  }

  /**
   * The same set with its pullbacks method (null: one pullback per row, for the reason given in the
   * note; otherwise the note says how it takes its rows, or is null for one reverse sweep per row).
   */
  public DerivativeSet withPullbacks(Function shared, String note) {
    return new DerivativeSet(source, tangent, reverse, adjoint, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, output, records, flatReverse, shared, note, split,
        secondOrderReverse);
  }

  /** Whether the companion has a public pullbacks method for this set: entry points returning double[]. */
  public boolean hasPullbacks() {
    return entryPoint && source.returnType().isArray() && output == null && records == null;
  }

  public DerivativeSet withSecondOrder(Function adjointTangent, Function hessianVector, String noHessianVector) {
    return new DerivativeSet(source, tangent, reverse, adjoint, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, output, records, flatReverse, pullbacks, pullbacksNote, split,
        secondOrderReverse);
  }

  /** The public methods of a method with record parameters, which take the records whole. */
  public DerivativeSet withRecords(RecordEntryPoints records, Function source, Function tangent, Type reverseRecord) {
    return new DerivativeSet(source, records.tangent(tangent), records.reverse(reverse, reverseRecord), adjoint,
        adjointTangent, hessianVector, noHessianVector, sourceFile, names, entryPoint, output, records, reverse,
        null, null, split, secondOrderReverse);
  }

  /** The same set with {@code change} applied to each generated method (the tangent, reverse, adjoint and second-order ones). */
  public DerivativeSet withEachMethod(java.util.function.UnaryOperator<Function> change) {
    return new DerivativeSet(source, change.apply(tangent), change.apply(reverse),
        adjoint == null ? null : change.apply(adjoint), adjointTangent == null ? null : change.apply(adjointTangent),
        hessianVector == null ? null : change.apply(hessianVector), noHessianVector, sourceFile, names, entryPoint,
        output, records, flatReverse, pullbacks == null ? null : change.apply(pullbacks), pullbacksNote,
        split == null ? null : new SplitParts(change.apply(split.forward()), change.apply(split.reverse()),
            split.whyNotSplit(), split.unsplitAdjoint()),
        secondOrderReverse);
  }

  /**
   * The same set with its adjoint's split parts, and the gradient that calls split adjoints
   * ({@code reverse}) beside the one second order reads ({@code secondOrder}, null when they are the same).
   */
  public DerivativeSet withSplitCalls(SplitParts parts, Function reverse, Function secondOrder) {
    return new DerivativeSet(source, tangent, reverse, adjoint, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, output, records, flatReverse, pullbacks, pullbacksNote, parts,
        secondOrder);
  }

  /** The same set with another allocation-free adjoint. */
  public DerivativeSet withAdjoint(Function other) {
    return new DerivativeSet(source, tangent, reverse, other, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, output, records, flatReverse, pullbacks, pullbacksNote, split,
        secondOrderReverse);
  }

  /** The same set without its split parts, which no gradient calls. */
  public DerivativeSet withoutSplit() {
    return withAdjoint(split.unsplitAdjoint()).withSplitCalls(null, reverse, secondOrderReverse);
  }

  /** The reverse method over the IR's own parameters (records' leaves), without split calls, for second order. */
  public Function reverseOverLeaves() {
    if (secondOrderReverse != null) {
      return secondOrderReverse;
    }
    return flatReverse != null ? flatReverse : reverse;
  }

  /** The same derivatives, described by another source signature and output parameter. */
  public DerivativeSet withSource(Function otherSource, String otherOutput) {
    return new DerivativeSet(otherSource, tangent, reverse, adjoint, adjointTangent, hessianVector, noHessianVector,
        sourceFile, names, entryPoint, otherOutput, records, flatReverse, pullbacks, pullbacksNote, split,
        secondOrderReverse);
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
