package dev.adjoint.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The mean loss of a data set spread over a Spark cluster, and its gradient, for training on
 * the driver. Every partition packs its rows into arrays once ({@link #of}); each evaluation
 * ({@link #at}) then ships the weights to the executors, lets every partition compute the summed
 * loss and gradient of its rows with a {@link BatchLoss} (typically one generated
 * {@code fGradient} call), adds the partial sums up with {@code treeAggregate} and divides by the
 * number of rows.
 *
 * <p>Because the per-partition losses are sums, the result equals the gradient of the whole data
 * set computed on one machine, up to the order in which floating-point sums are added.
 *
 * <p>Close it to drop the packed rows from the executors' memory.
 */
public final class DistributedGradient implements AutoCloseable {
    /** Depth of the aggregation tree; 2 is Spark's default and suits up to thousands of partitions. */
    private static final int TREE_DEPTH = 2;

    private final JavaRDD<PackedRows> partitions;
    private final BatchLoss loss;
    private final long rowCount;
    private int evaluations;

    private DistributedGradient(JavaRDD<PackedRows> partitions, BatchLoss loss) {
        this.partitions = partitions;
        this.loss = loss;
        // Counting also fills the cache, so the first evaluation does not pay for the packing.
        this.rowCount = partitions.map(rows -> (long) rows.size()).fold(0L, Long::sum);
    }

    /**
     * Uses rows that hold the features followed by the label ({@code {x1, ..., xd, y}}), one array
     * per data point. The rows are packed per partition and cached.
     */
    public static DistributedGradient of(JavaRDD<double[]> rowsWithLabelLast, BatchLoss loss) {
        Objects.requireNonNull(rowsWithLabelLast, "rowsWithLabelLast");
        Objects.requireNonNull(loss, "loss");
        JavaRDD<PackedRows> packed = rowsWithLabelLast
                .mapPartitions(rows -> List.of(PackedRows.ofLabelLast(rows)).iterator())
                .cache();
        return new DistributedGradient(packed, loss);
    }

    /**
     * Uses a {@code Dataset} with a features column of type {@code array<double>} and a numeric
     * label column.
     */
    public static DistributedGradient of(Dataset<Row> data, String featuresColumn, String labelColumn,
                                         BatchLoss loss) {
        Objects.requireNonNull(data, "data");
        JavaRDD<double[]> rows = data.select(featuresColumn, labelColumn).toJavaRDD().map(row -> {
            List<Object> features = row.getList(0);
            double[] packed = new double[features.size() + 1];
            for (int j = 0; j < features.size(); j++) {
                packed[j] = ((Number) features.get(j)).doubleValue();
            }
            packed[features.size()] = ((Number) row.get(1)).doubleValue();
            return packed;
        });
        return of(rows, loss);
    }

    /** The number of rows in the data set. */
    public long rowCount() {
        return rowCount;
    }

    /** The number of times {@link #at} ran a Spark job so far. */
    public int evaluations() {
        return evaluations;
    }

    /**
     * The mean loss per row at {@code weights} and its gradient, computed on the executors.
     * One Spark job per call.
     */
    public ValueAndGradient at(double[] weights) {
        Objects.requireNonNull(weights, "weights");
        JavaSparkContext context = JavaSparkContext.fromSparkContext(partitions.context());
        // A broadcast sends the weights to each executor once, not once per task.
        Broadcast<double[]> shipped = context.broadcast(weights.clone());
        try {
            BatchLoss batchLoss = loss;
            GradientSum sum = partitions.treeAggregate(
                    new GradientSum(weights.length),
                    (partial, batch) -> partial.add(batchLoss, shipped.value(), batch),
                    GradientSum::merge,
                    TREE_DEPTH);
            evaluations++;
            return sum.mean();
        } finally {
            shipped.destroy();
        }
    }

    /** Minimizes the mean loss from {@code initialWeights} with {@code optimizer}, on the driver. */
    public Lbfgs.Result train(double[] initialWeights, Lbfgs optimizer) {
        return optimizer.minimize(this::at, initialWeights);
    }

    /** Drops the cached, packed rows. */
    @Override
    public void close() {
        partitions.unpersist(false);
    }
}
