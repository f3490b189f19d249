package dev.adjoint.sample.bench;

import java.util.Arrays;

/**
 * Tangent directions for the forward-mode cells: any direction costs the same, and all ones
 * touches every parameter.
 */
final class AllOnes {
    private AllOnes() {
    }

    static double[] like(double[] shape) {
        double[] v = new double[shape.length];
        Arrays.fill(v, 1.0);
        return v;
    }

    static double[][] like(double[][] shape) {
        double[][] m = new double[shape.length][];
        for (int i = 0; i < shape.length; i++) {
            m[i] = like(shape[i]);
        }
        return m;
    }
}
