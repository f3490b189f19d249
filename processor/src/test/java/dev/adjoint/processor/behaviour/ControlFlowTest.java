package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Branches: if / else if / else, ?:, comparisons, logical operators, returns inside branches. */
class ControlFlowTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Flow", """
          @Differentiable
          static double piecewise(double x) {
            double y;
            if (x < -1) {
              y = -x * x;
            } else if (x <= 1) {
              y = Math.sin(x);
            } else {
              y = x * Math.exp(-x);
            }
            return y * 2;
          }

          @Differentiable
          static double ternary(double x, double y) {
            double m = x > y ? x * x : y * y * y;
            return m + (x >= 0 ? x : -x) * y;
          }

          @Differentiable
          static double logic(double x, double y, boolean strict) {
            double r = x * y;
            if (x > 0 && y > 0 || strict && !(x == y)) {
              r = r + x * x;
            }
            if (!(x < y) || x > 1.5) {
              r *= y;
            }
            return r + x;
          }

          @Differentiable
          static double earlyReturn(double x, int mode) {
            double y = x * x;
            if (mode == 0) {
              return y;
            }
            if (x > 2) {
              y = y * x;
              if (mode > 1) {
                return Math.log(y);
              }
            } else {
              y = -y;
            }
            return y + x;
          }

          @Differentiable
          static double nested(double x, double y) {
            double r = 0;
            if (x > 0) {
              if (y > 0) {
                r = x * y;
              } else {
                if (y > -1) {
                  r = x / (1 - y);
                } else {
                  r = x * x * y;
                }
              }
            } else {
              r = y > x ? Math.cos(x * y) : Math.sin(x + y);
            }
            return r + x;
          }

          @Differentiable
          static double branchOnComputed(double x, double limit) {
            double s = x * x - 2 * x;
            if (s > limit) {
              s = limit + Math.sqrt(s - limit);
            }
            return s;
          }
        """);
  }

  @Test
  void ifElseIfElse() {
    fx.check("piecewise", at(-2.5), at(-1.3), at(-0.5), at(0.3), at(0.9), at(1.7), at(4.0));
    assertClose(2 * Math.cos(0.3), fx.partial("piecewise", 0, 0.3), "middle branch: 2 cos x");
    assertClose(-4 * -2.5, fx.partial("piecewise", 0, -2.5), "first branch: -4x");
    assertClose(2 * (1 - 4.0) * Math.exp(-4.0), fx.partial("piecewise", 0, 4.0), "last branch");
  }

  @Test
  void conditionalExpression() {
    fx.check("ternary", at(2.0, 1.0), at(0.5, 1.5), at(-1.0, 0.3), at(-2.0, -3.0));
    // x <= y and x < 0: m = y^3, second term -x*y
    Object[] g = fx.gradient("ternary", -1.0, 0.3);
    assertClose(-0.3, (Double) g[0], "d/dx");
    assertClose(3 * 0.09 + 1.0, (Double) g[1], "d/dy");
  }

  @Test
  void logicalOperators() {
    fx.check("logic", at(1.0, 2.0, false), at(-1.0, 2.0, false), at(-1.0, 2.0, true), at(1.7, 2.0, true),
        at(-0.5, -0.7, false), at(2.5, 0.5, true));
  }

  @Test
  void returnsFromInsideBranches() {
    fx.check("earlyReturn", at(1.5, 0), at(1.5, 1), at(3.0, 1), at(3.0, 2), at(0.5, 2), at(2.5, 5));
    assertClose(2 * 1.5, fx.partial("earlyReturn", 0, 1.5, 0), "returns x*x");
    assertClose(3 / 3.0, fx.partial("earlyReturn", 0, 3.0, 2), "returns log(x^3)");
  }

  @Test
  void nestedIfs() {
    fx.check("nested", at(1.0, 2.0), at(1.0, -0.5), at(1.0, -2.0), at(-1.0, 0.5), at(-1.0, -2.0), at(0.7, 0.2));
  }

  @Test
  void branchTakenAtSomePointsOnly() {
    // s = x^2 - 2x exceeds limit 1 only for x > 1 + sqrt 2 or x < 1 - sqrt 2
    fx.check("branchOnComputed", at(0.5, 1.0), at(1.0, 1.0), at(3.0, 1.0), at(-1.0, 1.0), at(2.0, -0.5));
    assertClose(2 * 0.5 - 2, fx.partial("branchOnComputed", 0, 0.5, 1.0), "not taken");
    Object[] g = fx.gradient("branchOnComputed", 3.0, 1.0);
    assertClose(0.5 / Math.sqrt(2.0) * 4, (Double) g[0], "taken, d/dx");
    assertClose(1 - 0.5 / Math.sqrt(2.0), (Double) g[1], "taken, d/dlimit");
  }
}
