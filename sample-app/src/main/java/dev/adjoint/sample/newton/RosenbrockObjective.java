package dev.adjoint.sample.newton;

import dev.adjoint.sample.bench.Rosenbrock;
import dev.adjoint.sample.bench.RosenbrockDerivatives;

/** The extended Rosenbrock function of the benchmark, from (-1.2, 1, -1.2, 1, ...). */
final class RosenbrockObjective extends Objective {
    private final int n;

    RosenbrockObjective(int n) {
        this.n = n;
    }

    @Override
    String name() {
        return "Rosenbrock n=" + n;
    }

    @Override
    double[] start() {
        return Rosenbrock.startingPoint(n);
    }

    @Override
    double computeValue(double[] x) {
        return Rosenbrock.value(x);
    }

    @Override
    double computeGradient(double[] x, double[] gradient) {
        RosenbrockDerivatives.ValueGradient g = RosenbrockDerivatives.valueGradient(x);
        System.arraycopy(g.x(), 0, gradient, 0, gradient.length);
        return g.value();
    }

    @Override
    void computeHessianVector(double[] x, double[] v, double[] hv) {
        System.arraycopy(RosenbrockDerivatives.valueHessianVector(x, v).xHv(), 0, hv, 0, hv.length);
    }
}
