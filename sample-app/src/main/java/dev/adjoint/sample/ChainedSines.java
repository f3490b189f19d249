package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * f(x) = sum over i < n-1 of sin(x[i]) * x[i+1]: a function of n inputs that costs O(n) and has
 * a dense gradient, the shape where reverse mode pays off.
 */
public final class ChainedSines {
    private ChainedSines() {
    }

    @Differentiable
    public static double value(double[] x) {
        double sum = 0.0;
        for (int i = 0; i + 1 < x.length; i++) {
            sum += Math.sin(x[i]) * x[i + 1];
        }
        return sum;
    }

    /** A fixed, non-trivial point: x[i] = cos(i). */
    static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.cos(i);
        }
        return x;
    }
}
