package dev.adjoint.sample.newton;

import dev.adjoint.sample.bench.Rosenbrock;
import dev.adjoint.sample.bench.RosenbrockDerivatives;

/**
 * A Rosenbrock function from the classic start (-1.2, 1, -1.2, 1, ...), through its generated
 * derivatives: the extended form ({@link ExtendedRosenbrock}, independent pairs) or the chained
 * form of the benchmark ({@link Rosenbrock}, each x[i] coupled to the next), which is much harder.
 */
final class RosenbrockObjective extends Objective {
    private final int n;
    private final boolean chained;

    RosenbrockObjective(int n, boolean chained) {
        this.n = n;
        this.chained = chained;
    }

    @Override
    String name() {
        return (chained ? "chained Rosenbrock n=" : "extended Rosenbrock n=") + n;
    }

    @Override
    double[] start() {
        return Rosenbrock.startingPoint(n);
    }

    @Override
    double computeValue(double[] x) {
        return chained ? Rosenbrock.value(x) : ExtendedRosenbrock.value(x);
    }

    @Override
    double computeGradient(double[] x, double[] gradient) {
        if (chained) {
            RosenbrockDerivatives.ValueGradient g = RosenbrockDerivatives.valueGradient(x);
            System.arraycopy(g.x(), 0, gradient, 0, gradient.length);
            return g.value();
        }
        ExtendedRosenbrockDerivatives.ValueGradient g = ExtendedRosenbrockDerivatives.valueGradient(x);
        System.arraycopy(g.x(), 0, gradient, 0, gradient.length);
        return g.value();
    }

    @Override
    void computeHessianVector(double[] x, double[] v, double[] hv) {
        double[] product = chained ? RosenbrockDerivatives.valueHessianVector(x, v).xHv()
                : ExtendedRosenbrockDerivatives.valueHessianVector(x, v).xHv();
        System.arraycopy(product, 0, hv, 0, hv.length);
    }
}
