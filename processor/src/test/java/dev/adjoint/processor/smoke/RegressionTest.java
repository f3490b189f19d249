package dev.adjoint.processor.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.adjoint.Derivatives;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.DerivativeCheck;
import org.junit.jupiter.api.Test;

/** Bugs found by the test corpus, each kept as a test. */
class RegressionTest {
  private static final String SOURCE = """
      package p;

      import dev.adjoint.Differentiable;

      public class R {
        @Differentiable
        static double reassignedResult(double x) {
          double s = x;
          s *= x;
          return s;
        }

        @Differentiable
        static double loopResult(double x, int n) {
          double s = 1;
          for (int i = 0; i < n; i++) {
            s = s * x;
          }
          return s;
        }

        @Differentiable
        static double reassignedArrayParameter(double[] v, double x) {
          v = new double[] {x, v[0]};
          return v[0] * v[1];
        }

        @Differentiable
        static double[] vectorReturnInBranch(double x, int n) {
          if (n == 0) {
            return new double[] {x};
          }
          return new double[] {x * x};
        }

        @Differentiable
        static double loopInsideIf(double x1) {
          if (x1 > -100) {
            for (int i4 = 0; i4 < 2; i4++) {
              x1 -= 1.0;
            }
          }
          return Math.cos(x1);
        }

        @Differentiable
        static double choiceInLoop(double x0) {
          for (int i0 = 0; i0 < 3; i0++) {
            x0 = x0 * (x0 > 5 ? 0.1 * x0 : 0.9);
          }
          return StrictMath.cos(x0);
        }

        @Differentiable
        static double writesArgument(double[] a0, double x0) {
          a0[0] -= x0;
          for (int i0 = 0; i0 < 3; i0++) {
            a0[0] *= 1.1;
          }
          return 1.0;
        }

        @Differentiable
        static double callsWriterInLoop(double x1, double[] a0) {
          for (int k = 0; k < 3; k++) {
            double t = writesArgument(a0, x1);
            x1 *= a0[a0.length - 1] + t;
          }
          return x1;
        }

        @Differentiable
        static double deadSingularity(double x0, int n) {
          for (int i = 0; i < 2; i++) {
            double unused = Math.cbrt(n * x0);
          }
          return x0 + Math.cbrt(Math.floor(x0));
        }

        @Differentiable
        static double rewrittenIndices(double[] a, int[] idx) {
          double s = 0;
          for (int k = 0; k < idx.length; k++) {
            s += a[idx[k]] * a[idx[k]];
            idx[k] = (idx[k] + 1) % a.length;
          }
          return s;
        }

        @Differentiable
        static double[] identity(double x0, double[] a0) {
          for (int i0 = 0; i0 < a0.length; i0++) {
            a0[i0] += 0.0 * x0;
          }
          return a0;
        }

        @Differentiable
        static double writesThroughReturnedAlias(double[] a0) {
          for (int i0 = 0; i0 < 3; i0++) {
            double[] v2 = identity(1.0, a0);
            v2[0] += v2[1] * v2[1];
          }
          return a0[0];
        }

        @Differentiable
        static double unusedArrayArgument(double[] a0, double x0) {
          double t0 = x0;
          for (int i1 = 0; i1 < 3; i1++) {
            t0 -= 1.0;
            double t3 = first(x0, a0);
          }
          return t0 * t0;
        }

        @Differentiable
        static double first(double x0, double[] a0) {
          return x0;
        }

        @Differentiable
        static double straightLine(double x) {
          double t = x;
          t = t * t;
          t = Math.sin(t);
          return t;
        }
      }
      """;

  @Test
  void correctedCases() {
    Compiler.Loaded loaded = Compiler.compileClean(Compiler.source("p.R", SOURCE));
    Class<?> owner = loaded.load("p.R");
    Class<?> companion = loaded.load("p.RDerivatives");
    new DerivativeCheck(Derivatives.of(owner, "reassignedResult"), companion, 1).at(1.5);
    new DerivativeCheck(Derivatives.of(owner, "loopResult"), companion, 2).at(1.5, 3);
    new DerivativeCheck(Derivatives.of(owner, "reassignedArrayParameter"), companion, 3).at(new double[] {2.0}, 0.5);
    new DerivativeCheck(Derivatives.of(owner, "vectorReturnInBranch"), companion, 4).at(1.5, 0);
    new DerivativeCheck(Derivatives.of(owner, "vectorReturnInBranch"), companion, 4).at(1.5, 1);
    new DerivativeCheck(Derivatives.of(owner, "straightLine"), companion, 5).at(0.7);
    new DerivativeCheck(Derivatives.of(owner, "loopInsideIf"), companion, 6).at(0.7);
    new DerivativeCheck(Derivatives.of(owner, "writesThroughReturnedAlias"), companion, 11)
        .at(new double[] {-1.4, 1.4, 0.8});
    new DerivativeCheck(Derivatives.of(owner, "unusedArrayArgument"), companion, 12).at(new double[] {0.5}, 2.5);
    new DerivativeCheck(Derivatives.of(owner, "rewrittenIndices"), companion, 10)
        .at(new double[] {0.5, -1.5, 2.0}, new int[] {0, 2, 2, 1});
    new DerivativeCheck(Derivatives.of(owner, "choiceInLoop"), companion, 7).at(0.43);
    new DerivativeCheck(Derivatives.of(owner, "choiceInLoop"), companion, 7).at(5.5);
    new DerivativeCheck(Derivatives.of(owner, "callsWriterInLoop"), companion, 8).at(0.3, new double[] {0.5, -0.2});
    new DerivativeCheck(Derivatives.of(owner, "deadSingularity"), companion, 9).at(0.4, 0);
    assertEquals(1.0, (Double) Derivatives.of(owner, "deadSingularity").gradient(0.4, 0)[0]);
    assertEquals(3.375, (Double) Derivatives.of(owner, "loopResult").invoke(1.5, 3));
    String generated = loaded.source("p.RDerivatives");
    String straight = generated.substring(generated.indexOf("straightLineGradient("));
    straight = straight.substring(0, straight.indexOf("\n  }\n"));
    assertFalse(straight.contains("Tape"), "straight-line code needs no tape:\n" + straight);
  }
}
