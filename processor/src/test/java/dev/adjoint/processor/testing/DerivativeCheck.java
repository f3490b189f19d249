package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.DifferentiableMethod;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the generated derivatives of one method at one point: the value equals the original bit
 * for bit; the gradient (or pullback) matches central finite differences; forward and reverse mode
 * agree ({@code <J v, w> = <v, J^T w>} on random directions).
 */
public final class DerivativeCheck {
  /** Relative tolerance against finite differences (their own error is about 1e-8 for smooth code). */
  public static final double FD_TOLERANCE = 1e-5;
  /** Relative tolerance between forward and reverse mode, which compute the same sums in another order. */
  public static final double MODE_TOLERANCE = 1e-10;

  private final DifferentiableMethod method;
  private final Class<?> companion;
  private final Random random;

  public DerivativeCheck(DifferentiableMethod method, Class<?> companion, long seed) {
    this.method = method;
    this.companion = companion;
    this.random = new Random(seed);
  }

  /** Runs every check at {@code args}. */
  public void at(Object... args) {
    checkValue(args);
    checkPullbacks(args);
    checkFiniteDifferences(args);
    checkModesAgree(args);
    checkSecondOrder(args);
  }

  // ---- value ----------------------------------------------------------------------------------

  private void checkValue(Object[] args) {
    Object[] originalArgs = copy(args);
    Object original = method.invoke(originalArgs);
    Object[] reverseArgs = reverseArgs(copy(args));
    Object viaGradient = recordValue(reverseName(), reverseArgs);
    Object[] tangentArgs = copy(args);
    Object viaTangent = recordValue(method.name() + "Tangent", tangentArgs(tangentArgs, zeros(args)));
    assertSame(original, viaGradient, "value of the reverse-mode record");
    assertSame(original, viaTangent, "value of the tangent record");
    // Derivative methods leave argument arrays exactly as the original method leaves them.
    assertTrue(Arrays.deepEquals((Object[]) Flat.contents(originalArgs),
        (Object[]) Flat.contents(Arrays.copyOf(reverseArgs, args.length))), "arguments after reverse mode");
    assertTrue(Arrays.deepEquals((Object[]) Flat.contents(originalArgs), (Object[]) Flat.contents(tangentArgs)),
        "arguments after forward mode");
  }

  private String reverseName() {
    return method.name() + (vector() ? "Pullback" : "Gradient");
  }

  private boolean vector() {
    return method.returnType() != double.class;
  }

  private Object[] reverseArgs(Object[] args) {
    if (!vector()) {
      return args;
    }
    double[] value = (double[]) method.invoke(copy(args));
    Object[] withBar = Arrays.copyOf(args, args.length + 1);
    withBar[args.length] = new double[value.length];
    return withBar;
  }

