package com.example.kinetics;

import dev.adjoint.junit.GradientCheck;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** adjoint-junit beside adjoint-hipparchus: the model's derivatives, checked before they are used in a fit. */
class MichaelisMentenDerivativesTest {
  private static final double[] S = {0.02, 0.06, 0.11, 0.22, 0.56, 1.10};
  private static final double[] RATE = {76, 97, 123, 159, 191, 207};

  @TestFactory
  Stream<DynamicNode> residualsAndErrorHaveCorrectDerivatives() {
    return GradientCheck.of(MichaelisMenten.class)
        .at("residuals", new double[] {200, 0.1}, S, RATE)
        .at("halfSquaredError", new double[] {200, 0.1}, S, RATE)
        .at("halfSquaredError", new double[] {212.7, 0.064}, S, RATE)
        .tests();
  }
}
