package dev.adjoint.sample.newton;

/**
 * A function to minimise, with the derivatives the optimisers ask for, and counts of how often
 * each was asked: what the comparison prints besides time.
 */
abstract class Objective {
    private long values;
    private long gradients;
    private long hessianVectors;

    /** A short description for the table, e.g. "Rosenbrock n=1000". */
    abstract String name();

    /** Where the optimisers start. */
    abstract double[] start();

    /** f(x). */
    final double value(double[] x) {
        values++;
        return computeValue(x);
    }

    /** f(x), with its gradient written into {@code gradient}. */
    final double valueAndGradient(double[] x, double[] gradient) {
        gradients++;
        return computeGradient(x, gradient);
    }

    /** Writes the Hessian at x times v into {@code hv}. */
    final void hessianVector(double[] x, double[] v, double[] hv) {
        hessianVectors++;
        computeHessianVector(x, v, hv);
    }

    abstract double computeValue(double[] x);

    abstract double computeGradient(double[] x, double[] gradient);

    abstract void computeHessianVector(double[] x, double[] v, double[] hv);

    long values() {
        return values;
    }

    long gradients() {
        return gradients;
    }

    long hessianVectors() {
        return hessianVectors;
    }

    void resetCounts() {
        values = 0;
        gradients = 0;
        hessianVectors = 0;
    }
}
