package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.spi.Snapshots;
import dev.adjoint.spi.Tape;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @Checkpointed} loops give the gradients of the same loops unmarked (the same operations,
 * recomputed: identical to the last bit or within 1e-12), agree with finite differences in both
 * modes, and leave the tape empty; misplaced markers are errors at the marker.
 */
class CheckpointedLoopsTest {
  private static Fixture fx;

  /** Each method twice: {@code plainX} as written, {@code markedX} with the marker (and its options). */
  private static final String PAIRS = """
        static double force(double theta, double length) {
          return 9.81 / length * Math.sin(theta);
        }

        @Differentiable
        static double plainPendulum(double theta0, double omega0, double damping, double length, int steps) {
          double theta = theta0;
          double omega = omega0;
          double dt = 1e-3;
          for (int step = 0; step < steps; step++) {
            omega = omega - dt * (force(theta, length) + damping * omega);
            theta = theta + dt * omega;
          }
          return theta * theta + 0.5 * omega * omega;
        }

        @Differentiable
        static double markedPendulum(double theta0, double omega0, double damping, double length, int steps) {
          double theta = theta0;
          double omega = omega0;
          double dt = 1e-3;
          for (@Checkpointed int step = 0; step < steps; step++) {
            omega = omega - dt * (force(theta, length) + damping * omega);
            theta = theta + dt * omega;
          }
          return theta * theta + 0.5 * omega * omega;
        }

        @Differentiable
        static double markedPendulum3(double theta0, double omega0, double damping, double length, int steps) {
          double theta = theta0;
          double omega = omega0;
          double dt = 1e-3;
          for (@Checkpointed(snapshots = 3) int step = 0; step < steps; step++) {
            omega = omega - dt * (force(theta, length) + damping * omega);
            theta = theta + dt * omega;
          }
          return theta * theta + 0.5 * omega * omega;
        }

        @Differentiable
        static double plainHeat(double[] u, double kappa, int steps) {
          double[] next = new double[u.length];
          double energy = 0;
          for (int step = 0; step < steps; step++) {
            for (int i = 1; i + 1 < u.length; i++) {
              next[i] = u[i] + kappa * (u[i - 1] - 2 * u[i] + u[i + 1]) + 0.01 * Math.sin(u[i]);
            }
            for (int i = 1; i + 1 < u.length; i++) {
              u[i] = next[i];
            }
            energy = energy * 0.9 + u[1] * u[1];
          }
          return energy + u[u.length / 2];
        }

        @Differentiable
        static double markedHeat(double[] u, double kappa, int steps) {
          double[] next = new double[u.length];
          double energy = 0;
          for (@Checkpointed(snapshots = 4) int step = 0; step < steps; step++) {
            for (int i = 1; i + 1 < u.length; i++) {
              next[i] = u[i] + kappa * (u[i - 1] - 2 * u[i] + u[i + 1]) + 0.01 * Math.sin(u[i]);
            }
            for (int i = 1; i + 1 < u.length; i++) {
              u[i] = next[i];
            }
            energy = energy * 0.9 + u[1] * u[1];
          }
          return energy + u[u.length / 2];
        }

        @Differentiable
        static double plainUntil(double x, double limit, int steps) {
          double s = x;
          double sum = 0;
          for (int step = 0; step < steps; step++) {
            if (s > limit) {
              break;
            }
            s = s * 1.1 + Math.cos(s) * 0.1;
            sum += s * x;
          }
          return sum + s;
        }

        @Differentiable
        static double markedUntil(double x, double limit, int steps) {
          double s = x;
          double sum = 0;
          for (@Checkpointed(snapshots = 2) int step = 0; step < steps; step++) {
            if (s > limit) {
              break;
            }
            s = s * 1.1 + Math.cos(s) * 0.1;
            sum += s * x;
          }
          return sum + s;
        }

        @Differentiable
        static double plainBranches(double[] w, double x, int steps) {
          double s = x;
          for (int step = 0; step < steps; step++) {
            double t = 0;
            for (int j = 0; j < w.length; j++) {
              t = t + w[j] * Math.sin(s + j);
            }
            if (t > 0) {
              s = s - 0.1 * t * t;
            } else {
              s = s + 0.05 * Math.exp(t);
            }
          }
          double after = s * x;
          s = after * 2;
          return s;
        }

        @Differentiable
        static double markedBranches(double[] w, double x, int steps) {
          double s = x;
          for (@Checkpointed int step = 0; step < steps; step++) {
            double t = 0;
            for (int j = 0; j < w.length; j++) {
              t = t + w[j] * Math.sin(s + j);
            }
            if (t > 0) {
              s = s - 0.1 * t * t;
            } else {
              s = s + 0.05 * Math.exp(t);
            }
          }
          double after = s * x;
          s = after * 2;
          return s;
        }

        @Differentiable
        static double spring(double x, double[] k) {
          return -k[0] * x - k[1] * x * x * x;
        }

        @Differentiable
        static double plainCalls(double x0, double[] k, double limit, int steps) {
          double x = x0;
          double v = 0;
          for (int step = 0; step < steps; step++) {
            double a = spring(x, k);
            v = v + 0.01 * a;
            x = x + 0.01 * v;
            if (x * x > limit) {
              return x * v;
            }
          }
          return x + v * v;
        }

        @Differentiable
        static double markedCalls(double x0, double[] k, double limit, int steps) {
          double x = x0;
          double v = 0;
          for (@Checkpointed(snapshots = 5) int step = 0; step < steps; step++) {
            double a = spring(x, k);
            v = v + 0.01 * a;
            x = x + 0.01 * v;
            if (x * x > limit) {
              return x * v;
            }
          }
          return x + v * v;
        }
      """;

