package dev.adjoint.sample.newton;

/** The few vector operations the optimisers need. */
final class Vectors {
    private Vectors() {
    }

    static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code target = x + t d}. */
    static void step(double[] x, double t, double[] d, double[] target) {
        for (int i = 0; i < x.length; i++) {
            target[i] = x[i] + t * d[i];
        }
    }
}
