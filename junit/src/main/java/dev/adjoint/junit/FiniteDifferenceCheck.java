package dev.adjoint.junit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reverse mode against central finite differences, entry by entry: for a method returning
 * {@code double} its gradient, for one returning {@code double[]} the pullback of random weights
 * {@code w}, compared with the central difference of {@code w . f}.
 */
final class FiniteDifferenceCheck {
  private static final int REPORTED = 10;

  private FiniteDifferenceCheck() {}

  static void run(Evaluation eval, Settings settings) {
    Random random = new Random(settings.seed());
    Object weights = eval.returnsScalar() ? (Object) 1.0 : eval.randomResultWeights(random);
    Object[] reverse = eval.method().pullback(eval.arguments(), weights);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (int p : eval.differentiableParameters()) {
      Object[] at = eval.arguments();
      for (Entries.Entry e : Entries.of(at[p])) {
        compared++;
        double byReverse = Entries.get(reverse[p], e);
        double byDifferences = centralDifference(eval, p, e, weights, settings.step());
        if (!settings.finiteDifferences().accepts(byReverse, byDifferences)) {
          mismatches.add(eval.entryName(p, e) + ": reverse mode " + byReverse + ", finite differences " + byDifferences
              + " (difference " + Math.abs(byReverse - byDifferences) + ")");
        }
      }
    }
    if (!mismatches.isEmpty()) {
      fail(message(eval, settings, compared, mismatches));
    }
  }

  /** (w . f(x + h) - w . f(x - h)) / ((x + h) - (x - h)), on fresh copies of the point. */
  private static double centralDifference(Evaluation eval, int p, Entries.Entry e, Object weights, double step) {
    Object[] plus = eval.arguments();
    Object[] minus = eval.arguments();
    double x = Entries.get(plus[p], e);
    double h = step * Math.max(1.0, Math.abs(x));
    double up = x + h;
    double down = x - h;
    plus[p] = Entries.with(plus[p], e, up);
    minus[p] = Entries.with(minus[p], e, down);
    return (eval.weightedValue(plus, weights) - eval.weightedValue(minus, weights)) / (up - down);
  }

  private static String message(Evaluation eval, Settings settings, int compared,
      List<String> mismatches) {
    String what = eval.returnsScalar() ? "the gradient"
        : "the pullback of random result weights w (seed " + settings.seed() + "), against the differences of w . "
            + eval.method().name();
    StringBuilder text = new StringBuilder(eval.describe() + ": reverse mode (" + what + ") disagrees with central"
        + " finite differences in " + mismatches.size() + " of " + compared + " entries (tolerance "
        + settings.finiteDifferences() + ", step " + settings.step() + " x max(1, |x|)):");
    mismatches.stream().limit(REPORTED).forEach(m -> text.append("\n  ").append(m));
    if (mismatches.size() > REPORTED) {
      text.append("\n  ... and ").append(mismatches.size() - REPORTED).append(" more");
    }
    return text.toString();
  }
}
