package dev.adjoint.hipparchus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import java.util.List;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

class OdeJacobiansTest {
  private static final double[] Y0 = {1.0, 0.5};

  private final ODEJacobiansProvider registry =
      OdeJacobians.of(Derivatives.of(Models.class, "predatorPrey"), "t", "y", 0.0, Y0, 1.1, 0.6, 0.8);
  private final ODEJacobiansProvider typed = OdeJacobians.forward(2,
      (t, y) -> Models.predatorPrey(t, y, 1.1, 0.6, 0.8),
      (t, y, yDot) -> ModelsDerivatives.predatorPreyTangent(t, 0.0, y, yDot, 1.1, 0.0, 0.6, 0.0, 0.8).tangent());

  private final ODEJacobiansProvider intoAnArray =
      OdeJacobians.of(Derivatives.of(Models.class, "predatorPreyInto"), "t", "y", 0.0, Y0, 1.1, 0.6, 0.8, null);

  @Test
  void stateJacobiansEqualCentralDifferences() {
    double t = 0.7;
    double[] y = {1.3, 0.4};
    double[][] expected = CentralDifferences.jacobian(state -> Models.predatorPrey(t, state, 1.1, 0.6, 0.8), y);
    for (ODEJacobiansProvider ode : List.of(registry, typed, intoAnArray)) {
      assertArrayEquals(Models.predatorPrey(t, y, 1.1, 0.6, 0.8), ode.computeDerivatives(t, y), 0.0);
      CentralDifferences.assertClose(expected, ode.computeMainStateJacobian(t, y, null), 1e-7);
    }
  }

  @Test
  void parameterJacobiansEqualCentralDifferencesAndOnlyDifferentiableParametersAreNamed() {
    assertEquals(List.of("a", "b"), registry.getParametersNames());
    double t = 0.7;
    double[] y = {1.3, 0.4};
    double[][] byA = CentralDifferences.jacobian(a -> Models.predatorPrey(t, y, a[0], 0.6, 0.8), new double[] {1.1});
    double[][] byB = CentralDifferences.jacobian(b -> Models.predatorPrey(t, y, 1.1, b[0], 0.8), new double[] {0.6});
    double[] dA = registry.computeParameterJacobian(t, y, null, "a");
    double[] dB = registry.computeParameterJacobian(t, y, null, "b");
    CentralDifferences.assertClose(byA, new double[][] {{dA[0]}, {dA[1]}}, 1e-7);
    CentralDifferences.assertClose(byB, new double[][] {{dB[0]}, {dB[1]}}, 1e-7);
  }

  @Test
  void aVoidRightHandSideGivesWhatTheReturningOneGives() {
    assertEquals(List.of("a", "b"), intoAnArray.getParametersNames());
    double t = 0.7;
    double[] y = {1.3, 0.4};
    double[] first = intoAnArray.computeDerivatives(t, y);
    // each call writes a new array: Hipparchus keeps the ones it is given
    assertNotSame(first, intoAnArray.computeDerivatives(t, y));
    assertArrayEquals(registry.computeDerivatives(t, y), first, 0.0);
    assertArrayEquals(registry.computeParameterJacobian(t, y, null, "a"),
        intoAnArray.computeParameterJacobian(t, y, null, "a"), 0.0);
    ExpandableODE expandable = new ExpandableODE(intoAnArray);
    VariationalEquation variational = new VariationalEquation(expandable, intoAnArray);
    ODEState start = variational.setUpInitialState(new ODEState(0.0, Y0));
    ODEStateAndDerivative end = new DormandPrince853Integrator(1e-6, 1.0, 1e-10, 1e-10).integrate(expandable, start, 1.5);
    ExpandableODE reference = new ExpandableODE(registry);
    VariationalEquation referenceVariational = new VariationalEquation(reference, registry);
    ODEStateAndDerivative referenceEnd = new DormandPrince853Integrator(1e-6, 1.0, 1e-10, 1e-10)
        .integrate(reference, referenceVariational.setUpInitialState(new ODEState(0.0, Y0)), 1.5);
    double[][] got = variational.extractMainSetJacobian(end);
    double[][] expected = referenceVariational.extractMainSetJacobian(referenceEnd);
    for (int r = 0; r < got.length; r++) {
      assertArrayEquals(expected[r], got[r], 0.0);
    }
  }

  @Test
  void aVoidMethodWritingItsStateIsNotARightHandSide() {
    var e = assertThrows(IllegalArgumentException.class, () -> OdeJacobians.of(
        Derivatives.of(Models.class, "predatorPreyInto"), "t", "dydt", 0.0, Y0, 1.1, 0.6, 0.8, Y0));
    assertTrue(e.getMessage().contains("writes its result into the state dydt"), e.getMessage());
  }

  /** The linear chain has a closed-form solution, so the integrated sensitivities can be checked exactly. */
  @Test
  void variationalEquationsReproduceTheClosedFormSensitivities() {
    double k = 0.9;
    double m = 0.3;
    double end = 2.0;
    ODEJacobiansProvider ode = OdeJacobians.of(Derivatives.of(Models.class, "chain"), "t", "y", 0.0, Y0, k, m);
    ExpandableODE expandable = new ExpandableODE(ode);
    VariationalEquation variational = new VariationalEquation(expandable, ode);
    ODEState start = variational.setUpInitialState(new ODEState(0.0, Y0));
    ODEStateAndDerivative state = new DormandPrince853Integrator(1e-6, 1.0, 1e-12, 1e-12).integrate(expandable, start, end);
    double[][] dStateDStart = variational.extractMainSetJacobian(state);
    double[] dStateDk = variational.extractParameterJacobian(state, "k");
    // y0(t) = y0(0) e^{-kt}; y1(t) = y1(0) e^{-mt} + y0(0) k (e^{-mt} - e^{-kt}) / (k - m)
    double ek = Math.exp(-k * end);
    double em = Math.exp(-m * end);
    assertEquals(ek, dStateDStart[0][0], 1e-9);
    assertEquals(0.0, dStateDStart[0][1], 1e-9);
    assertEquals(k * (em - ek) / (k - m), dStateDStart[1][0], 1e-9);
    assertEquals(em, dStateDStart[1][1], 1e-9);
    assertEquals(-end * Y0[0] * ek, dStateDk[0], 1e-9);
    double dy1dk = Y0[0] * ((em - ek) / (k - m) + k * end * ek / (k - m) - k * (em - ek) / ((k - m) * (k - m)));
    assertEquals(dy1dk, dStateDk[1], 1e-9);
  }
}
