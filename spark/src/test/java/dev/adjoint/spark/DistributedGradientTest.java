package dev.adjoint.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.spark.example.LogisticLossDerivatives;
import dev.adjoint.spark.example.MlpLoss;
import dev.adjoint.spark.example.MlpLossDerivatives;
import dev.adjoint.spark.example.TwoClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed gradient against the same generated gradient called once on all rows on one
 * machine, in Spark's local mode with two worker threads.
 */
class DistributedGradientTest {
    private static final int FEATURES = 4;
    private static final int HIDDEN = 3;
    private static final int ROWS = 1_003;

    private static final BatchLoss LOGISTIC = (w, features, labels) -> {
        LogisticLossDerivatives.SumGradient g = LogisticLossDerivatives.sumGradient(w, features, labels);
        return new ValueAndGradient(g.value(), g.w());
    };
    private static final BatchLoss MLP = (w, features, labels) -> {
        MlpLossDerivatives.SumGradient g = MlpLossDerivatives.sumGradient(w, features, labels, HIDDEN);
        return new ValueAndGradient(g.value(), g.w());
    };

    private static SparkSession spark;
    private static JavaSparkContext context;
    private static List<double[]> rows;
    private static double[][] allFeatures;
    private static double[] allLabels;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("DistributedGradientTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // Compiling generated query code costs seconds and buys nothing on a few rows.
                .config("spark.sql.codegen.wholeStage", "false")
                .getOrCreate();
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        rows = TwoClasses.rows(42, ROWS, FEATURES);
        allFeatures = new double[ROWS][FEATURES];
        allLabels = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            System.arraycopy(rows.get(i), 0, allFeatures[i], 0, FEATURES);
            allLabels[i] = rows.get(i)[FEATURES];
        }
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The mean loss and gradient of all rows, from one call on this machine. */
    private static ValueAndGradient singleMachine(BatchLoss loss, double[] w) {
        ValueAndGradient sum = loss.evaluate(w, allFeatures, allLabels);
        double[] mean = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            mean[k] = sum.gradient()[k] / ROWS;
        }
        return new ValueAndGradient(sum.value() / ROWS, mean);
    }

    private static double[] randomWeights(long seed, int count) {
        Random random = new Random(seed);
        double[] w = new double[count];
        for (int k = 0; k < count; k++) {
            w[k] = random.nextGaussian();
        }
        return w;
    }

    /** Every component within 1e-12 of the largest one; the value within 1e-12 relative. */
    private static void assertSameUpToRounding(ValueAndGradient expected, ValueAndGradient actual) {
        assertEquals(expected.value(), actual.value(), 1e-12 * Math.abs(expected.value()), "loss");
        double scale = 0.0;
        for (double g : expected.gradient()) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 0.0, "a zero gradient would make the comparison vacuous");
        assertEquals(expected.gradient().length, actual.gradient().length, "gradient length");
        for (int k = 0; k < expected.gradient().length; k++) {
            assertEquals(expected.gradient()[k], actual.gradient()[k], 1e-12 * scale, "gradient component " + k);
        }
    }

    @Test
    void logisticGradientOverPartitionsEqualsTheSingleMachineGradient() {
        double[] w = randomWeights(1, FEATURES + 1);
        try (DistributedGradient distributed = DistributedGradient.of(context.parallelize(rows, 5), LOGISTIC)) {
            assertEquals(ROWS, distributed.rowCount());
            assertSameUpToRounding(singleMachine(LOGISTIC, w), distributed.at(w));
            assertEquals(1, distributed.evaluations());
        }
    }

    @Test
    void emptyPartitionsAddNothing() {
        List<double[]> few = rows.subList(0, 3);
        double[] w = randomWeights(2, FEATURES + 1);
        double[][] features = new double[3][];
        double[] labels = new double[3];
        for (int i = 0; i < 3; i++) {
            features[i] = allFeatures[i];
            labels[i] = allLabels[i];
        }
        ValueAndGradient sum = LOGISTIC.evaluate(w, features, labels);
        double[] meanGradient = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            meanGradient[k] = sum.gradient()[k] / 3;
        }
        try (DistributedGradient distributed = DistributedGradient.of(context.parallelize(new ArrayList<>(few), 8), LOGISTIC)) {
            assertEquals(3, distributed.rowCount());
            assertSameUpToRounding(new ValueAndGradient(sum.value() / 3, meanGradient), distributed.at(w));
        }
    }

    @Test
    void datasetOfRowsGivesTheSameGradientAsTheRdd() {
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("label", DataTypes.DoubleType, false);
        List<Row> asRows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            List<Double> point = new ArrayList<>();
            for (double x : allFeatures[i]) {
                point.add(x);
            }
            asRows.add(RowFactory.create(point.toArray(new Double[0]), allLabels[i]));
        }
        Dataset<Row> frame = spark.createDataFrame(context.parallelize(asRows, 3), schema);
        double[] w = randomWeights(3, FEATURES + 1);
        try (DistributedGradient distributed = DistributedGradient.of(frame, "features", "label", LOGISTIC)) {
            assertEquals(ROWS, distributed.rowCount());
            assertSameUpToRounding(singleMachine(LOGISTIC, w), distributed.at(w));
        }
    }

    @Test
    void logisticTrainingReachesTheSingleMachineLoss() {
        double[] start = new double[FEATURES + 1];
        Function<double[], ValueAndGradient> local = w -> singleMachine(LOGISTIC, w);
        Lbfgs.Result alone = Lbfgs.defaults().minimize(local, start);
        try (DistributedGradient distributed = DistributedGradient.of(context.parallelize(rows, 4), LOGISTIC)) {
            Lbfgs.Result together = distributed.train(start, Lbfgs.defaults());
            assertTrue(alone.converged(), "the single-machine run reached the gradient tolerance");
            assertTrue(together.converged(), "the distributed run reached the gradient tolerance");
            assertEquals(alone.value(), together.value(), 1e-12 * alone.value());
            assertTrue(together.value() < singleMachine(LOGISTIC, start).value() - 0.1,
                    "training lowered the loss from log 2");
            for (int k = 0; k < start.length; k++) {
                assertEquals(alone.weights()[k], together.weights()[k], 1e-6, "weight " + k);
            }
            assertEquals(together.evaluations(), distributed.evaluations());
        }
    }

    @Test
    void mlpGradientOverPartitionsEqualsTheSingleMachineGradient() {
        double[] w = randomWeights(4, MlpLoss.weightCount(FEATURES, HIDDEN));
        try (DistributedGradient distributed = DistributedGradient.of(context.parallelize(rows, 3), MLP)) {
            assertSameUpToRounding(singleMachine(MLP, w), distributed.at(w));
        }
    }

    @Test
    void mlpTrainingReachesTheSingleMachineLoss() {
        double[] start = randomWeights(5, MlpLoss.weightCount(FEATURES, HIDDEN));
        for (int k = 0; k < start.length; k++) {
            start[k] *= 0.1;
        }
        Lbfgs optimizer = new Lbfgs(10, 25, 1e-7);
        Lbfgs.Result alone = optimizer.minimize(w -> singleMachine(MLP, w), start);
        try (DistributedGradient distributed = DistributedGradient.of(context.parallelize(rows, 4), MLP)) {
            Lbfgs.Result together = distributed.train(start, optimizer);
            assertTrue(together.value() < singleMachine(MLP, start).value() - 0.1, "training lowered the loss");
            assertEquals(alone.value(), together.value(), 1e-6 * alone.value());
        }
    }
}
