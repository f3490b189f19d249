package dev.adjoint.processor.fuzz;

import dev.adjoint.DifferentiableMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * The triage table of a failing method: every entry of its Jacobian at the failing point by
 * reverse mode (one pullback per output), forward mode (one tangent per input) and central
 * differences over a ladder of steps, 1e-1 down to 1e-8.
 *
 * <p>The ladder tells the floating-point failures from the processor's at a glance. Differences
 * that settle on one value over several steps while both modes agree on another point at a wrong
 * derivative. Differences that are exactly 0 at every small step while both modes give a number,
 * or that jump between steps, point at rounding: an output that a huge intermediate absorbs
 * ({@code (x - big) + big}), or a {@code sin} of an argument so large that its period is far below
 * the step. One mode off by a round binary number while the other matches the differences points at
 * cancellation between large adjoint or tangent terms.
 */
final class JacobianTable {
  private static final double[] STEPS = {1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8};

  private JacobianTable() {}

  /** The table's lines, leaving out entries that are 0 in both modes and at every step. */
  static List<String> of(DifferentiableMethod dm, Object[] args) {
    List<String> lines = new ArrayList<>();
    double[] value = FuzzRunner.outputs(dm.invoke(FuzzRunner.copy(args)));
    for (int p = 0; p < args.length; p++) {
      if (!dm.isDifferentiable(p)) {
        continue;
      }
      int n = args[p] instanceof double[] a ? a.length : 1;
      for (int k = 0; k < n; k++) {
        double[] tangent = FuzzRunner.outputs(dm.tangent(FuzzRunner.copy(args), FuzzRunner.unitDirection(args, p, k)));
        double[][] differences = new double[STEPS.length][];
        for (int s = 0; s < STEPS.length; s++) {
          differences[s] = difference(dm, args, p, k, STEPS[s]);
        }
        for (int i = 0; i < value.length; i++) {
          Object resultBar = dm.returnType() == double.class ? (Object) 1.0 : unit(value.length, i);
          double reverse = FuzzRunner.get(dm.pullback(FuzzRunner.copy(args), resultBar)[p], k);
          boolean allZero = reverse == 0 && tangent[i] == 0;
          StringBuilder ladder = new StringBuilder();
          for (double[] d : differences) {
            allZero &= d[i] == 0;
            ladder.append(String.format(" %.10g", d[i]));
          }
          if (!allZero) {
            lines.add(String.format("d out[%d] / d %s%s: reverse %.17g, forward %.17g; differences at 1e-1 .. 1e-8:%s", i,
                dm.parameterNames().get(p), args[p] instanceof double[] ? "[" + k + "]" : "", reverse, tangent[i], ladder));
          }
        }
      }
    }
    return lines;
  }

  private static double[] difference(DifferentiableMethod dm, Object[] args, int p, int k, double h) {
    Object[] plus = FuzzRunner.copy(args);
    Object[] minus = FuzzRunner.copy(args);
    double x = FuzzRunner.get(args[p], k);
    FuzzRunner.set(plus, p, k, x + h);
    FuzzRunner.set(minus, p, k, x - h);
    double[] a = FuzzRunner.outputs(dm.invoke(plus));
    double[] b = FuzzRunner.outputs(dm.invoke(minus));
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (a[i] - b[i]) / (2 * h);
    }
    return d;
  }

  private static double[] unit(int n, int i) {
    double[] u = new double[n];
    u[i] = 1.0;
    return u;
  }
}