  @BeforeAll
  static void compile() {
    fx = Fixture.compileSources("p.Sim", Compiler.source("p.Sim", header("Sim") + PAIRS + "}\n"));
  }

  private static String header(String name) {
    return "package p;\n\nimport dev.adjoint.Checkpointed;\nimport dev.adjoint.Differentiable;\n\npublic class "
        + name + " {\n";
  }

  private static final int[] TRIPS = {0, 1, 2, 3, 5, 7, 13, 31, 97, 1009};

  /** Same gradient as the unmarked loop, within 1e-12 relative (in practice bit for bit). */
  private static void sameGradient(String name, Object... args) {
    Object[] plain = fx.gradient("plain" + name, copy(args));
    Object[] marked = fx.gradient("marked" + name, copy(args));
    assertTrue(Tape.lastPeakBytes() >= 0);
    for (int i = 0; i < plain.length; i++) {
      if (plain[i] instanceof Double p) {
        Fixture.assertClose(p, (Double) marked[i], name + " d/d arg " + i + " at " + Arrays.deepToString(args));
      } else if (plain[i] instanceof double[] p) {
        double[] m = (double[]) marked[i];
        for (int k = 0; k < p.length; k++) {
          Fixture.assertClose(p[k], m[k], name + " d/d arg " + i + "[" + k + "]");
        }
      }
    }
  }

