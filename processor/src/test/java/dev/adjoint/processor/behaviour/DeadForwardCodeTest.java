package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A callee's allocation-free adjoint does not return the callee's value: the forward sweep that
 * only computes it is left out when the reverse sweep computes again what it needs. The derivatives
 * through such a callee stay right, to second order.
 */
class DeadForwardCodeTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Dead", """
          // a vector helper with a loop, called in a loop: it stays a call
          private static double[] gate(double[] w, double[] in) {
            int b = in.length;
            double[] out = new double[b];
            for (int i = 0; i < b; i++) {
              out[i] = Math.tanh(w[i] * in[i]) * Math.exp(in[i]);
            }
            return out;
          }

          // a helper whose running value is read by its partials: that part of the forward sweep stays
          private static double product(double[] w, double[] in) {
            double p = 1;
            for (int i = 0; i < in.length; i++) {
              p = p * Math.sin(w[i] + in[i]);
            }
            return p;
          }

          @Differentiable
          static double loss(double[] w, double[] x) {
            double s = 0;
            for (int t = 0; t < 3; t++) {
              double[] h = gate(w, x);
              for (int i = 0; i < h.length; i++) {
                s += h[i] * h[i] + product(w, h);
              }
              x[0] = x[0] * 0.5;
            }
            return s;
          }
        """);
  }

  @Test
  void theAdjointOfAVectorCalleeLeavesOutTheForwardSweepOfItsValue() {
    String source = fx.generated();
    int start = source.indexOf("private static void gateAdjoint");
    assertTrue(start >= 0, source);
    String adjoint = source.substring(start, source.indexOf("\n  }\n", start));
    String forward = adjoint.substring(0, adjoint.indexOf("// reverse sweep"));
    assertFalse(forward.contains("Math.tanh"), forward);
    assertTrue(adjoint.contains("Math.tanh"), "the reverse sweep computes it again:\n" + adjoint);
  }

  @Test
  void derivativesThroughIt() {
    Random r = new Random(21);
    for (int t = 0; t < 4; t++) {
      fx.check("loss", at(vector(r, 4, -1, 1), vector(r, 4, -1, 1)));
    }
  }
}
