package dev.adjoint.spark;

import java.io.Serializable;

/**
 * The loss of one batch of rows and its gradient with respect to the weights, usually one call of
 * a generated {@code fGradient}:
 *
 * <pre>{@code
 * BatchLoss loss = (w, features, labels) -> {
 *     LogisticLossDerivatives.SumGradient g = LogisticLossDerivatives.sumGradient(w, features, labels);
 *     return new ValueAndGradient(g.value(), g.w());
 * };
 * }</pre>
 *
 * <p>The loss must be a <em>sum</em> over the rows of the batch (not a mean): the batches of all
 * partitions are then added up and divided by the number of rows once, on the driver, so the result
 * does not depend on how the rows are split. A lambda assigned to this interface is serializable,
 * which Spark needs to ship it to the executors; it must capture only serializable values.
 */
@FunctionalInterface
public interface BatchLoss extends Serializable {
    /**
     * @param weights  the model's parameters; read them, do not change them
     * @param features one row per data point
     * @param labels   {@code labels[i]} belongs to {@code features[i]}
     * @return the summed loss of the rows and its gradient, of the length of {@code weights}
     */
    ValueAndGradient evaluate(double[] weights, double[][] features, double[] labels);
}