  private static Object[] copy(Object[] args) {
    Object[] out = args.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof double[] a) {
        out[i] = a.clone();
      }
    }
    return out;
  }

  @Test
  void pendulumMatchesTheUnmarkedLoopForManyTripCounts() {
    for (int n : TRIPS) {
      sameGradient("Pendulum", 0.8, -0.3, 0.2, 1.5, n);
      Object[] plain = fx.gradient("plainPendulum", 0.8, -0.3, 0.2, 1.5, n);
      Object[] three = fx.gradient("markedPendulum3", 0.8, -0.3, 0.2, 1.5, n);
      for (int i = 0; i < 4; i++) {
        Fixture.assertClose((Double) plain[i], (Double) three[i], "3 snapshots, n=" + n + ", arg " + i);
      }
    }
  }

  @Test
  void aHundredThousandStepsMatchAndTapeOnlyOneStep() {
    int n = 100_000;
    Object[] plain = fx.gradient("plainPendulum", 0.8, -0.3, 0.2, 1.5, n);
    long plainTape = Tape.lastPeakBytes();
    Object[] marked = fx.gradient("markedPendulum", 0.8, -0.3, 0.2, 1.5, n);
    long markedTape = Tape.lastPeakBytes();
    for (int i = 0; i < 4; i++) {
      Fixture.assertClose((Double) plain[i], (Double) marked[i], "arg " + i);
    }
    // The unmarked tape grows with the steps; the marked one holds one step.
    assertTrue(plainTape > 16L * n, "plain tape " + plainTape);
    assertTrue(markedTape < 4096, "checkpointed tape " + markedTape);
    long snapshots = Snapshots.lastBytes();
    assertTrue(snapshots > 0 && snapshots < 1_000_000, "snapshot bytes " + snapshots);
  }

  @Test
  void bothModesAgreeWithFiniteDifferences() {
    fx.check("markedPendulum", at(0.8, -0.3, 0.2, 1.5, 0), at(0.8, -0.3, 0.2, 1.5, 1), at(0.3, 0.5, 0.1, 2.0, 37),
        at(1.2, 0.0, 0.4, 0.7, 200));
    fx.check("markedPendulum3", at(0.8, -0.3, 0.2, 1.5, 2), at(0.3, 0.5, 0.1, 2.0, 61));
    fx.check("markedHeat", at(new double[] {0, 1, 0.5, -0.2, 0.3, 0}, 0.2, 0),
        at(new double[] {0, 1, 0.5, -0.2, 0.3, 0}, 0.2, 17), at(new double[] {0.1, 0.4, 2, 0}, 0.1, 5));
    fx.check("markedUntil", at(0.5, 3.0, 0), at(0.5, 3.0, 1), at(0.5, 3.0, 40), at(0.5, 100.0, 23));
    fx.check("markedBranches", at(new double[] {0.3, -0.5, 0.2}, 0.4, 11), at(new double[] {1.0}, -0.2, 3),
        at(new double[] {}, 0.1, 2));
  }

  @Test
  void loopCarriedArraysMatch() {
    double[] u = {0, 1, 0.5, -0.2, 0.3, 0.8, -1, 0};
    for (int n : TRIPS) {
      sameGradient("Heat", u, 0.2, Math.min(n, 200));
    }
  }

  @Test
  void breakInsideTheLoopMatches() {
    for (int n : TRIPS) {
      sameGradient("Until", 0.5, 3.0, n); // breaks after a few dozen steps
      sameGradient("Until", 0.5, 1e300, n); // never breaks
    }
  }

  @Test
  void nestedLoopsAndBranchesInsideTheBodyMatch() {
    for (int n : TRIPS) {
      sameGradient("Branches", new double[] {0.3, -0.5, 0.2}, 0.4, n);
    }
  }

  @Test
  void callsOfDifferentiableMethodsAndReturnsInsideTheBodyMatch() {
    for (int n : TRIPS) {
      sameGradient("Calls", 1.5, new double[] {2.0, 0.3}, 100.0, n); // never returns early
      sameGradient("Calls", 1.5, new double[] {-2.0, 0.3}, 4.0, n); // returns once x grows past 2
    }
    fx.check("markedCalls", at(1.5, new double[] {2.0, 0.3}, 100.0, 40), at(1.5, new double[] {-2.0, 0.3}, 4.0, 300));
  }

  @Test
  void forwardModeIsUnchanged() {
    Object plain = fx.tangent("plainPendulum", at(0.8, -0.3, 0.2, 1.5, 97), at(1.0, 0.5, -0.25, 2.0, null));
    Object marked = fx.tangent("markedPendulum", at(0.8, -0.3, 0.2, 1.5, 97), at(1.0, 0.5, -0.25, 2.0, null));
    assertEquals(plain, marked);
  }

  @Test
  void theGeneratedCodeFollowsTheSchedule() {
    String code = fx.generated();
    assertTrue(code.contains("Revolve schedule = Revolve.of(trips, 3, snapshots"), code);
    assertTrue(code.contains("// turn: the next iteration to reverse, recorded, then its adjoint"));
  }

  // ---- errors --------------------------------------------------------------------------------

  private static List<String> errors(String body) {
    Compilation c = Compiler.compile(Compiler.source("p.Bad", header("Bad") + body + "}\n"));
    return Compiler.errors(c);
  }

  private static void assertError(String body, int line, String text) {
    List<String> errors = errors(body);
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(line + ": "), errors.toString());
    assertTrue(errors.get(0).contains(text), errors.toString());
  }

  @Test
  void aMarkerOnAnotherVariableIsAnError() {
    assertError("""
          @Differentiable
          static double f(double x) {
            @Checkpointed double y = x * 2;
            return y;
          }
        """, 9, "@Checkpointed is on local variable y, which is not the variable of a for loop");
    assertError("""
          @Differentiable
          static double f(double[] xs) {
            double s = 0;
            for (@Checkpointed double x : xs) {
              s = s * x;
            }
            return s;
          }
        """, 10, "@Checkpointed is on the variable of a for-each loop");
  }

  @Test
  void aMarkedLoopInsideALoopIsAnError() {
    assertError("""
          @Differentiable
          static double f(double x, int n) {
            for (@Checkpointed int i = 0; i < n; i++) {
              for (@Checkpointed int j = 0; j < n; j++) {
                x = Math.sin(x);
              }
            }
            return x;
          }
        """, 10, "@Checkpointed is on a loop inside another loop");
  }

  @Test
  void whatASnapshotCannotHoldIsAnError() {
    assertError("""
          @Differentiable
          static double f(double[] a, double[] b, int n) {
            for (@Checkpointed int i = 0; i < n; i++) {
              double[] t = a;
              a = b;
              b = t;
              a[0] = a[0] * b[0];
            }
            return a[0];
          }
        """, 9, "assigns the array variable a, declared before it");
    assertError("""
          @Differentiable
          static double f(double x, java.util.Random random, int n) {
            for (@Checkpointed int i = 0; i < n; i++) {
              x = x * random.nextDouble();
            }
            return x;
          }
        """, 9, "calls nextDouble on an object");
  }
}