  private Object[] tangentArgs(Object[] args, Object[] tangents) {
    java.util.List<Object> all = new java.util.ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      all.add(args[i]);
      if (method.isDifferentiable(i)) {
        all.add(tangents[i]);
      }
    }
    return all.toArray();
  }

  private Object recordValue(String name, Object[] args) {
    try {
      for (Method m : companion.getMethods()) {
        if (m.getName().equals(name)) {
          Object record = m.invoke(null, args);
          RecordComponent value = record.getClass().getRecordComponents()[0];
          return value.getAccessor().invoke(record);
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no method " + name + " in " + companion);
  }

  private static void assertSame(Object expected, Object actual, String what) {
    if (expected instanceof double[] e) {
      double[] a = (double[]) actual;
      assertEquals(e.length, a.length, what);
      for (int i = 0; i < e.length; i++) {
        assertEquals(Double.doubleToLongBits(e[i]), Double.doubleToLongBits(a[i]), what + " [" + i + "]: " + e[i] + " vs " + a[i]);
      }
    } else {
      assertEquals(Double.doubleToLongBits((Double) expected), Double.doubleToLongBits((Double) actual),
          what + ": " + expected + " vs " + actual);
    }
  }

  // ---- several pullbacks at once ----------------------------------------------------------

  /**
   * A vector f: {@code pullbacks} with several rows gives, row by row, exactly what {@code pullback}
   * gives for that row (the shared forward sweep changes nothing the reverse sweep computes), and
   * leaves the arguments as f leaves them; the typed method's value is f's, bit for bit.
   */
  private void checkPullbacks(Object[] args) {
    if (!vector()) {
      return;
    }
    int length = ((double[]) method.invoke(copy(args))).length;
    double[][] rows = new double[3][length];
    for (double[] row : rows) {
      for (int i = 0; i < length; i++) {
        row[i] = random.nextGaussian();
      }
    }
    Object[] shared = copy(args);
    Object[][] together = method.pullbacks(shared, rows);
    assertEquals(rows.length, together.length, "rows of pullbacks");
    for (int r = 0; r < rows.length; r++) {
      Object[] alone = method.pullback(copy(args), rows[r]);
      for (int p = 0; p < args.length; p++) {
        if (!method.isDifferentiable(p)) {
          assertEquals(null, together[r][p], "pullbacks entry for constant parameter " + p);
          continue;
        }
        double[] a = Flat.flatten(alone[p]);
        double[] t = Flat.flatten(together[r][p]);
        assertEquals(a.length, t.length, "pullbacks shape of " + method.parameterNames().get(p));
        for (int k = 0; k < a.length; k++) {
          boolean same = a[k] == t[k] || Double.isNaN(a[k]) && Double.isNaN(t[k]);
          assertTrue(same, "pullbacks row " + r + ", d/d " + method.parameterNames().get(p) + "[" + k + "]: "
              + t[k] + ", but pullback gives " + a[k] + " at " + Arrays.deepToString(args));
        }
      }
    }
    Object[] invoked = copy(args);
    method.invoke(invoked);
    assertTrue(Arrays.deepEquals((Object[]) Flat.contents(invoked), (Object[]) Flat.contents(shared)),
        "arguments after pullbacks");
    String typed = method.name() + "Pullbacks";
    if (Arrays.stream(companion.getMethods()).anyMatch(m -> m.getName().equals(typed))) {
      Object[] withRows = Arrays.copyOf(copy(args), args.length + 1);
      withRows[args.length] = rows;
      assertSame(method.invoke(copy(args)), recordValue(typed, withRows), "value of the pullbacks record");
    }
  }

  // ---- finite differences ------------------------------------------------------------------

  /** Scalar f, or w . f(x) for vector f with a random w. */
  private double scalar(Object[] args, double[] w) {
    Object v = method.invoke(copy(args));
    if (v instanceof Double d) {
      return d;
    }
    double[] r = (double[]) v;
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      s += w[i] * r[i];
    }
    return s;
  }

  private double[] outputWeights(Object[] args) {
    if (!vector()) {
      return null;
    }
    double[] value = (double[]) method.invoke(copy(args));
    double[] w = new double[value.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = random.nextGaussian();
    }
    return w;
  }

  private Object[] reverse(Object[] args, double[] w) {
    return vector() ? method.pullback(copy(args), w) : method.gradient(copy(args));
  }

  private void checkFiniteDifferences(Object[] args) {
    double[] w = outputWeights(args);
    Object[] grads = reverse(args, w);
    for (int p = 0; p < args.length; p++) {
      if (!method.isDifferentiable(p)) {
        assertEquals(null, grads[p], "entry for constant parameter " + p);
        continue;
      }
      double[] flatGrad = Flat.flatten(grads[p]);
      int n = Flat.size(args[p]);
      assertEquals(n, flatGrad.length, "gradient shape of " + method.parameterNames().get(p));
      for (int k = 0; k < n; k++) {
        double x = Flat.get(args[p], k);
        double h = 1e-6 * Math.max(1.0, Math.abs(x));
        Object[] plus = copy(args);
        Flat.set(plus, p, k, x + h);
        Object[] minus = copy(args);
        Flat.set(minus, p, k, x - h);
        double fd = (scalar(plus, w) - scalar(minus, w)) / (2 * h);
        double g = flatGrad[k];
        double scale = Math.max(1.0, Math.max(Math.abs(g), Math.abs(fd)));
        assertTrue(Math.abs(g - fd) <= FD_TOLERANCE * scale,
            "d/d " + method.parameterNames().get(p) + "[" + k + "]: reverse mode " + g + ", finite differences " + fd
                + " at " + Arrays.deepToString(args));
      }
    }
  }

  // ---- forward against reverse --------------------------------------------------------------

  private void checkModesAgree(Object[] args) {
    double[] w = outputWeights(args);
    Object[] v = zeros(args);
    for (int p = 0; p < args.length; p++) {
      if (method.isDifferentiable(p)) {
        v[p] = Flat.randomLike(args[p], random);
      }
    }
    Object t = method.tangent(copy(args), v);
    double forward;
    if (t instanceof Double d) {
      forward = d;
    } else {
      double[] tv = (double[]) t;
      forward = 0;
      for (int i = 0; i < tv.length; i++) {
        forward += w[i] * tv[i];
      }
    }
    Object[] grads = reverse(args, w);
    double backward = 0;
    double magnitude = 0;
    for (int p = 0; p < args.length; p++) {
      if (!method.isDifferentiable(p)) {
        continue;
      }
      double[] g = Flat.flatten(grads[p]);
      double[] dir = Flat.flatten(v[p]);
      for (int k = 0; k < g.length; k++) {
        backward += g[k] * dir[k];
        magnitude += Math.abs(g[k] * dir[k]);
      }
    }
    double scale = Math.max(1.0, Math.max(magnitude, Math.abs(forward)));
    assertTrue(Math.abs(forward - backward) <= MODE_TOLERANCE * scale,
        "forward mode gives " + forward + ", reverse mode " + backward + " at " + Arrays.deepToString(args));
  }

  // ---- second order -------------------------------------------------------------------------

  /** Relative tolerance of Hessian-vector products against central differences of the gradient. */
  public static final double SECOND_ORDER_FD_TOLERANCE = 1e-4;

  /** Points, over every check in this JVM, where Hessian-vector products were checked (for the fuzz summary). */
  public static final AtomicLong SECOND_ORDER_CHECKED = new AtomicLong();
  /**
   * Points where some entry of {@code H v} could not be judged: the differences of the gradient did
   * not settle (symmetry was still checked).
   */
  public static final AtomicLong SECOND_ORDER_UNSETTLED = new AtomicLong();
  /** Points where the method had none, because its gradient keeps a call (the processor's explained refusal). */
  public static final AtomicLong SECOND_ORDER_REFUSED = new AtomicLong();

  /**
   * For a method returning double: the Hessian-vector record repeats the value and the gradient bit for
   * bit; {@code H v} matches central differences of the gradient along {@code v}; and
   * {@code <H v, w> = <v, H w>} (the Hessian is symmetric) on random directions.
   */
  private void checkSecondOrder(Object[] args) {
    if (vector()) {
      return;
    }
    Object[] v = randomDirections(args);
    Object[] hv;
    try {
      hv = method.hessianVector(copy(args), v);
    } catch (UnsupportedOperationException e) {
      // Only the processor's own, explained refusal is accepted here.
      assertTrue(String.valueOf(e.getMessage()).contains("generated no Hessian-vector method"), e.toString());
      SECOND_ORDER_REFUSED.incrementAndGet();
      return;
    }
    checkHessianVectorRecord(args, v);
    Object[] gradient = method.gradient(copy(args));
    double x = 1.0;
    for (int p = 0; p < args.length; p++) {
      if (method.isDifferentiable(p)) {
        for (double e : Flat.flatten(args[p])) {
          x = Math.max(x, Math.abs(e));
        }
      }
    }
    double h = 1e-5 * x;
    Object[][] step = gradientsAlong(args, v, h);
    Object[][] halfStep = null;
    boolean unsettled = false;
    for (int p = 0; p < args.length; p++) {
      if (!method.isDifferentiable(p)) {
        assertEquals(null, hv[p], "Hessian-vector entry for constant parameter " + p);
        continue;
      }
      double[] got = Flat.flatten(hv[p]);
      double[] g = Flat.flatten(gradient[p]);
      for (int k = 0; k < got.length; k++) {
        double fd = centralDifference(step, p, k, h);
        if (agrees(got[k], fd, g[k], h)) {
          continue;
        }
        // A strongly curved gradient: the O(h^2) error of the difference can exceed the tolerance.
        // Richardson's extrapolation from h and h / 2 cancels it; a dropped term survives it.
        if (halfStep == null) {
          halfStep = gradientsAlong(args, v, h / 2);
        }
        double extrapolated = (4 * centralDifference(halfStep, p, k, h / 2) - fd) / 3;
        if (!converges(fd, extrapolated)) {
          // The differences themselves do not settle (a branch of the gradient flips within the
          // step): they cannot judge this entry. A dropped term leaves them settled, and wrong.
          unsettled = true;
          continue;
        }
        assertTrue(agrees(got[k], extrapolated, g[k], h / 2),
            "(H v) for " + method.parameterNames().get(p) + "[" + k + "]: forward over reverse " + got[k]
                + ", finite differences of the gradient " + fd + " (extrapolated " + extrapolated + ") at "
                + Arrays.deepToString(args) + " along " + Arrays.deepToString(v));
      }
    }
    Object[] w = randomDirections(args);
    Object[] hw = method.hessianVector(copy(args), w);
    double[] vHw = dot(v, hw);
    double[] wHv = dot(w, hv);
    double symmetryScale = Math.max(1.0, Math.max(vHw[1], wHv[1]));
    assertTrue(Math.abs(vHw[0] - wHv[0]) <= MODE_TOLERANCE * 100 * symmetryScale,
        "Hessian not symmetric: <v, H w> = " + vHw[0] + ", <w, H v> = " + wHv[0] + " at " + Arrays.deepToString(args));
    (unsettled ? SECOND_ORDER_UNSETTLED : SECOND_ORDER_CHECKED).incrementAndGet();
  }

  /** Whether the difference at h and its extrapolation from h and h / 2 agree to 1%. */
  private static boolean converges(double fd, double extrapolated) {
    return Math.abs(fd - extrapolated) <= 1e-2 * Math.max(1.0, Math.max(Math.abs(fd), Math.abs(extrapolated)));
  }

  /** The gradients at {@code args + h v} and {@code args - h v}. */
  private Object[][] gradientsAlong(Object[] args, Object[] v, double h) {
    Object[] plus = copy(args);
    Object[] minus = copy(args);
    for (int p = 0; p < args.length; p++) {
      if (method.isDifferentiable(p)) {
        int n = Flat.size(args[p]);
        double[] dir = Flat.flatten(v[p]);
        for (int k = 0; k < n; k++) {
          Flat.set(plus, p, k, Flat.get(args[p], k) + h * dir[k]);
          Flat.set(minus, p, k, Flat.get(args[p], k) - h * dir[k]);
        }
      }
    }
    return new Object[][] {method.gradient(plus), method.gradient(minus)};
  }

  private static double centralDifference(Object[][] gradients, int p, int k, double h) {
    return (Flat.flatten(gradients[0][p])[k] - Flat.flatten(gradients[1][p])[k]) / (2 * h);
  }

  /** Whether a Hessian-vector entry matches a difference of gradients taken with step h. */
  private static boolean agrees(double got, double fd, double gradient, double h) {
    // Rounding in the gradient, divided by the step, bounds what differences can resolve.
    double scale = Math.max(1.0, Math.max(Math.abs(got), Math.max(Math.abs(fd), 1e-6 * Math.abs(gradient) / h)));
    return Math.abs(got - fd) <= SECOND_ORDER_FD_TOLERANCE * scale;
  }

  /** The record of {@code fHessianVector} starts with exactly what {@code fGradient} returns. */
  private void checkHessianVectorRecord(Object[] args, Object[] v) {
    Object[] gradientRecord = recordComponents(method.name() + "Gradient", copy(args));
    Object[] hvRecord = recordComponents(method.name() + "HessianVector", tangentArgs(copy(args), v));
    for (int i = 0; i < gradientRecord.length; i++) {
      double[] expected = Flat.flatten(gradientRecord[i]);
      double[] actual = Flat.flatten(hvRecord[i]);
      assertEquals(expected.length, actual.length, "Hessian-vector record component " + i);
      for (int k = 0; k < expected.length; k++) {
        assertEquals(Double.doubleToLongBits(expected[k]), Double.doubleToLongBits(actual[k]),
            "Hessian-vector record component " + i + " [" + k + "] against the gradient's: " + actual[k] + " vs "
                + expected[k]);
      }
    }
  }

  private Object[] recordComponents(String name, Object[] args) {
    try {
      for (Method m : companion.getMethods()) {
        if (m.getName().equals(name)) {
          Object record = m.invoke(null, args);
          RecordComponent[] components = record.getClass().getRecordComponents();
          Object[] values = new Object[components.length];
          for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getAccessor().invoke(record);
          }
          return values;
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("no method " + name + " in " + companion);
  }

  private Object[] randomDirections(Object[] args) {
    Object[] d = zeros(args);
    for (int p = 0; p < args.length; p++) {
      if (method.isDifferentiable(p)) {
        d[p] = Flat.randomLike(args[p], random);
      }
    }
    return d;
  }

  /** {@code <a, b>} over the differentiable parameters, and the sum of the products' magnitudes. */
  private double[] dot(Object[] a, Object[] b) {
    double sum = 0;
    double magnitude = 0;
    for (int p = 0; p < a.length; p++) {
      if (method.isDifferentiable(p)) {
        double[] x = Flat.flatten(a[p]);
        double[] y = Flat.flatten(b[p]);
        for (int k = 0; k < x.length; k++) {
          sum += x[k] * y[k];
          magnitude += Math.abs(x[k] * y[k]);
        }
      }
    }
    return new double[] {sum, magnitude};
  }

  private static Object[] zeros(Object[] args) {
    Object[] z = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      z[i] = Flat.zerosLike(args[i]);
    }
    return z;
  }

  static Object[] copy(Object[] args) {
    Object[] c = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      c[i] = Flat.copy(args[i]);
    }
    return c;
  }
}
