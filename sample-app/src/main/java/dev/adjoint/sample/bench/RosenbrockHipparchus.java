package dev.adjoint.sample.bench;

import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The Rosenbrock gradient by Hipparchus forward-mode AD: every input is a {@link Gradient}
 * carrying one partial derivative per input, so each operation costs O(n).
 */
public final class RosenbrockHipparchus {
    private RosenbrockHipparchus() {
    }

    /** The gradient at {@code x} into {@code out}; returns the value. */
    public static double gradient(double[] x, double[] out) {
        int n = x.length;
        Gradient[] v = new Gradient[n];
        for (int i = 0; i < n; i++) {
            v[i] = Gradient.variable(n, i, x[i]);
        }
        Gradient sum = Gradient.constant(n, 0.0);
        for (int i = 0; i < n - 1; i++) {
            Gradient valley = v[i + 1].subtract(v[i].multiply(v[i]));
            Gradient offset = v[i].negate().add(1.0);
            sum = sum.add(valley.multiply(valley).multiply(100.0)).add(offset.multiply(offset));
        }
        System.arraycopy(sum.getGradient(), 0, out, 0, n);
        return sum.getValue();
    }
}
