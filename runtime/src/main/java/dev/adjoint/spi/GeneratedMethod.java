package dev.adjoint.spi;

import dev.adjoint.DifferentiableMethod;
import java.util.List;
import java.util.Objects;

/**
 * The base class of the objects that generated companion classes register: it checks arguments and
 * leaves only the typed calls to generated code. <b>For generated code; users call
 * {@link dev.adjoint.Derivatives#of(Class, String)} and work with {@link DifferentiableMethod}.</b>
 *
 * <p>A companion class extends it with one anonymous subclass per method, whose hooks unbox the
 * arguments and call the generated static methods directly, so a call through the registry costs one
 * virtual call plus the checks, with no reflection:
 * <pre>{@code
 * new GeneratedMethod(Foo.class, "f", List.of("x", "w", "n"),
 *     List.<Class<?>>of(double.class, double[].class, int.class),
 *     new boolean[] {true, true, false}, double.class) {
 *   protected Object invokeChecked(Object[] args) {
 *     return Foo.f((double) args[0], (double[]) args[1], (int) args[2]);
 *   }
 *   protected Object[] gradientChecked(Object[] args) { ... fGradient(...) ... }
 *   protected Object tangentChecked(Object[] args, Object[] tangents) { ... fTangent(...) ... }
 * }
 * }</pre>
 *
 * <p>The hooks run only after the checks passed: there is one argument per parameter, a primitive
 * parameter's argument is exactly its wrapper ({@code Double} for {@code double}, never another
 * {@code Number}), an array parameter's argument is a non-null array of that type, and each
 * differentiable parameter's tangent has its argument's type and shape. {@link #invokeChecked} and
 * {@link #tangentChecked} apply to every method and are abstract; {@link #gradientChecked} applies only
 * to methods returning {@code double} and {@link #pullbackChecked} only to methods returning
 * {@code double[]}, so both have bodies that throw and generated code overrides the one that applies.
 * A method returning {@code double} gets its pullback from its gradient, scaled here.
 */
public abstract class GeneratedMethod implements DifferentiableMethod {
  private final Class<?> owner;
  private final String name;
  private final List<String> parameterNames;
  private final List<Class<?>> parameterTypes;
  private final boolean[] differentiable;
  private final Class<?> returnType;
  private final int outputParameter;
  private final Signature signature;

  /**
   * Describes the method; generated code passes the facts it knew at compile time.
   *
   * @param owner the class declaring the method
   * @param name the method's name
   * @param parameterNames the parameter names as written in the source
   * @param parameterTypes the parameter types, in order
   * @param differentiable for each parameter, whether it is differentiated (copied)
   * @param returnType {@code double.class} or {@code double[].class}
   * @throws IllegalArgumentException when the facts do not fit together
   */
  protected GeneratedMethod(Class<?> owner, String name, List<String> parameterNames,
      List<Class<?>> parameterTypes, boolean[] differentiable, Class<?> returnType) {
    this(owner, name, parameterNames, parameterTypes, differentiable, returnType, -1);
  }

  /**
   * Describes a method; for a method returning {@code void}, {@code outputParameter} is the
   * {@code double[]} parameter it writes its result into, which the registry treats as its result.
   *
   * @param owner the class declaring the method
   * @param name the method's name
   * @param parameterNames the parameter names as written in the source
   * @param parameterTypes the parameter types, in order
   * @param differentiable for each parameter, whether it is differentiated (copied)
   * @param returnType {@code double.class}, {@code double[].class} or {@code void.class}
   * @param outputParameter the index of the output array of a {@code void} method, else -1
   * @throws IllegalArgumentException when the facts do not fit together
   */
  protected GeneratedMethod(Class<?> owner, String name, List<String> parameterNames,
      List<Class<?>> parameterTypes, boolean[] differentiable, Class<?> returnType, int outputParameter) {
    this.owner = Objects.requireNonNull(owner, "owner");
    this.name = Objects.requireNonNull(name, "name");
    this.parameterNames = List.copyOf(parameterNames);
    this.parameterTypes = List.copyOf(parameterTypes);
    this.differentiable = differentiable.clone();
    this.returnType = Objects.requireNonNull(returnType, "returnType");
    this.outputParameter = outputParameter;
    this.signature = new Signature(owner, name, this.parameterNames, this.parameterTypes, returnType,
        outputParameter);
    checkDescription();
  }

