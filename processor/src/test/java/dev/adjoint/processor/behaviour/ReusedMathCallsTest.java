package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partial that is a {@code Math} call a variable already holds reads the variable: the partial
 * of {@code s = Math.sin(t)} after {@code c = Math.cos(t)} is {@code c}, in both modes, instead of
 * another call of {@code cos}. Where the variable or the argument changes in between, or the call
 * was made in another block, the partial calls the function again, and the derivatives stay right.
 */
class ReusedMathCallsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Reused", """
          // a rotation by angle t: cos before sin, as people write it
          @Differentiable
          static double rotated(double t, double x, double y) {
            double c = Math.cos(t);
            double s = Math.sin(t);
            double u = c * x - s * y;
            double v = s * x + c * y;
            return u * u * u + v;
          }

          // the variable holding cos(t) changes before sin(t): the partial must call cos again
          @Differentiable
          static double holderChanged(double t) {
            double c = Math.cos(t);
            c = c * 3 + t;
            double s = Math.sin(t);
            return s * c;
          }

          // the argument changes before sin(t): cos of the new t is not in c
          @Differentiable
          static double argumentChanged(double t) {
            double c = Math.cos(t);
            t = t * t;
            double s = Math.sin(t);
            return s * c;
          }

          // cos(t) computed in another block than sin(t)
          @Differentiable
          static double otherBlock(double t, double x) {
            double c = Math.cos(t);
            double s = 0;
            if (x > 0) {
              s = Math.sin(t) * x;
            }
            return s + c;
          }

          // in a loop: c and s change in every iteration, and the reverse sweep reads each one
          @Differentiable
          static double inALoop(double[] x) {
            double acc = 0;
            for (int i = 0; i < x.length; i++) {
              double t = x[i] * acc + x[i];
              double c = Math.cos(t);
              double s = Math.sin(t);
              acc = acc * c + s * t;
            }
            return acc;
          }

          // a sigmoid, as ML code writes it: 1 / (1 + exp(-x))
          @Differentiable
          static double sigmoids(double[] x) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
              double g = 1 / (1 + Math.exp(-x[i] * s - x[i]));
              s = s * g + g;
            }
            return s;
          }

          // sinh and cosh, log and pow: the other pairs whose partials are each other
          @Differentiable
          static double hyperbolic(double t, double y) {
            double ch = Math.cosh(t);
            double l = Math.log(t);
            double sh = Math.sinh(t);
            double p = Math.pow(t, y);
            return sh * ch + p * l;
          }
        """);
  }

  /** How often the code (not the comments, which quote the source) of a method contains {@code what}. */
  private static int count(String text, String what) {
    int n = 0;
    for (String line : text.split("\n")) {
      String code = line.strip();
      if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/**")) {
        continue;
      }
      for (int at = code.indexOf(what); at >= 0; at = code.indexOf(what, at + 1)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void aRotationCallsCosOnlyForItsValue() {
    String gradient = fx.generatedMethod("rotatedGradient");
    String tangent = fx.generatedMethod("rotatedTangent");
    // cos: once in the forward sweep; sin's partial reads c. sin: its value, and cos's partial
    // (which comes before sin is computed, so it calls sin again).
    assertEquals(1, count(gradient, "Math.cos("), gradient);
    assertEquals(2, count(gradient, "Math.sin("), gradient);
    assertTrue(gradient.contains("c * sBar"), gradient);
    assertEquals(1, count(tangent, "Math.cos("), tangent);
    assertTrue(tangent.contains("c * tDot"), tangent);
    Random r = new Random(3);
    for (int k = 0; k < 6; k++) {
      fx.check("rotated", at(Fixture.uniform(r, -4, 4), Fixture.uniform(r, -2, 2), Fixture.uniform(r, -2, 2)));
    }
  }

  @Test
  void aChangedHolderOrArgumentCallsTheFunctionAgain() {
    for (String name : new String[] {"holderChanged", "argumentChanged"}) {
      String gradient = fx.generatedMethod(name + "Gradient");
      assertEquals(2, count(gradient, "Math.cos("), gradient);
      Random r = new Random(name.hashCode());
      for (int k = 0; k < 6; k++) {
        fx.check(name, at(Fixture.uniform(r, -3, 3)));
      }
    }
  }

  @Test
  void aCallInAnotherBlockIsNotShared() {
    String gradient = fx.generatedMethod("otherBlockGradient");
    assertEquals(2, count(gradient, "Math.cos("), gradient);
    Random r = new Random(5);
    for (int k = 0; k < 6; k++) {
      fx.check("otherBlock", at(Fixture.uniform(r, -3, 3), Fixture.uniform(r, -2, 2)));
    }
  }

  @Test
  void inALoopEachIterationsValueIsTheOneRead() {
    String gradient = fx.generatedMethod("inALoopGradient");
    assertEquals(1, count(gradient, "Math.cos("), gradient);
    Random r = new Random(7);
    for (int n : new int[] {1, 2, 5}) {
      fx.check("inALoop", at(vector(r, n, -0.8, 0.8)));
    }
  }

  @Test
  void hyperbolicAndPowerPairsShareTheirCalls() {
    String gradient = fx.generatedMethod("hyperbolicGradient");
    String tangent = fx.generatedMethod("hyperbolicTangent");
    // cosh and log come first: sinh's and pow's partials read them
    assertEquals(1, count(gradient, "Math.cosh("), gradient);
    assertEquals(1, count(gradient, "Math.log("), gradient);
    assertEquals(1, count(tangent, "Math.cosh("), tangent);
    assertEquals(1, count(tangent, "Math.log("), tangent);
    Random r = new Random(9);
    for (int k = 0; k < 6; k++) {
      fx.check("hyperbolic", at(Fixture.uniform(r, 0.2, 2), Fixture.uniform(r, -2, 2)));
    }
  }

  /**
   * The reciprocal's partial is -g*g: the reverse sweep divides nowhere and records the sigmoid's
   * result and its exponential, not the sum 1 + exp(-x).
   */
  @Test
  void aSigmoidsReverseSweepDividesNowhere() {
    String gradient = fx.generatedMethod("sigmoidsGradient");
    String reverse = gradient.substring(gradient.indexOf("// reverse sweep"));
    assertEquals(0, count(reverse, " / "), reverse);
    assertEquals(1, count(gradient, " / "), gradient);
    Random r = new Random(13);
    for (int n : new int[] {1, 2, 5}) {
      fx.check("sigmoids", at(vector(r, n, -2, 2)));
    }
  }
}
