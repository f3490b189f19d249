package dev.adjoint.junit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Forward mode against reverse mode by the dot-product test: for random directions {@code v} and
 * result weights {@code w}, {@code <J v, w>} from one tangent must equal {@code <v, J^T w>} from one
 * pullback. When they differ, each entry is compared on its own (the tangent along that entry's unit
 * direction against the pullback's entry), so that the message can name where they disagree.
 */
final class DotProductCheck {
  private static final int REPORTED = 10;

  private DotProductCheck() {}

  static void run(Evaluation eval, Settings settings) {
    Random random = new Random(settings.seed());
    Object[] args = eval.arguments();
    Object[] directions = new Object[args.length];
    for (int p : eval.differentiableParameters()) {
      directions[p] = Evaluation.randomLike(args[p], random);
    }
    Object weights = eval.randomResultWeights(random);
    double[] forward = Entries.dot(eval.method().tangent(eval.arguments(), directions), weights);
    Object[] reverse = eval.method().pullback(eval.arguments(), weights);
    double reverseSum = 0;
    double reverseMagnitude = 0;
    for (int p : eval.differentiableParameters()) {
      double[] term = Entries.dot(directions[p], reverse[p]);
      reverseSum += term[0];
      reverseMagnitude += term[1];
    }
    double scale = Math.max(forward[1], reverseMagnitude);
    if (settings.forwardReverse().accepts(forward[0], reverseSum, scale)) {
      return;
    }
    fail(eval.describe() + ": forward and reverse mode disagree: <J v, w> = " + forward[0] + " by forward mode"
        + " (tangent) but <v, J^T w> = " + reverseSum + " by reverse mode (pullback), for random directions v and"
        + " result weights w (seed " + settings.seed() + "); difference " + Math.abs(forward[0] - reverseSum)
        + ", tolerance " + settings.forwardReverse() + " of the terms' magnitude " + scale + localise(eval, settings,
            weights, reverse));
  }

  /** Entry by entry: the tangent along the unit direction of each entry, weighted, against the pullback. */
  private static String localise(Evaluation eval, Settings settings, Object weights, Object[] reverse) {
    List<String> mismatches = new ArrayList<>();
    for (int p : eval.differentiableParameters()) {
      Object[] args = eval.arguments();
      Object[] zero = new Object[args.length];
      for (int q : eval.differentiableParameters()) {
        zero[q] = zeroLike(args[q]);
      }
      for (Entries.Entry e : Entries.of(args[p])) {
        Object[] unit = Point.copy(zero);
        unit[p] = Entries.with(unit[p], e, 1.0);
        double byForward = Entries.dot(eval.method().tangent(eval.arguments(), unit), weights)[0];
        double byReverse = Entries.get(reverse[p], e);
        if (!settings.forwardReverse().accepts(byForward, byReverse)) {
          mismatches.add(eval.entryName(p, e) + ": forward mode " + byForward + ", reverse mode " + byReverse);
        }
      }
    }
    if (mismatches.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(". Entry by entry (w . tangent along the entry against the pullback):");
    mismatches.stream().limit(REPORTED).forEach(m -> text.append("\n  ").append(m));
    if (mismatches.size() > REPORTED) {
      text.append("\n  ... and ").append(mismatches.size() - REPORTED).append(" more");
    }
    return text.toString();
  }

  private static Object zeroLike(Object like) {
    if (like instanceof Double) {
      return 0.0;
    }
    if (like instanceof double[] a) {
      return new double[a.length];
    }
    double[][] m = (double[][]) like;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
    }
    return out;
  }
}
