package dev.adjoint.processor.ir;

import java.util.List;

/**
 * A static method called from a differentiated method. When {@code derivatives} is present the
 * method is itself {@code @Differentiable} and its generated companion supplies derivatives.
 */
public record MethodRef(
    String owner, String name, List<Type> parameterTypes, Type returnType, DerivativeSignature derivatives) {

  public MethodRef {
    parameterTypes = List.copyOf(parameterTypes);
  }

  public boolean isDifferentiable() {
    return derivatives != null;
  }

  /**
   * What is known about another method's generated derivatives: the companion class, the
   * generated method names, which parameters are differentiable, and the record component that
   * holds each one's derivative.
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
      List<String> componentNames) {

    public DerivativeSignature {
      differentiable = List.copyOf(differentiable);
      componentNames = List.copyOf(componentNames);
    }
  }
}
