package dev.adjoint.sample;

import dev.adjoint.Derivatives;
import dev.adjoint.hipparchus.LeastSquaresAdapter;
import dev.adjoint.sample.bench.CentralDifferences;
import java.io.PrintStream;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.MultivariateJacobianFunction;
import org.hipparchus.util.Pair;

/**
 * The {@code fit} command: the same Levenberg-Marquardt fit of {@link PeakFit} three ways, with
 * the Jacobian from generated code (typed, and through the registry) and from central
 * differences, timed in one run.
 */
final class FitDemo {
    /** Time per measurement; the variants take turns for several rounds and each keeps its best. */
    private static final long BUDGET_NANOS = 150_000_000L;
    private static final int ROUNDS = 5;

    private FitDemo() {
    }

    /** One way to get the model and its Jacobian. */
    record Variant(String name, MultivariateJacobianFunction model) {
    }

    static void run(PrintStream out) {
        double[] x = PeakFit.positions();
        double[] y = PeakFit.measurements(x);
        out.printf(Locale.ROOT, "Two Gaussian peaks on a sloping baseline, %d parameters, fitted to %d noisy samples%n",
                PeakFit.GUESS.length, x.length);
        out.printf(Locale.ROOT, "(noise %.2f, seed %d) by Hipparchus's Levenberg-Marquardt from the same guess.%n",
                PeakFit.NOISE, PeakFit.SEED);
        out.println("Jacobian: generated = LeastSquaresAdapter over PeakFitDerivatives.residualsTangent (one");
        out.println("forward pass per parameter); registry = LeastSquaresAdapter.of(Derivatives.of(...)) with");
        out.println("Jacobian.of; differences = central differences (two residual evaluations per parameter).");
        out.println();
        Variant[] variants = {
            new Variant("generated", LeastSquaresAdapter.of(
                    p -> PeakFit.residuals(p, x, y),
                    (p, pDot) -> PeakFitDerivatives.residualsTangent(p, pDot, x, y).tangent(),
                    (p, bar) -> PeakFitDerivatives.residualsPullback(p, x, y, bar).p())),
            new Variant("registry", LeastSquaresAdapter.of(Derivatives.of(PeakFit.class, "residuals"), "p", null, x, y)),
            new Variant("differences", centralDifferences(x, y)),
        };
        LeastSquaresOptimizer.Optimum[] optima = new LeastSquaresOptimizer.Optimum[variants.length];
        double[] nanos = new double[variants.length];
        java.util.Arrays.fill(nanos, Double.POSITIVE_INFINITY);
        for (int v = 0; v < variants.length; v++) {
            Variant variant = variants[v];
            optima[v] = fit(variant.model(), x.length);
            Stopwatch.warmUp(() -> fit(variant.model(), x.length).getRMS(), BUDGET_NANOS);
        }
        // Taking turns spreads the load of a busy machine over all variants alike.
        for (int round = 0; round < ROUNDS; round++) {
            for (int v = 0; v < variants.length; v++) {
                Variant variant = variants[v];
                nanos[v] = Math.min(nanos[v],
                        Stopwatch.nanosPerRun(() -> fit(variant.model(), x.length).getRMS(), 2, BUDGET_NANOS));
            }
        }
        out.println("  Jacobian      iterations  evaluations  time per fit   rms residual");
        for (int v = 0; v < variants.length; v++) {
            out.printf(Locale.ROOT, "  %-12s  %10d  %11d  %9.3f ms   %.6f%n", variants[v].name(),
                    optima[v].getIterations(), optima[v].getEvaluations(), nanos[v] / 1e6, optima[v].getRMS());
        }
        out.printf(Locale.ROOT, "  time with differences / time with the generated Jacobian: %.2f (best of %d rounds)%n",
                nanos[2] / nanos[0], ROUNDS);
        out.println("  With 8 parameters a Jacobian costs 8 tangent passes or 16 extra residual evaluations,");
        out.println("  so the two are close in time; the generated one is exact, and its cost per column does");
        out.println("  not depend on choosing a step.");
        out.println();
        out.println("  parameter      truth   generated  differences");
        double[] generated = optima[0].getPoint().toArray();
        double[] differences = optima[2].getPoint().toArray();
        double largestGap = 0.0;
        for (int k = 0; k < generated.length; k++) {
            out.printf(Locale.ROOT, "  %-9s  %9.4f  %10.6f  %11.6f%n", PeakFit.NAMES[k], PeakFit.TRUTH[k],
                    generated[k], differences[k]);
            largestGap = Math.max(largestGap, Math.abs(generated[k] - differences[k]));
        }
        out.printf(Locale.ROOT, "  largest difference between the two fits: %.2e%n", largestGap);
    }

    static LeastSquaresOptimizer.Optimum fit(MultivariateJacobianFunction model, int points) {
        return new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .model(model)
                .target(new double[points])
                .start(PeakFit.GUESS)
                .maxEvaluations(10_000)
                .maxIterations(10_000)
                .build());
    }

    /** The baseline a user has without Adjoint: residuals plus a Jacobian by central differences. */
    static MultivariateJacobianFunction centralDifferences(double[] x, double[] y) {
        return point -> {
            double[] p = point.toArray();
            double[] value = PeakFit.residuals(p, x, y);
            double[] flat = new double[value.length * p.length];
            CentralDifferences.jacobian(() -> PeakFit.residuals(p, x, y), value.length, new double[][] {p}, flat);
            Array2DRowRealMatrix jacobian = new Array2DRowRealMatrix(value.length, p.length);
            for (int r = 0; r < value.length; r++) {
                for (int c = 0; c < p.length; c++) {
                    jacobian.setEntry(r, c, flat[r * p.length + c]);
                }
            }
            return new Pair<>(new ArrayRealVector(value, false), jacobian);
        };
    }
}
