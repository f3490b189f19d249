package dev.adjoint.spark.example;

import dev.adjoint.spark.BatchLoss;
import dev.adjoint.spark.DistributedGradient;
import dev.adjoint.spark.Lbfgs;
import dev.adjoint.spark.ValueAndGradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Trains logistic regression on synthetic data generated on the executors, with the gradient of
 * every partition computed by the generated {@code LogisticLossDerivatives.sumGradient}:
 *
 * <pre>
 * spark-submit --master local[2] --class dev.adjoint.spark.example.TrainLogisticRegression \
 *     --jars adjoint-runtime-0.1.0-SNAPSHOT.jar adjoint-spark-0.1.0-SNAPSHOT.jar [rows [features [partitions]]]
 * </pre>
 */
public final class TrainLogisticRegression {
    private TrainLogisticRegression() {
    }

    /** The batch loss: one call of the generated gradient over a partition's packed rows. */
    static final BatchLoss LOSS = (w, features, labels) -> {
        LogisticLossDerivatives.SumGradient gradient = LogisticLossDerivatives.sumGradient(w, features, labels);
        return new ValueAndGradient(gradient.value(), gradient.w());
    };

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        SparkSession spark = SparkSession.builder().appName("Adjoint logistic regression").getOrCreate();
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<Integer> seeds = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                seeds.add(p);
            }
            int perPartition = rows / partitions;
            JavaRDD<double[]> data = context.parallelize(seeds, partitions)
                    .flatMap(seed -> TwoClasses.rows(seed, perPartition, features).iterator());
            try (DistributedGradient gradient = DistributedGradient.of(data, LOSS)) {
                long start = System.nanoTime();
                Lbfgs.Result result = gradient.train(new double[features + 1], Lbfgs.defaults());
                System.out.printf("%d rows in %d partitions: mean loss %.6f after %d iterations "
                                + "(%d distributed gradients, %.1f s)%n",
                        gradient.rowCount(), partitions, result.value(), result.iterations(),
                        gradient.evaluations(), (System.nanoTime() - start) / 1e9);
                System.out.println("weights (bias first): " + Arrays.toString(result.weights()));
            }
        } finally {
            spark.stop();
        }
    }
}
