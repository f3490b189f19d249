package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiler;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A helper called with constants returns an array, and the caller writes values that carry
 * derivatives into it. When the helper's body shows the array is always a new one that nothing else
 * refers to, the caller treats it as an array of its own (it gets a zero shadow); otherwise the write
 * is refused, since the array might be a @NoDerivative argument or a static table.
 *
 * <p>The helpers have loops and are called in loops, so that they stay calls instead of being inlined.
 */
class FreshHelperResultsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Fresh", """
          // a new array, filled in a loop
          private static double[] ramp(int n, double step) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
              out[i] = 1.0 + step * i;
            }
            return out;
          }

          // one of two new arrays, chosen by a condition
          private static double[] either(int n, double step) {
            double[] up = new double[n];
            double[] down = new double[n];
            for (int i = 0; i < n; i++) {
              up[i] = step * i;
              down[i] = -step * i;
            }
            return step > 0 ? up : down;
          }

          // the result of another helper, filled further by a void helper that takes it
          private static double[] twiceRamp(int n) {
            double[] r = ramp(n, 0.5);
            scale(r, 2.0);
            return r;
          }

          private static void scale(double[] v, double c) {
            for (int i = 0; i < v.length; i++) {
              v[i] *= c;
            }
          }

          // a copy of an argument
          private static double[] copyOf(double[] v) {
            double[] c = v.clone();
            for (int i = 0; i < c.length; i++) {
              c[i] += 0.25;
            }
            return c;
          }

          @Differentiable
          public static double overwriteOne(double x, double y) {
            double s = 0;
            for (int k = 0; k < 3; k++) {
              double[] v = ramp(4, 0.5);
              v[k] = x * y;
              v[3] += Math.sin(x);
              s += v[0] * v[1] + v[2] * v[3];
            }
            return s;
          }

          @Differentiable
          public static double overwriteAll(double x) {
            double s = 0;
            for (int k = 0; k < 2; k++) {
              double[] v = either(3, k - 0.5);
              for (int i = 0; i < v.length; i++) {
                v[i] = v[i] * x + Math.exp(x * i);
              }
              s += v[0] * v[1] * v[2];
            }
            return s;
          }

          @Differentiable
          public static double throughTwoHelpers(double x, double[] w) {
            double s = 0;
            for (int k = 0; k < w.length; k++) {
              double[] v = twiceRamp(3);
              v[1] = w[k] * x;
              s += v[0] * v[1] * v[2];
            }
            return s;
          }

          @Differentiable
          public static double intoACopy(double x, @NoDerivative double[] table) {
            double s = 0;
            for (int k = 0; k < 2; k++) {
              double[] v = copyOf(table);
              v[0] = x * x;
              s += v[0] * v[1] + table[0];
            }
            return s;
          }

          @Differentiable
          public static double[] returnedAfterTheWrite(double x) {
            double[] v = new double[3];
            for (int k = 0; k < 2; k++) {
              v = ramp(3, 1.0);
              v[2] = Math.cos(x) * v[1];
            }
            return v;
          }
        """);
  }

  @Test
  void scalarsWrittenIntoANewArray() {
    fx.checkRandom("overwriteOne", 3, 4, r -> at(uniform(r, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void everyElementRewrittenAfterAConditionalChoice() {
    fx.checkRandom("overwriteAll", 4, 4, r -> at(uniform(r, -1, 1)));
  }

  @Test
  void throughAHelperThatCallsHelpers() {
    fx.checkRandom("throughTwoHelpers", 5, 4, r -> at(uniform(r, -1, 1), vector(r, 3, -1, 1)));
  }

  @Test
  void aCopyOfAConstantArgument() {
    fx.checkRandom("intoACopy", 6, 4, r -> at(uniform(r, -1, 1), vector(r, 2, -1, 1)));
    // table holds constants, and the copy does not change it: d/dx = 2 * 2x * table[1] + 0.
    double[] table = {0.5, 0.25};
    assertEquals(2 * 2 * 0.75 * (0.25 + 0.25), fx.partial("intoACopy", 0, 0.75, table), 1e-12);
  }

  @Test
  void aVectorResult() {
    fx.checkRandom("returnedAfterTheWrite", 7, 4, r -> at(uniform(r, -1.5, 1.5)));
  }

  @Test
  void theHelpersStayedCalls() {
    String generated = fx.generated();
    for (String call : List.of("ramp(", "either(", "copyOf(")) {
      assertTrue(generated.contains("FreshDerivatives." + call), call + " should stay a call:\n" + generated);
    }
  }

  /**
   * Helpers whose result may be something else's storage: the write stays refused, at its line. (The
   * ones that write into their argument are inlined, and their own write is refused as well.)
   */
  @ParameterizedTest
  @ValueSource(strings = {
      // a static table
      "static final double[] TABLE = {1, 2, 3};\n"
          + "private static double[] table(int n) {\n  double[] t = TABLE;\n"
          + "  for (int i = 0; i < n; i++) {\n    t = TABLE;\n  }\n  return t;\n}\n",
      // a new array that is also kept in a row of the argument
      "private static double[] table(double[][] keep) {\n  double[] t = new double[3];\n"
          + "  for (int i = 0; i < 3; i++) {\n    t[i] = i;\n  }\n  keep[0] = t;\n  return t;\n}\n",
      // a new array handed to a helper that may keep it in a row of its other argument
      "private static double[] table(double[][] keep) {\n  double[] t = new double[3];\n"
          + "  for (int i = 0; i < 3; i++) {\n    t[i] = i;\n  }\n  store(keep, t);\n  return t;\n}\n"
          + "private static void store(double[][] m, double[] row) {\n  m[0] = row;\n}\n",
      // a row of an argument
      "private static double[] table(double[][] keep) {\n  double[] t = keep[0];\n"
          + "  for (int i = 0; i < 3; i++) {\n    t = keep[i % 2];\n  }\n  return t;\n}\n"})
  void resultsThatMayBeSharedAreRefused(String helper) {
    String argument = helper.contains("double[][] keep") ? "keep" : "3";
    String source = "package p;\n\nimport dev.adjoint.Differentiable;\nimport dev.adjoint.NoDerivative;\n\n"
        + "public class Shared {\n" + helper
        + "@Differentiable\npublic static double f(double x, @NoDerivative double[][] keep) {\n"
        + "  double s = 0;\n  for (int k = 0; k < 2; k++) {\n"
        + "    double[] v = table(" + argument + ");\n"
        + "    v[0] = x * x;\n"
        + "    s += v[0] * keep[0][0];\n  }\n  return s;\n}\n}\n";
    List<String> errors = Compiler.errors(Compiler.compile(Compiler.source("p.Shared", source)));
    long line = source.lines().takeWhile(l -> !l.contains("v[0] = x * x;")).count() + 1;
    // A helper that writes into its argument is inlined, and its own write is refused too.
    assertTrue(errors.stream().anyMatch(e -> e.startsWith(line + ": ") && e.contains("holds constants")),
        source + "\n" + errors);
  }
}
