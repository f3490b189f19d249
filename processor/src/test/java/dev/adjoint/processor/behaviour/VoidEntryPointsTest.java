package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.component;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Hessian;
import dev.adjoint.Jacobian;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code @Differentiable} entry points that return {@code void} and write their result into an
 * array parameter: the ODE idiom {@code rhs(t, y, k, dydt)}, in-place updates that read the array
 * before writing it, writes through helpers, {@code System.arraycopy} and {@code Arrays.fill},
 * loops (an integrator updating its state in place) and early returns. Each is checked in both modes against central differences and against
 * each other ({@link Fixture#check}), and through the registry and {@link Jacobian}.
 */
class VoidEntryPointsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Voids", """
          // the pendulum: y = (angle, angular velocity)
          @Differentiable
          static void rhs(double t, double[] y, double k, double[] dydt) {
            dydt[0] = y[1];
            dydt[1] = -k * Math.sin(y[0]) + 0.1 * Math.cos(t);
          }

          // reads the output before writing it
          @Differentiable
          static void accumulate(double[] x, double a, double[] out) {
            for (int i = 0; i < x.length; i++) {
              out[i] += a * x[i] * x[i];
              out[i] *= out[i];
            }
          }

          private static void copyInto(double[] from, double[] to) {
            System.arraycopy(from, 0, to, 0, from.length);
          }

          static void square(double[] v) {
            for (int i = 0; i < v.length; i++) {
              v[i] = v[i] * v[i];
            }
          }

          // writes only through helpers and library calls
          @Differentiable
          static void throughHelpers(double[] x, double s, double[] out) {
            java.util.Arrays.fill(out, s);
            copyInto(x, out);
            square(out);
            out[out.length - 1] += s * x[0];
          }

          // an early return inside a loop
          @Differentiable
          static void untilNegative(double[] x, double[] out) {
            for (int i = 0; i < x.length; i++) {
              if (x[i] < 0) {
                return;
              }
              out[i] = Math.exp(x[i]) * out[i];
            }
          }

          // Heun steps in place: the state is input and output
          private static void step(double t, double[] y, double k, double h) {
            double[] slope = new double[y.length];
            double[] predicted = new double[y.length];
            double[] corrected = new double[y.length];
            rhs(t, y, k, slope);
            for (int i = 0; i < y.length; i++) {
              predicted[i] = y[i] + h * slope[i];
            }
            rhs(t + h, predicted, k, corrected);
            for (int i = 0; i < y.length; i++) {
              y[i] += 0.5 * h * (slope[i] + corrected[i]);
            }
          }

          @Differentiable
          static void integrate(double[] y, double k, int steps) {
            double h = 0.05;
            for (int s = 0; s < steps; s++) {
              step(s * h, y, k, h);
            }
          }

          // a void entry point called by another method of the same build
          @Differentiable
          static double energyRate(double[] y, double k) {
            double[] dydt = new double[2];
            rhs(0.0, y, k, dydt);
            return y[1] * dydt[1] + k * Math.sin(y[0]) * dydt[0];
          }

          // returns the array it was given, after writing it
          @Differentiable
          static double[] scaleInPlace(double[] v, double s) {
            for (int i = 0; i < v.length; i++) {
              v[i] = s * v[i] + v[i] * v[i];
            }
            return v;
          }

          public record Params(double k, double damping) {}

          // a record parameter, and the output array
          @Differentiable
          static void damped(double[] y, Params p, double[] dydt) {
            dydt[0] = y[1];
            dydt[1] = -p.k() * y[0] - p.damping() * y[1];
          }

          // the output's values on entry held constant: left out of wrt, or @NoDerivative
          @Differentiable(wrt = {"y", "k"})
          static void rhsWrtStateAndK(double t, double[] y, double k, double[] dydt) {
            dydt[0] = y[1] + 0.5 * dydt[0];
            dydt[1] = -k * Math.sin(y[0]) * t;
          }

          @Differentiable
          static void addSquares(double[] x, @NoDerivative double[] out) {
            for (int i = 0; i < x.length; i++) {
              out[i] += x[i] * x[i];
            }
          }

          // a checkpointed loop, then the writes
          @Differentiable
          static void euler(double[] y, double k, int steps, double[] out) {
            double a = y[0];
            double b = y[1];
            for (@dev.adjoint.Checkpointed int s = 0; s < steps; s++) {
              double next = a + 0.01 * b;
              b = b - 0.01 * k * Math.sin(a);
              a = next;
            }
            out[0] = a;
            out[1] = b;
          }

          // a switch in a loop, with a return inside one case
          @Differentiable
          static void modes(double[] x, String mode, double[] out) {
            for (int i = 0; i < x.length; i++) {
              switch (mode) {
                case "square" -> out[i] = x[i] * x[i];
                case "stop" -> {
                  if (x[i] > 1) {
                    return;
                  }
                  out[i] = Math.exp(x[i]) * out[i];
                }
                default -> out[i] += x[i];
              }
            }
          }

          // wrt naming the output, not t
          @Differentiable(wrt = {"y", "dydt"})
          static void rhsWrtState(double t, double[] y, double k, double[] dydt) {
            dydt[0] = y[1] * t;
            dydt[1] = -k * Math.sin(y[0]);
          }
        """);
  }

  private static final double[] Y = {0.4, -0.3};

  @Test
  void theOdeRightHandSide() {
    fx.check("rhs", at(0.3, Y.clone(), 2.0, new double[2]), at(1.1, new double[] {-1.2, 0.8}, 0.5, new double[] {3, 4}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"accumulate", "throughHelpers"})
  void writesCarryDerivatives(String name) {
    fx.checkRandom(name, name.hashCode(), 6, r -> at(vector(r, 3, -0.5, 1.5), uniform(r, 0.2, 1.3), vector(r, 3, -1, 1)));
  }

  @Test
  void anEarlyReturnInALoop() {
    fx.checkRandom("untilNegative", 3, 8, r -> at(vector(r, 4, -0.4, 1.5), vector(r, 4, -1, 1)));
  }

  @Test
  void anEarlyReturnLeavesTheRestOfTheOutputAsItWas() {
    double[] out = {1, 2, 3};
    fx.invoke("untilNegative", new double[] {0.0, -1.0, 2.0}, out);
    assertArrayEquals(new double[] {1, 2, 3}, out);
    // d out[2] / d out[2] is 1 (untouched), d out[1] / d x[1] is 0 (never reached)
    Object[] bar = fx.method("untilNegative").pullback(at(new double[] {0.0, -1.0, 2.0}, new double[] {1, 2, 3}),
        new double[] {0, 1, 1});
    assertArrayEquals(new double[] {0, 0, 0}, (double[]) bar[0]);
    assertArrayEquals(new double[] {0, 1, 1}, (double[]) bar[1]);
  }

  @Test
  void heunStepsInPlaceInALoop() {
    fx.check("integrate", at(Y.clone(), 2.0, 0), at(Y.clone(), 2.0, 1), at(new double[] {1.0, 0.2}, 0.7, 25));
  }

  @Test
  void aCheckpointedLoopBeforeTheWrites() {
    fx.check("euler", at(Y.clone(), 2.0, 0, new double[2]), at(Y.clone(), 2.0, 40, new double[] {1, 1}));
  }

  @ParameterizedTest
  @ValueSource(strings = {"square", "stop", "add"})
  void aSwitchWithAReturnInsideALoop(String mode) {
    fx.check("modes", at(new double[] {0.5, 1.5, 0.2}, mode, new double[] {1, 2, 3}),
        at(new double[] {0.3, -0.4, 0.9}, mode, new double[] {0.5, -1, 2}));
  }

  @Test
  void aVoidEntryPointCalledByAnotherMethodOfTheBuild() {
    fx.checkRandom("energyRate", 7, 5, r -> at(vector(r, 2, -1, 1), uniform(r, 0.3, 2)));
  }

  @Test
  void anEntryPointReturningTheArrayItWasGiven() {
    fx.checkRandom("scaleInPlace", 11, 5, r -> at(vector(r, 3, -1, 1), uniform(r, 0.2, 2)));
    double[] v = {1, 2};
    assertSame(v, fx.invoke("scaleInPlace", v, 3.0));
    assertArrayEquals(new double[] {4, 10}, v, 0.0);
  }

  @Test
  void aRecordParameterAndAnOutputArray() throws Exception {
    Class<?> params = fx.owner().getClassLoader().loadClass("p.Voids$Params");
    Object p = params.getDeclaredConstructors()[0].newInstance(2.0, 0.3);
    fx.check("damped", at(Y.clone(), p, new double[] {0.5, -0.5}));
    DifferentiableMethod m = fx.method("damped");
    assertEquals(2, m.outputParameter());
    Object[] bars = m.pullback(at(Y.clone(), p, new double[2]), new double[] {0, 1});
    assertArrayEquals(new double[] {-2.0, -0.3}, (double[]) bars[0], 1e-15);
    assertEquals(-Y[0], (Double) component(bars[1], "k"), 1e-15);
    assertEquals(-Y[1], (Double) component(bars[1], "damping"), 1e-15);
    double[][] j = Jacobian.of(m, Y.clone(), p, new double[2]);
    assertArrayEquals(new double[] {-2.0, -0.3, -Y[0], -Y[1], 0, 0}, j[1], 1e-15);
  }

  @Test
  void wrtNamingTheOutput() {
    fx.check("rhsWrtState", at(0.3, Y.clone(), 2.0, new double[2]));
    DifferentiableMethod m = fx.method("rhsWrtState");
    assertEquals(List.of(false, true, false, true), List.of(m.isDifferentiable(0), m.isDifferentiable(1),
        m.isDifferentiable(2), m.isDifferentiable(3)));
  }

  @Test
  void anOutputHeldConstantOnEntryStillCarriesTheDerivativesOfWhatIsWritten() {
    fx.check("rhsWrtStateAndK", at(0.3, Y.clone(), 2.0, new double[] {1, -1}), at(1.2, Y.clone(), 0.5, new double[2]));
    fx.checkRandom("addSquares", 5, 4, r -> at(vector(r, 3, -1, 1), vector(r, 3, -1, 1)));
    assertEquals(List.of("value", "y", "k"), fx.componentNames("RhsWrtStateAndKPullback"));
    DifferentiableMethod m = fx.method("rhsWrtStateAndK");
    assertEquals(3, m.outputParameter());
    // columns: y[0], y[1], k only; no tangent is needed for the output
    double[][] j = Jacobian.of(m, 0.3, Y.clone(), 2.0, new double[2]);
    assertArrayEquals(new double[] {0, 1, 0}, j[0], 0.0);
    assertArrayEquals(new double[] {-2.0 * Math.cos(Y[0]) * 0.3, 0, -Math.sin(Y[0]) * 0.3}, j[1], 1e-15);
    double[] tangent = (double[]) m.tangent(at(0.3, Y.clone(), 2.0, new double[2]),
        at(null, new double[] {1, 0}, 0.0, null));
    assertArrayEquals(new double[] {0, -2.0 * Math.cos(Y[0]) * 0.3}, tangent, 1e-15);
    Object[] bars = fx.method("addSquares").pullback(at(new double[] {1, 2}, new double[] {5, 5}), new double[] {1, 1});
    assertArrayEquals(new double[] {2, 4}, (double[]) bars[0], 0.0);
    assertEquals(null, bars[1]);
  }

  @Test
  void theGeneratedMethodsTakeAndGiveTheOutputArray() {
    assertEquals(List.of("value", "t", "y", "k", "dydt"), fx.componentNames("RhsPullback"));
    assertEquals(List.of("value", "tangent"), fx.componentNames("RhsTangent"));
    assertEquals(List.of(double[].class, double[].class), fx.componentTypes("RhsTangent"));
    double[] dydt = {5, 6};
    Object pullback = fx.callCompanion("rhsPullback", 0.3, Y.clone(), 2.0, dydt, new double[] {1, 0});
    // value is the output array itself, as the call leaves it, and the method's own result
    assertSame(dydt, component(pullback, "value"));
    assertArrayEquals(new double[] {Y[1], -2.0 * Math.sin(Y[0]) + 0.1 * Math.cos(0.3)}, dydt, 1e-15);
    assertArrayEquals(new double[] {0, 1}, (double[]) component(pullback, "y"));
    // dydt is only written: its values before the call have no effect
    assertArrayEquals(new double[] {0, 0}, (double[]) component(pullback, "dydt"));
    Object tangent = fx.callCompanion("rhsTangent", 0.3, 0.0, Y.clone(), new double[] {1, 0}, 2.0, 0.0,
        new double[2], new double[2]);
    assertArrayEquals(new double[] {0, -2.0 * Math.cos(Y[0])}, (double[]) component(tangent, "tangent"), 1e-15);
  }

  @Test
  void theRegistryTreatsTheOutputArrayAsTheResult() {
    DifferentiableMethod m = fx.method("rhs");
    assertEquals(void.class, m.returnType());
    assertEquals(3, m.outputParameter());
    assertEquals(-1, fx.method("energyRate").outputParameter());
    double[] dydt = new double[2];
    assertSame(dydt, m.invoke(0.3, Y.clone(), 2.0, dydt));
    Object[] bars = m.pullback(at(0.3, Y.clone(), 2.0, new double[2]), new double[] {0, 1});
    assertEquals(-0.1 * Math.sin(0.3), (Double) bars[0], 1e-15);
    assertArrayEquals(new double[] {-2.0 * Math.cos(Y[0]), 0}, (double[]) bars[1], 1e-15);
    assertEquals(-Math.sin(Y[0]), (Double) bars[2], 1e-15);
    double[] tangent = (double[]) m.tangent(at(0.3, Y.clone(), 2.0, new double[2]),
        at(0.0, new double[] {0, 1}, 0.0, new double[2]));
    assertArrayEquals(new double[] {1, 0}, tangent, 0.0);
  }

  @Test
  void whatAVoidMethodDoesNotHaveSaysWhy() {
    DifferentiableMethod m = fx.method("rhs");
    Object[] args = at(0.3, Y.clone(), 2.0, new double[2]);
    UnsupportedOperationException gradient = assertThrows(UnsupportedOperationException.class, () -> m.gradient(args));
    assertTrue(gradient.getMessage().contains("Voids.rhs returns void and writes its result into dydt, so it has no"
        + " gradient; use pullback(args, resultBar)"), gradient.getMessage());
    UnsupportedOperationException hv = assertThrows(UnsupportedOperationException.class,
        () -> m.hessianVector(args, at(1.0, new double[2], 1.0, new double[2])));
    assertTrue(hv.getMessage().contains("returns void and writes its result into dydt, so it has no Hessian"),
        hv.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> Hessian.of(m, args));
    IllegalArgumentException shortBar = assertThrows(IllegalArgumentException.class,
        () -> m.pullback(args, new double[3]));
    assertTrue(shortBar.getMessage().contains("resultBar must be a double[] as long as double[] dydt (2), but has"
        + " length 3"), shortBar.getMessage());
    IllegalArgumentException scalarBar = assertThrows(IllegalArgumentException.class, () -> m.pullback(args, 1.0));
    assertTrue(scalarBar.getMessage().contains("returns void and writes its result into dydt, so resultBar must be"
        + " a double[]"), scalarBar.getMessage());
  }

  @Test
  void jacobianRowsAreTheOutputArray() {
    DifferentiableMethod m = fx.method("rhs");
    Object[] args = at(0.3, Y.clone(), 2.0, new double[2]);
    double[][] forward = Jacobian.of(m, Jacobian.Mode.FORWARD, args);
    double[][] reverse = Jacobian.of(m, Jacobian.Mode.REVERSE, args);
    // columns: t, y[0], y[1], k, dydt[0], dydt[1]
    double[][] expected = {
        {0, 0, 1, 0, 0, 0},
        {-0.1 * Math.sin(0.3), -2.0 * Math.cos(Y[0]), 0, -Math.sin(Y[0]), 0, 0}};
    for (int r = 0; r < 2; r++) {
      assertArrayEquals(expected[r], forward[r], 1e-15);
      assertArrayEquals(expected[r], reverse[r], 1e-15);
    }
    assertArrayEquals(new double[2], (double[]) args[3], "Jacobian.of works on copies of the arguments");
    // the in-place update reads its output: d out / d out on entry is not zero
    double[][] acc = Jacobian.of(fx.method("accumulate"), new double[] {1, 2}, 0.5, new double[] {1, -1});
    // out[i] = (out[i] + a x[i]^2)^2: d/d out[i] = 2 (out[i] + a x[i]^2)
    assertEquals(2 * (1 + 0.5), acc[0][3], 1e-14);
    assertEquals(2 * (-1 + 2.0), acc[1][4], 1e-14);
    assertEquals(0.0, acc[0][4]);
  }
}