  @Override
  public final Class<?> owner() {
    return owner;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final List<String> parameterNames() {
    return parameterNames;
  }

  @Override
  public final List<Class<?>> parameterTypes() {
    return parameterTypes;
  }

  @Override
  public final Class<?> returnType() {
    return returnType;
  }

  @Override
  public final int outputParameter() {
    return outputParameter;
  }

  @Override
  public final boolean isDifferentiable(int parameterIndex) {
    Objects.checkIndex(parameterIndex, differentiable.length);
    return differentiable[parameterIndex];
  }

  @Override
  public final Object invoke(Object... args) {
    ArgumentCheck.arguments(signature, args);
    Object result = invokeChecked(args);
    // A void method's result is the array it wrote into: the argument itself, as the call left it.
    return outputParameter < 0 ? result : args[outputParameter];
  }

  @Override
  public final Object[] gradient(Object... args) {
    if (!signature.returnsScalar()) {
      throw new UnsupportedOperationException(signature.shortName() + " " + signature.resultDescription()
          + ", so it has no gradient; use pullback(args, resultBar) for a vector-Jacobian product, or"
          + " Jacobian.of for the whole matrix");
    }
    ArgumentCheck.arguments(signature, args);
    return checkedResult(gradientChecked(args), "gradient");
  }

  @Override
  public final Object[] pullback(Object[] args, Object resultBar) {
    ArgumentCheck.arguments(signature, args);
    if (signature.returnsScalar()) {
      double scale = ArgumentCheck.scalarResultBar(signature, resultBar);
      Object[] gradient = checkedResult(gradientChecked(args), "gradient");
      // The gradient is the pullback of 1.0; other result bars scale it (the result is linear in them).
      return scale == 1.0 ? gradient : GradientScaling.scale(gradient, scale);
    }
    double[] bar = ArgumentCheck.vectorResultBar(signature, resultBar, args);
    return checkedResult(pullbackChecked(args, bar), "pullback");
  }

  @Override
  public final Object[][] pullbacks(Object[] args, double[][] resultBars) {
    ArgumentCheck.arguments(signature, args);
    if (resultBars == null) {
      throw new IllegalArgumentException(signature.shortName() + ": resultBars must be an array of result bars,"
          + " one per row, but was given null");
    }
    for (double[] row : resultBars) {
      if (signature.returnsScalar()) {
        if (row == null || row.length != 1) {
          throw new IllegalArgumentException(signature.shortName() + " " + signature.resultDescription()
              + ", so each row of resultBars must hold one number, but was given " + Signature.describe(row));
        }
      } else {
        ArgumentCheck.vectorResultBar(signature, row, args);
      }
    }
    Object[][] rows = signature.returnsScalar() ? DifferentiableMethod.super.pullbacks(args, resultBars)
        : pullbacksChecked(args, resultBars);
    // Rows are checked one by one below (the default made them with pullback, which checked them already).
    if (rows == null || rows.length != resultBars.length) {
      throw new IllegalStateException("Adjoint internal error: the generated pullbacks of " + signature
          + " returned " + (rows == null ? "nothing" : rows.length + " rows") + " for " + resultBars.length);
    }
    for (int r = 0; r < rows.length; r++) {
      rows[r] = checkedResult(rows[r], "pullback");
    }
    return rows;
  }

  @Override
  public final Object tangent(Object[] args, Object[] tangents) {
    ArgumentCheck.arguments(signature, args);
    ArgumentCheck.tangents(signature, differentiable, args, tangents, "tangent");
    return tangentChecked(args, tangents);
  }

  @Override
  public final Object[] hessianVector(Object[] args, Object[] directions) {
    if (!signature.returnsScalar()) {
      throw new UnsupportedOperationException(signature.shortName() + " " + signature.resultDescription()
          + ", so it has no Hessian; the second derivatives of a vector result are one Hessian per element");
    }
    ArgumentCheck.arguments(signature, args);
    ArgumentCheck.tangents(signature, differentiable, args, directions, "direction");
    return checkedResult(hessianVectorChecked(args, directions), "Hessian-vector product");
  }

  /** @return e.g. {@code p.Foo.f(double x, double[] w, int n) -> double} */
  @Override
  public String toString() {
    return signature.toString();
  }

  /**
   * Calls the original method.
   *
   * @param args checked arguments, one per parameter
   * @return the result, boxed as a {@link Double}, or the {@code double[]}; anything (null) for a
   *     {@code void} method, whose result {@link #invoke} takes from its output parameter
   */
  protected abstract Object invokeChecked(Object[] args);

  /**
   * The gradient; called only when the method returns {@code double}. This default throws, because
   * only generated code for such methods has a gradient to give.
   *
   * @param args checked arguments, one per parameter
   * @return one entry per parameter: {@code Double}, {@code double[]} or {@code double[][]} for a
   *     differentiable parameter (fresh arrays), {@code null} for any other
   */
  protected Object[] gradientChecked(Object[] args) {
    throw missingHook("gradientChecked");
  }

  /**
   * The vector-Jacobian product; called only when the method returns {@code double[]} or
   * {@code void} (then {@code resultBar} is the adjoint of the output array). This default
   * throws, because only generated code for such methods has a pullback to give.
   *
   * @param args checked arguments, one per parameter
   * @param resultBar the weights of the result's components
   * @return one entry per parameter, as for {@link #gradientChecked}
   */
  protected Object[] pullbackChecked(Object[] args, double[] resultBar) {
    throw missingHook("pullbackChecked");
  }

  /**
   * Several vector-Jacobian products, {@code resultBars} checked; called only when the method returns
   * {@code double[]} or {@code void}. Generated code for a method returning {@code double[]} overrides
   * it to share one forward sweep between the rows; this default takes one pullback per row, each
   * at the arguments as they are on entry (rows but the last get copies of them).
   *
   * @param args checked arguments, one per parameter
   * @param resultBars one result bar per row
   * @return one entry per row, each as for {@link #pullbackChecked}
   */
  protected Object[][] pullbacksChecked(Object[] args, double[][] resultBars) {
    return DifferentiableMethod.super.pullbacks(args, resultBars);
  }

  /**
   * The Jacobian-vector product.
   *
   * @param args checked arguments, one per parameter
   * @param tangents checked tangents: for each differentiable parameter a value of its type and shape;
   *     entries of other parameters are whatever the caller passed and must be ignored
   * @return a {@link Double} or a {@code double[]}, matching the return type
   */
  protected abstract Object tangentChecked(Object[] args, Object[] tangents);

  /**
   * The Hessian-vector product; called only when the method returns {@code double}. This default
   * throws; generated code overrides it, with a call or with an exception that says why there is
   * no second-order code.
   *
   * @param args checked arguments, one per parameter
   * @param directions checked directions, as the tangents of {@link #tangentChecked}
   * @return one entry per parameter, as for {@link #gradientChecked}
   */
  protected Object[] hessianVectorChecked(Object[] args, Object[] directions) {
    throw missingHook("hessianVectorChecked");
  }

  private Object[] checkedResult(Object[] perParameter, String what) {
    if (perParameter == null || perParameter.length != parameterTypes.size()) {
      throw new IllegalStateException("Adjoint internal error: the generated " + what + " of " + signature
          + " returned " + (perParameter == null ? "null" : perParameter.length + " entries")
          + " instead of one per parameter");
    }
    return perParameter;
  }

  private UnsupportedOperationException missingHook(String hook) {
    return new UnsupportedOperationException("Adjoint internal error: the generated code for " + signature
        + " does not implement " + hook + "; recompile " + owner.getName()
        + " with the same adjoint-processor version as the adjoint-runtime on the class path");
  }

  /** Catches generator bugs when the companion class loads, not at the first call. */
  private void checkDescription() {
    int n = parameterTypes.size();
    if (parameterNames.size() != n || differentiable.length != n) {
      throw new IllegalArgumentException(signature.shortName() + ": " + parameterNames.size() + " names, "
          + n + " types and " + differentiable.length + " differentiability flags do not match");
    }
    if (returnType != double.class && returnType != double[].class && returnType != void.class) {
      throw new IllegalArgumentException(signature.shortName() + ": return type must be double, double[] or void,"
          + " not " + Signature.display(returnType));
    }
    boolean outputFits = returnType == void.class
        ? outputParameter >= 0 && outputParameter < n && parameterTypes.get(outputParameter) == double[].class
        : outputParameter == -1;
    if (!outputFits) {
      throw new IllegalArgumentException(signature.shortName() + ": output parameter " + outputParameter
          + " does not fit; a void method names the index of a double[] parameter, other methods -1");
    }
    for (int i = 0; i < n; i++) {
      Class<?> t = parameterTypes.get(i);
      if (differentiable[i] && !RecordParts.carriesDerivatives(t)) {
        throw new IllegalArgumentException(signature.shortName() + ": parameter " + signature.parameter(i)
            + " cannot be differentiable; only double, double[], double[][] and records with such components can");
      }
    }
  }
}
