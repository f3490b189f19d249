package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.assertClose;
import static dev.adjoint.processor.behaviour.Fixture.at;

import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** static final constants of the same and of other classes, and static final tables read as data. */
class StaticConstantsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compileSources("p.Physics",
        Compiler.source("p.Units", """
            package p;

            public final class Units {
              public static final double G = 9.80665;
              public static final int SAMPLES = 4;
              public static final double HALF_G = G / 2;
              public static final double[] WEIGHTS = {0.1, 0.2, 0.3, 0.4};
              static final long SCALE = 1000L;

              private Units() {}
            }
            """),
        Compiler.source("p.Physics", """
            package p;

            import dev.adjoint.Differentiable;

            public class Physics {
              static final double DRAG = 0.47;
              static final int STEPS = 3;
              static final boolean CLAMP = true;
              static final double TWO_PI = 2 * Math.PI;
              static final double[] TABLE = {1.0, -0.5, 0.25, 2.0};
              static final double[][] GRID = {{1.0, 2.0}, {3.0, 4.0}};
              static final int[] ORDER = {3, 1, 0, 2};

              @Differentiable
              static double fall(double t, double v0) {
                return v0 * t - Units.HALF_G * t * t - DRAG * v0 * v0 * t / STEPS;
              }

              @Differentiable
              static double circle(double r) {
                double area = Math.PI * r * r;
                double perimeter = TWO_PI * r;
                double e = Math.E;
                return CLAMP ? area + perimeter * e : area;
              }

              @Differentiable
              static double polynomial(double x) {
                double s = TABLE[0] + TABLE[1] * x + TABLE[2] * x * x + TABLE[3] * x * x * x;
                double w = 0;
                for (int i = 0; i < Units.SAMPLES; i++) {
                  w += Units.WEIGHTS[ORDER[i]] * Math.pow(x, i);
                }
                return s * GRID[1][0] + w * GRID[0][1] + Units.SCALE * x / Units.G;
              }

              @Differentiable
              static double tableLength(double x) {
                return x * TABLE.length + x * GRID[0].length + Integer.MAX_VALUE / 1e9 * x + Double.MIN_VALUE;
              }
            }
            """));
  }

  @Test
  void constantsOfTheSameAndAnotherClass() {
    fx.check("fall", at(0.5, 3.0), at(1.5, -2.0), at(2.0, 10.0), at(0.1, 0.7));
    double t = 1.5;
    double v0 = -2.0;
    Object[] g = fx.gradient("fall", t, v0);
    assertClose(v0 - 9.80665 * t - 0.47 * v0 * v0 / 3, (Double) g[0], "d/dt");
    assertClose(t - 2 * 0.47 * v0 * t / 3, (Double) g[1], "d/dv0");
  }

  @Test
  void mathConstants() {
    fx.check("circle", at(0.5), at(1.0), at(2.5));
    assertClose(2 * Math.PI * 2.0 + 2 * Math.PI * Math.E, fx.partial("circle", 0, 2.0), "d/dr");
  }

  @Test
  void staticFinalTablesAreData() {
    fx.check("polynomial", at(0.5), at(-1.2), at(2.0), at(0.9));
    double x = 0.5;
    double ds = -0.5 + 2 * 0.25 * x + 3 * 2.0 * x * x;
    // weights in ORDER: 0.4, 0.2, 0.1, 0.3 for powers 0..3
    double dw = 0.2 + 2 * 0.1 * x + 3 * 0.3 * x * x;
    assertClose(ds * 3.0 + dw * 2.0 + 1000 / 9.80665, fx.partial("polynomial", 0, x), "d/dx");
  }

  @Test
  void lengthsOfStaticTablesAndJdkConstants() {
    fx.check("tableLength", at(0.5), at(-3.0), at(7.0));
    assertClose(4 + 2 + Integer.MAX_VALUE / 1e9, fx.partial("tableLength", 0, 1.0), "d/dx");
  }
}
