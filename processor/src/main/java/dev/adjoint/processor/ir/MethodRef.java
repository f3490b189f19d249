package dev.adjoint.processor.ir;

import dev.adjoint.processor.rules.GeneralRule;
import java.util.List;

/**
 * A static method called from a differentiated method. When {@code derivatives} is present the
 * method can be differentiated: it is {@code @Differentiable} (its companion has derivatives), or
 * its body is in this build (derivatives are generated from it where a caller needs them).
 * {@code visibleToCompanion} is false for a method the generated companion cannot call (a private
 * helper): calls of it that stay calls go to a copy of it in the companion. {@code freshResult} is
 * true when the array the method returns is known to be a new one that nothing else refers to, so
 * that a caller may write values that carry derivatives into it.
 */
public record MethodRef(
    String owner, String name, List<Type> parameterTypes, Type returnType, DerivativeSignature derivatives,
    boolean visibleToCompanion, boolean freshResult) {

  public MethodRef {
    parameterTypes = List.copyOf(parameterTypes);
  }

  public MethodRef(String owner, String name, List<Type> parameterTypes, Type returnType,
      DerivativeSignature derivatives) {
    this(owner, name, parameterTypes, returnType, derivatives, true, false);
  }

  public MethodRef(String owner, String name, List<Type> parameterTypes, Type returnType,
      DerivativeSignature derivatives, boolean visibleToCompanion) {
    this(owner, name, parameterTypes, returnType, derivatives, visibleToCompanion, false);
  }

  public boolean isDifferentiable() {
    return derivatives != null;
  }

  /** The same method with other derivatives (null: a call whose result is a constant). */
  public MethodRef withDerivatives(DerivativeSignature other) {
    return new MethodRef(owner, name, parameterTypes, returnType, other, visibleToCompanion, freshResult);
  }

  /** The same method, known to return a new array that nothing else refers to. */
  public MethodRef withFreshResult() {
    return new MethodRef(owner, name, parameterTypes, returnType, derivatives, visibleToCompanion, true);
  }

  /** The same method under another owner and name (a copy of it), visible to the companion. */
  public MethodRef copiedTo(String copyOwner, String copyName) {
    return new MethodRef(copyOwner, copyName, parameterTypes, returnType, derivatives, true, freshResult);
  }

  /** {@code owner.name(parameter types)}, for keys and messages. */
  public String key() {
    return owner + "." + name + parameterTypes;
  }

  /**
   * What is known about another method's generated derivatives: the companion class, the
   * generated method names, which parameters are differentiable, and the record component that
   * holds each one's derivative. {@code adjointMethod}, when not null, names a reverse-mode method
   * that allocates nothing: it takes the arguments, the shadow array of each differentiable array
   * parameter (it adds its partials into them) and the result's adjoint, and returns the adjoint of
   * its one differentiable {@code double} parameter, if it has one. {@code rule}, when not null, is a
   * user's general-form {@code @DerivativeOf} rule: the call stays a call, its derivatives are the
   * rule's tangent and pullback methods, and the other names are null.
   */
  public record DerivativeSignature(
      String companion,
      String gradientMethod,
      String gradientRecord,
      String pullbackMethod,
      String pullbackRecord,
      String tangentMethod,
      String tangentRecord,
      List<Boolean> differentiable,
      List<String> componentNames,
      String adjointMethod,
      GeneralRule rule) {

    public DerivativeSignature {
      differentiable = List.copyOf(differentiable);
      componentNames = List.copyOf(componentNames);
    }

    /**
     * A helper without {@code @Differentiable} whose body is in this build: it has no derivative
     * methods of its own, every call that needs derivatives gets a specialised copy.
     */
    public static DerivativeSignature bodyOnly(List<Boolean> differentiable) {
      List<String> none = differentiable.stream().map(d -> "").toList();
      return new DerivativeSignature(null, null, null, null, null, null, null, differentiable, none, null, null);
    }

    /** The derivatives a user's general-form rule gives: with respect to every differentiable parameter. */
    public static DerivativeSignature ofRule(GeneralRule rule) {
      List<Boolean> differentiable = rule.differentiable();
      List<String> none = differentiable.stream().map(d -> "").toList();
      return new DerivativeSignature(null, null, null, null, null, null, null, differentiable, none, null, rule);
    }

    /** Whether the companion has public derivative methods to call. */
    public boolean hasEntryPoints() {
      return companion != null;
    }
  }
}
