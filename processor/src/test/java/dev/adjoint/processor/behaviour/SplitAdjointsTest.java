package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.matrix;
import static dev.adjoint.processor.behaviour.Fixture.uniform;
import static dev.adjoint.processor.behaviour.Fixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Callees that stay calls get their adjoint in two parts: a forward part that the caller's forward
 * sweep calls for the value, which records on the caller's tape what the reverse part reads, and a
 * reverse part that runs only the reverse sweep. Where recording a reference would not be safe, the
 * parts run the callee's body and its adjoint in one piece, and the derivatives are right either way.
 * Every method is checked in both modes against central differences, and to second order (whose
 * gradient must equal the gradient to the bit).
 */
class SplitAdjointsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Split", """
          // ---- split: local arrays recorded by reference (GMM's scaled distance) ----

          @Differentiable
          static double scaledDistance(double[] q, @NoDerivative double[] point, double[] mean) {
            int d = q.length;
            double[] centred = new double[d];
            double[] product = new double[d];
            for (int i = 0; i < d; i++) {
              centred[i] = point[i] - mean[i];
              product[i] = Math.exp(q[i]) * centred[i];
            }
            for (int i = 1; i < d; i++) {
              product[i] += q[i - 1] * centred[i - 1];
            }
            double s = 0.0;
            for (double p : product) {
              s += p * p;
            }
            return s;
          }

          @Differentiable
          static double mixture(double[][] qs, @NoDerivative double[][] points, double[][] means) {
            double total = 0.0;
            for (int n = 0; n < points.length; n++) {
              for (int k = 0; k < qs.length; k++) {
                total += Math.log(1.0 + scaledDistance(qs[k], points[n], means[k]));
              }
            }
            return total;
          }

          // ---- split: the callee's own branch decisions go on the caller's tape ----

          @Differentiable
          static double softMax(double[] v) {
            double max = v[0];
            for (int i = 1; i < v.length; i++) {
              if (max < v[i]) {
                max = v[i];
              }
            }
            double sum = 0.0;
            for (int i = 0; i < v.length; i++) {
              sum += Math.exp(v[i] - max);
            }
            return Math.log(sum) + max;
          }

          @Differentiable
          static double softMaxes(double[][] rows, double w) {
            double t = 0.0;
            for (int r = 0; r < rows.length; r++) {
              double[] scaled = new double[rows[r].length];
              for (int j = 0; j < scaled.length; j++) {
                scaled[j] = w * rows[r][j];
              }
              t += softMax(scaled) * (r + 1);
              scaled[0] = 0.0;
            }
            return t;
          }

          // ---- split: an inlined helper's parameters are the callee's again in the reverse part ----

          static double arrMax(int n, double[] x) {
            double m = x[0];
            for (int i = 1; i < n; i++) {
              m = Math.max(m, x[i]);
            }
            return m;
          }

          @Differentiable
          static double logsumexp(int n, double[] x) {
            double mx = arrMax(n, x);
            double semx = 0.0;
            for (int i = 0; i < n; i++) {
              semx = semx + Math.exp(x[i] - mx);
            }
            return Math.log(semx) + mx;
          }

          @Differentiable
          static double logsumexps(double[][] rows) {
            double t = 0.0;
            for (int r = 0; r < rows.length; r++) {
              t += (r + 1) * logsumexp(rows[r].length, rows[r]);
            }
            return t;
          }

          // ---- split: numbers, a flag and a count read by the reverse sweep ----

          @Differentiable
          static double clipped(double[] x, double limit) {
            int n = x.length;
            double s = 0.0;
            for (int i = 0; i < n; i++) {
              s += x[i] * x[i];
            }
            boolean over = s > limit;
            double scale = over ? limit / s : 1.0;
            double out = 0.0;
            for (int i = 0; i < n; i++) {
              out += scale * x[i] * i;
            }
            return out + (over ? 1.0 : 0.0) * s;
          }

          @Differentiable
          static double clippedSum(double[] x, double limit) {
            double t = 0.0;
            for (int k = 1; k <= 3; k++) {
              t += clipped(x, limit * k) * clipped(x, limit / k);
            }
            return t;
          }

          // ---- not split: the reverse sweep reads a row of an argument ----

          @Differentiable
          static double firstRowDot(double[][] m, double[] v) {
            double[] row = m[0];
            double s = 0.0;
            for (int i = 0; i < v.length; i++) {
              s += row[i] * row[i] * v[i];
            }
            return s;
          }

          @Differentiable
          static double rowChanges(double[] a, double[] v) {
            double[][] w = {a.clone(), a.clone()};
            double t = 0.0;
            for (int k = 0; k < 3; k++) {
              t += firstRowDot(w, v);
              w[0][0] = w[0][0] * 0.5 + v[0];
            }
            return t;
          }

          // ---- not split: the reverse sweep reads a row of a constant argument the caller changes ----

          @Differentiable
          static double constantRowDot(@NoDerivative double[][] m, double[] v) {
            double[] row = m[0];
            double s = 0.0;
            for (int i = 0; i < v.length; i++) {
              s += row[i] * v[i] * v[i];
            }
            return s;
          }

          @Differentiable
          static double constantRowChanges(@NoDerivative double[] c, double[] v) {
            double[][] w = {c.clone(), c.clone()};
            double t = 0.0;
            for (int k = 0; k < 3; k++) {
              t += constantRowDot(w, v);
              w[0][0] = w[0][0] * 0.5 + 1.0;
            }
            return t;
          }

          // ---- a vector callee: the caller writes into the array it returns ----

          @Differentiable
          static double[] normalised(double[] x) {
            int n = x.length;
            double[] out = new double[n];
            double s = 0.0;
            for (int i = 0; i < n; i++) {
              out[i] = Math.exp(x[i]);
            }
            for (int i = 0; i < n; i++) {
              s += out[i];
            }
            for (int i = 0; i < n; i++) {
              out[i] = out[i] / s;
            }
            return out;
          }

          @Differentiable
          static double normalisedUse(double[][] rows) {
            double t = 0.0;
            for (int r = 0; r < rows.length; r++) {
              double[] p = normalised(rows[r]);
              t += p[0] * (r + 1) + p[p.length - 1] * p[0];
              p[0] = 100.0;
              t += p[1] * p[0];
            }
            return t;
          }

          // ---- a vector callee that records, called where the caller saves the old shadow ----

          @Differentiable
          static double[] clippedCopy(double[] x) {
            double[] out = new double[x.length];
            double[] squares = new double[x.length];
            double acc = 0.0;
            for (int i = 0; i < x.length; i++) {
              squares[i] = x[i] * x[i];
            }
            for (int i = 0; i < x.length; i++) {
              acc += x[i];
              if (acc > 0.3) {
                out[i] = squares[i] * Math.sin(x[i]);
              } else {
                out[i] = 0.5 * x[i];
              }
            }
            return out;
          }

          @Differentiable
          static double clippedCopies(double[] x, double c) {
            double t = c;
            for (int k = 0; k < 3; k++) {
              double[] v = clippedCopy(x);
              t += v[k % v.length] * t + v[0];
            }
            return t;
          }

          // ---- not split: the forward sweep assigns a parameter ----

          @Differentiable
          static double halving(double[] x, double h) {
            double s = 0.0;
            for (int i = 0; i < x.length; i++) {
              h = h * 0.5;
              s += h * x[i] * x[i];
            }
            return s;
          }

          @Differentiable
          static double halvings(double[] x, double h) {
            double t = 0.0;
            for (int k = 0; k < 2; k++) {
              t += Math.sin(halving(x, h + k));
            }
            return t;
          }

          // ---- not split: a call inside a checkpointed loop ----

          @Differentiable
          static double checkpointedCalls(double[] x, double c) {
            double t = c;
            for (@dev.adjoint.Checkpointed(snapshots = 2) int k = 0; k < 6; k++) {
              t = 0.5 * t + Math.sin(halving(x, t));
            }
            return t;
          }

          // ---- a pullback calls split parts too ----

          @Differentiable
          static double[] distances(double[][] qs, @NoDerivative double[][] points, double[][] means) {
            double[] out = new double[points.length];
            for (int n = 0; n < points.length; n++) {
              for (int k = 0; k < qs.length; k++) {
                out[n] += scaledDistance(qs[k], points[n], means[k]);
              }
            }
            return out;
          }
        """);
  }

  /** The text of a private generated method, from its signature to its end. */
  private static String privateMethod(String name) {
    String text = fx.generated();
    Matcher m = Pattern.compile("private static [\\w.\\[\\]]+ " + name + "\\(").matcher(text);
    assertTrue(m.find(), "no method " + name + " in\n" + text);
    return text.substring(m.start(), text.indexOf("\n  }\n", m.start()));
  }

  @Test
  void theCallerRecordsTheCalleesArraysOnceAndItsReverseSweepDoesNotRecomputeThem() {
    String caller = fx.generatedMethod("mixtureGradient");
    assertTrue(caller.contains("scaledDistanceAdjointWrtQMeanForward("), caller);
    assertTrue(caller.contains("scaledDistanceAdjointWrtQMeanReverse("), caller);
    assertFalse(caller.contains("Split.scaledDistance("), caller);
    String forward = privateMethod("scaledDistanceAdjointWrtQMeanForward");
    assertTrue(forward.contains("tape.pushDoubleArray(centred)"), forward);
    // The shadows are made by the reverse part, not kept alive from the forward part.
    assertFalse(forward.contains("Bar"), forward);
    String reverse = privateMethod("scaledDistanceAdjointWrtQMeanReverse");
    assertTrue(reverse.contains("double[] centred = tape.popDoubleArray()"), reverse);
    assertFalse(reverse.lines().anyMatch(line -> !line.trim().startsWith("//") && line.contains("point[")), reverse);
    Random r = new Random(11);
    for (int n : new int[] {1, 3}) {
      fx.check("mixture", at(matrix(r, 2, 4, -0.5, 0.5), matrix(r, n, 4, -1, 1), matrix(r, 2, 4, -1, 1)));
    }
    fx.check("scaledDistance", at(vector(r, 3, -0.5, 0.5), vector(r, 3, -1, 1), vector(r, 3, -1, 1)));
  }

  @Test
  void theCalleesBranchDecisionsShareTheCallersTape() {
    String forward = privateMethod("softMaxAdjointWrtVForward");
    assertTrue(forward.contains("tape.pushBoolean("), forward);
    assertFalse(forward.contains("Tape.open()"), forward);
    String reverse = privateMethod("softMaxAdjointWrtVReverse");
    assertTrue(reverse.contains("tape.popBoolean()"), reverse);
    Random r = new Random(12);
    for (int rows : new int[] {1, 4}) {
      // Rows with ties and with maxima in different places: the decisions must come back in order.
      double[][] m = matrix(r, rows, 5, -2, 2);
      if (rows > 1) {
        m[1][3] = m[1][0] + 1.0;
      }
      fx.check("softMaxes", at(m, uniform(r, 0.5, 1.5)));
    }
  }

  @Test
  void anInlinedHelpersParametersAreDeclaredAgainNotRecorded() {
    Random r = new Random(18);
    fx.check("logsumexps", at((Object) matrix(r, 3, 4, -2, 2)));
    String reverse = privateMethod("logsumexpAdjointWrtXReverse");
    assertFalse(reverse.contains("in one piece"), reverse);
    assertFalse(reverse.contains("popDoubleArray"), reverse);
    assertFalse(reverse.contains("popInt"), reverse);
  }

  @Test
  void numbersFlagsAndCountsAreRecordedByValue() {
    String forward = privateMethod("clippedAdjointWrtXLimitForward");
    assertTrue(forward.contains("tape.pushInt(n)") || forward.contains("tape.pushBoolean(over)"), forward);
    Random r = new Random(13);
    for (double limit : new double[] {0.3, 5.0}) {
      fx.check("clippedSum", at(vector(r, 4, -1, 1), limit));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"firstRowDot", "constantRowDot", "halving"})
  void wherePartsCannotBeSplitTheyRunTheAdjointInOnePiece(String callee) {
    String reverse = privateMethod(callee + "AdjointWrt\\w*Reverse");
    assertTrue(reverse.contains("in one piece"), reverse);
    assertFalse(reverse.contains("tape.pop"), reverse);
  }

  @Test
  void aRowOfAnArgumentThatTheCallerChangesLaterIsNotReadThroughARecordedReference() {
    Random r = new Random(14);
    for (int i = 0; i < 3; i++) {
      fx.check("constantRowChanges", at(vector(r, 3, -1, 1), vector(r, 3, -1, 1)));
      fx.check("rowChanges", at(vector(r, 3, -1, 1), vector(r, 3, -1, 1)));
    }
    String reverse = privateMethod("constantRowDotAdjointWrt\\w*Reverse");
    assertTrue(reverse.contains("which may be an argument's"), reverse);
    assertTrue(privateMethod("firstRowDotAdjointWrt\\w*Reverse").contains("reads the caller's adjoints"));
  }

  @Test
  void aVectorCalleeIsSplitAndTheArrayItReturnsIsTheCallersToChange() {
    Random r = new Random(19);
    for (int rows : new int[] {1, 3}) {
      fx.check("normalisedUse", at((Object) matrix(r, rows, 3, -1, 1)));
    }
    fx.check("normalised", at(vector(r, 4, -1, 1)));
    String gradient = fx.generatedMethod("normalisedUseGradient");
    assertTrue(gradient.contains("normalisedAdjointWrtXForward("), gradient);
    String reverse = privateMethod("normalisedAdjointWrtXReverse");
    assertFalse(reverse.contains("double[] out = tape.popDoubleArray()"), reverse);
  }

  @Test
  void whatTheCalleeRecordsLiesAboveTheCallersSavesOnTheTape() {
    // The caller saves v's old shadow at each call; the callee records its branch decisions.
    String gradient = fx.generatedMethod("clippedCopiesGradient");
    assertTrue(gradient.contains("clippedCopyAdjointWrtXForward("), gradient);
    String forward = privateMethod("clippedCopyAdjointWrtXForward");
    // Its own array goes on the tape's stack of references, where the caller saves the old shadow.
    assertTrue(forward.contains("tape.pushDoubleArray(squares)"), forward);
    Random r = new Random(20);
    for (int i = 0; i < 4; i++) {
      fx.check("clippedCopies", at(vector(r, 4, -1, 1), uniform(r, -1, 1)));
    }
  }

  @Test
  void aCalleeThatAssignsItsParameterIsRight() {
    assertTrue(privateMethod("halvingAdjointWrt\\w*Reverse").contains("assigns a parameter"));
    Random r = new Random(15);
    fx.check("halvings", at(vector(r, 4, -1, 1), uniform(r, 0.5, 2)));
  }

  @Test
  void callsInCheckpointedLoopsAreNotSplit() {
    String gradient = fx.generatedMethod("checkpointedCallsGradient");
    assertFalse(gradient.contains("Forward("), gradient);
    Random r = new Random(16);
    fx.check("checkpointedCalls", at(vector(r, 3, -1, 1), uniform(r, -1, 1)));
  }

  @Test
  void aPullbackCallsSplitPartsAndItsTapeIsEmptyAfterwards() {
    assertTrue(fx.generatedMethod("distancesPullback").contains("scaledDistanceAdjointWrtQMeanReverse("));
    Random r = new Random(17);
    fx.check("distances", at(matrix(r, 2, 3, -0.5, 0.5), matrix(r, 4, 3, -1, 1), matrix(r, 2, 3, -1, 1)));
    // A gradient whose reverse part popped less than its forward part pushed fails when it closes its tape.
    Object[] args = {matrix(r, 2, 3, -0.5, 0.5), matrix(r, 4, 3, -1, 1), matrix(r, 2, 3, -1, 1)};
    double value = (Double) fx.invoke("mixture", args);
    for (int i = 0; i < 3; i++) {
      assertEquals(value, (Double) Fixture.component(fx.callCompanion("mixtureGradient", args), "value"), 0.0);
    }
  }

  @Test
  void secondOrderGoesThroughTheAdjointInOnePieceAndAgreesToTheBit() {
    // The Hessian-vector method has no tangent of the parts: it calls the adjoint's tangent.
    String hv = fx.generatedMethod("mixtureHessianVector");
    assertFalse(hv.contains("Forward("), hv);
    assertTrue(hv.contains("scaledDistanceAdjointWrtQMeanTangent("), hv);
    String whole = privateMethod("scaledDistanceAdjointWrtQMean");
    assertFalse(whole.contains("run right after it"), whole);
  }
}
