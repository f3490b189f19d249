package dev.adjoint.sample;

import dev.adjoint.junit.GradientCheck;
import dev.adjoint.sample.bench.BundleAdjustment;
import dev.adjoint.sample.bench.Rosenbrock;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code @Differentiable} method of the sample's examples, and of two benchmark problems,
 * checked by adjoint-junit: reverse mode against central finite differences, forward against
 * reverse by the dot-product test.
 */
class DerivativeChecksTest {
    private static final double[][] FEATURES = {{0.5, -1.0}, {1.5, 0.25}, {-0.75, 2.0}};
    private static final double[] LABELS = {1, 0, 1};
    private static final double[] CAMERA = {0.1, -0.2, 0.05, 0.3, -0.1, 2.0, 800, 0.5, -0.4, 1e-3, -2e-4};
    private static final double[] POINT = {0.4, -0.6, 5.0};

    @TestFactory
    Stream<DynamicNode> examples() {
        return Stream.of(
                GradientCheck.of(Classic.class).at("e", 2.0, 1.0).at("e", -3.0, 0.5),
                GradientCheck.of(NormalDistribution.class).at("cdf", 0.3).at("cdf", -2.5).at("cdf", 4.0),
                GradientCheck.of(BlackScholes.class)
                        .at("callPrice", 100.0, 95.0, 0.2, 0.03, 0.5)
                        .at("callPrice", 80.0, 120.0, 0.45, 0.0, 2.0),
                GradientCheck.of(LogisticRegression.class)
                        .at("loss", new double[] {0.1, -0.5, 0.8}, FEATURES, LABELS),
                GradientCheck.of(ChainedSines.class).at("value", new double[] {0.3, -1.2, 2.0, 0.7}),
                GradientCheck.of(Projectile.class)
                        .at("rhs", 0.0, new double[] {1.0, 2.0, 30.0, 12.0}, 0.01, new double[4])
                        .at("range", 40.0, 0.6, 0.005, 2.0, 50))
                .flatMap(GradientCheck::tests);
    }

    @TestFactory
    Stream<DynamicNode> benchmarkProblems() {
        return Stream.of(
                GradientCheck.of(Rosenbrock.class).at("value", new double[] {-1.2, 1.0, 0.5, 2.0}),
                GradientCheck.of(BundleAdjustment.class)
                        .at("reprojectionError", CAMERA, POINT, 0.9, new double[] {30.0, -40.0})
                        .at("weightError", 0.8)
                        .at("project", CAMERA, POINT)
                        .at("radialDistort", 1e-3, -2e-4, 0.1, -0.2)
                        .at("rodriguesRotatePoint", new double[] {0.1, -0.2, 0.05}, POINT)
                        .at("cross", new double[] {1, 2, 3}, new double[] {-0.5, 0.25, 2}))
                .flatMap(GradientCheck::tests);
    }
}
