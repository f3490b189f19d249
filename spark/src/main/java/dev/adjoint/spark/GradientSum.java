package dev.adjoint.spark;

import java.io.Serializable;

/**
 * The running sum that {@code treeAggregate} carries through the partitions: summed loss, summed
 * gradient and the number of rows they came from. It is changed in place (Spark gives every task
 * its own copy of the zero value), so adding a partition allocates nothing.
 */
final class GradientSum implements Serializable {
    private static final long serialVersionUID = 1L;

    private double value;
    private final double[] gradient;
    private long rows;

    GradientSum(int dimension) {
        this.gradient = new double[dimension];
    }

    /** Adds the loss of one partition's rows, computed by {@code loss} at {@code weights}. */
    GradientSum add(BatchLoss loss, double[] weights, PackedRows batch) {
        if (batch.size() == 0) {
            return this;
        }
        ValueAndGradient part = loss.evaluate(weights, batch.features(), batch.labels());
        if (part.gradient().length != gradient.length) {
            throw new IllegalStateException("the batch loss returned a gradient of length "
                    + part.gradient().length + " for " + gradient.length + " weights");
        }
        value += part.value();
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] += part.gradient()[k];
        }
        rows += batch.size();
        return this;
    }

    /** Adds another partial sum (from other partitions) to this one. */
    GradientSum merge(GradientSum other) {
        value += other.value;
        for (int k = 0; k < gradient.length; k++) {
            gradient[k] += other.gradient[k];
        }
        rows += other.rows;
        return this;
    }

    /** The mean loss per row and its gradient. */
    ValueAndGradient mean() {
        if (rows == 0) {
            throw new IllegalStateException("the data set has no rows, so its mean loss is undefined");
        }
        double[] meanGradient = new double[gradient.length];
        for (int k = 0; k < gradient.length; k++) {
            meanGradient[k] = gradient[k] / rows;
        }
        return new ValueAndGradient(value / rows, meanGradient);
    }
}
