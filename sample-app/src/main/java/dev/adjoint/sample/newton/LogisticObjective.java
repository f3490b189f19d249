package dev.adjoint.sample.newton;

import java.util.Locale;

/** {@link RegularisedLogistic#loss} on fixed data, through its generated derivatives. */
final class LogisticObjective extends Objective {
    private final double[][] features;
    private final double[] labels;
    private final double lambda;

    LogisticObjective(double[][] features, double[] labels, double lambda) {
        this.features = features;
        this.labels = labels;
        this.lambda = lambda;
    }

    @Override
    String name() {
        return String.format(Locale.ROOT, "logistic n=%d d=%d", labels.length, features[0].length);
    }

    @Override
    double[] start() {
        return new double[features[0].length + 1];
    }

    @Override
    double computeValue(double[] w) {
        return RegularisedLogistic.loss(w, features, labels, lambda);
    }

    @Override
    double computeGradient(double[] w, double[] gradient) {
        RegularisedLogisticDerivatives.LossGradient g =
                RegularisedLogisticDerivatives.lossGradient(w, features, labels, lambda);
        System.arraycopy(g.w(), 0, gradient, 0, gradient.length);
        return g.value();
    }

    @Override
    void computeHessianVector(double[] w, double[] v, double[] hv) {
        // One forward-over-reverse pass: the record also holds the value and the gradient.
        RegularisedLogisticDerivatives.LossHessianVector h =
                RegularisedLogisticDerivatives.lossHessianVector(w, v, features, labels, lambda);
        System.arraycopy(h.wHv(), 0, hv, 0, hv.length);
    }
}
