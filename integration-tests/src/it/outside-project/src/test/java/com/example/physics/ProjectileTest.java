package com.example.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.junit.GradientCheck;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ProjectileTest {
  @Test
  void generatedDerivativesMatchFiniteDifferences() {
    Projectile.Launch launch = Projectile.Launch.of(30, 0.6);
    ProjectileDerivatives.RangeGradient g =
        ProjectileDerivatives.rangeGradient(launch.speed(), launch.angle(), 0.01, 1000);
    assertEquals(Projectile.range(30, 0.6, 0.01, 1000), g.value(), 0.0);
    double h = 1e-6;
    double fdSpeed = (Projectile.range(30 + h, 0.6, 0.01, 1000) - Projectile.range(30 - h, 0.6, 0.01, 1000)) / (2 * h);
    double fdAngle = (Projectile.range(30, 0.6 + h, 0.01, 1000) - Projectile.range(30, 0.6 - h, 0.01, 1000)) / (2 * h);
    assertEquals(fdSpeed, g.speed(), 1e-4 * Math.abs(fdSpeed));
    assertEquals(fdAngle, g.angle(), 1e-4 * Math.max(1, Math.abs(fdAngle)));
    ProjectileDerivatives.RangeTangent t = ProjectileDerivatives.rangeTangent(30, 1, 0.6, 0, 0.01, 1000);
    assertEquals(g.speed(), t.tangent(), 1e-9 * Math.abs(g.speed()));
  }

  @Test
  void registryFindsTheGeneratedCode() {
    DifferentiableMethod m = Derivatives.of(Projectile.class, "range");
    assertEquals(java.util.List.of("speed", "angle", "drag", "steps"), m.parameterNames());
    assertTrue(m.isDifferentiable(0));
    assertTrue(!m.isDifferentiable(2));
    Object[] g = m.gradient(30.0, 0.6, 0.01, 1000);
    assertEquals(ProjectileDerivatives.rangeGradient(30, 0.6, 0.01, 1000).speed(), (Double) g[0], 0.0);
    assertEquals(null, g[2]);
  }

  /** adjoint-junit: central differences and the dot-product test, at points of our choosing. */
  @TestFactory
  Stream<DynamicNode> everyDifferentiableMethodChecks() {
    return GradientCheck.of(Projectile.class)
        .at("range", 30.0, 0.6, 0.01, 1000)
        .at("range", 12.0, 1.1, 0.0, 200)
        .tests();
  }
}
