package com.example.orbits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Jacobian;
import dev.adjoint.junit.GradientCheck;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs on the module path, inside com.example.orbits (Surefire patches the tests into it). */
class OrbitTest {
  private static final double[] Q = {1.0, 0.5};
  private static final double[] P = {0.2, 0.9};

  @Test
  void theseTestsRunInTheNamedModuleAndTheRuntimeIsTheModuleDevAdjoint() {
    assertEquals("com.example.orbits", Orbit.class.getModule().getName());
    assertEquals("dev.adjoint", Derivatives.class.getModule().getName());
    assertTrue(Orbit.class.getModule().getDescriptor().requires().stream()
        .anyMatch(r -> r.name().equals("dev.adjoint")));
    assertTrue(Orbit.class.getModule().getDescriptor().requires().stream()
        .noneMatch(r -> r.name().equals("java.compiler")), "the module must not need java.compiler");
  }

  @Test
  void typedGeneratedMethodsAndTheRegistryAgree() {
    OrbitDerivatives.EnergyGradient typed = OrbitDerivatives.energyGradient(Q, P, 2.0);
    assertEquals(Orbit.energy(Q, P, 2.0), typed.value(), 0.0);
    Object[] boxed = Derivatives.of(Orbit.class, "energy").gradient(Q, P, 2.0);
    assertArrayEquals(typed.q(), (double[]) boxed[0], 0.0);
    assertArrayEquals(typed.p(), (double[]) boxed[1], 0.0);
    assertNull(boxed[2]);
    // dE/dp0 = p0 / m + d(drag)/dp0
    double dragSlope = 0.01 * 1.5 * Math.sqrt(P[0] * P[0] + P[1] * P[1]) * 2 * P[0];
    assertEquals(P[0] / 2.0 + dragSlope, typed.p()[0], 1e-12);
    OrbitDerivatives.EnergyTangent t = OrbitDerivatives.energyTangent(Q, new double[] {1, 0}, P, new double[2], 2.0);
    assertEquals(typed.q()[0], t.tangent(), 1e-12);
  }

  @Test
  void theRegistryReachesClassesInPackagesTheModuleDoesNotExport() throws ClassNotFoundException {
    Class<?> friction = Class.forName("com.example.orbits.internal.Friction");
    DifferentiableMethod work = Derivatives.of(friction, "work");
    assertArrayEquals(new Object[] {2 * 0.3 * 2.0, 4.0}, work.gradient(2.0, 0.3));
    assertEquals(1.2, (Double) work.invoke(2.0, 0.3), 1e-15);
  }

  @Test
  void jacobianOfTheLeapfrogPositionThroughTheRegistry() {
    DifferentiableMethod position = Derivatives.of(Orbit.class, "position");
    double[][] j = Jacobian.of(position, Q, P, 0.01, 50);
    assertEquals(2, j.length);
    assertEquals(4, j[0].length);
    double[] pulled = OrbitDerivatives.positionPullback(Q, P, 0.01, 50, new double[] {1, 0}).q0();
    assertArrayEquals(new double[] {j[0][0], j[0][1]}, pulled, 1e-12);
  }

  /** adjoint-junit, from the class path, checking the module's methods. */
  @TestFactory
  Stream<DynamicNode> gradientChecks() throws ClassNotFoundException {
    return Stream.of(
        GradientCheck.of(Orbit.class).at("energy", Q, P, 2.0).at("position", Q, P, 0.01, 50),
        GradientCheck.of(Class.forName("com.example.orbits.internal.Friction")).at("work", 2.0, 0.3))
        .flatMap(GradientCheck::tests);
  }

  @Test
  void mainPrintsBothWays() {
    Main.main(new String[0]);
  }
}
