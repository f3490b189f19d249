package dev.adjoint.sample;

import dev.adjoint.hipparchus.GradientObjective;
import dev.adjoint.optim.Adam;
import dev.adjoint.optim.DifferentiableObjective;
import dev.adjoint.optim.Lbfgs;
import dev.adjoint.optim.OptimizationResult;
import dev.adjoint.optim.ValueAndGradient;
import dev.adjoint.sample.bench.Rosenbrock;
import dev.adjoint.sample.bench.RosenbrockDerivatives;
import java.io.PrintStream;
import java.util.Locale;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

/**
 * The {@code optimize} command: L-BFGS and Adam from adjoint-optim, and Hipparchus's non-linear
 * conjugate gradients through adjoint-hipparchus, on two problems whose gradients Adjoint
 * generates. Each row is one run, timed as it goes.
 */
final class OptimizeDemo {
    static final int ROSENBROCK_SIZE = 100;
    static final double GRADIENT_TOLERANCE = 1e-8;
    static final int ADAM_ITERATIONS = 20_000;

    private OptimizeDemo() {
    }

    /** One optimizer's run: what it reached and how long it took. */
    record Row(String optimizer, int iterations, int evaluations, double value, double gradientNorm,
            String stop, double millis) {
    }

    /** An optimizer run on an objective from a starting point. */
    interface Run {
        Row run(DifferentiableObjective objective, double[] start);
    }

    static void run(PrintStream out) {
        DifferentiableObjective rosenbrock = x -> {
            RosenbrockDerivatives.ValueGradient g = RosenbrockDerivatives.valueGradient(x);
            return new ValueAndGradient(g.value(), g.x());
        };
        LabelledPoints data = TwoBlobs.generate();
        DifferentiableObjective logistic = w -> {
            LogisticRegressionDerivatives.LossGradient g =
                    LogisticRegressionDerivatives.lossGradient(w, data.features(), data.labels());
            return new ValueAndGradient(g.value(), g.w());
        };
        out.printf(Locale.ROOT, "Minimising with gradients from the generated fGradient methods; each run stops at%n");
        out.printf(Locale.ROOT, "gradient norm %.0e (Adam also after %,d iterations, Hipparchus when the value stops changing).%n",
                GRADIENT_TOLERANCE, ADAM_ITERATIONS);
        Run[] runs = {OptimizeDemo::lbfgs, (f, start) -> adam(f, start, 0.01), OptimizeDemo::conjugateGradients};
        table(out, "Rosenbrock (chained), n = " + ROSENBROCK_SIZE + ", from (-1.2, 1, -1.2, 1, ...)", runs, rosenbrock,
                Rosenbrock.startingPoint(ROSENBROCK_SIZE));
        Run[] logisticRuns = {OptimizeDemo::lbfgs, (f, start) -> adam(f, start, 0.05), OptimizeDemo::conjugateGradients};
        table(out, "Logistic regression, " + data.size() + " points in 2 classes, from zero weights", logisticRuns, logistic,
                new double[data.featureCount() + 1]);
    }

    private static void table(PrintStream out, String title, Run[] runs, DifferentiableObjective f, double[] start) {
        out.println();
        out.println(title);
        out.println("  optimizer       iterations  evaluations   final value   gradient norm  stopped by           time");
        for (Run run : runs) {
            Row row = run.run(f, start);
            out.printf(Locale.ROOT, "  %-14s  %10d  %11d  %12.4e  %14.3e  %-18s  %7.1f ms%n", row.optimizer(),
                    row.iterations(), row.evaluations(), row.value(), row.gradientNorm(), row.stop(), row.millis());
        }
    }

    static Row lbfgs(DifferentiableObjective f, double[] start) {
        long begin = System.nanoTime();
        OptimizationResult r = new Lbfgs().gradientTolerance(GRADIENT_TOLERANCE).minimize(f, start);
        return row("L-BFGS", r, begin);
    }

    static Row adam(DifferentiableObjective f, double[] start, double learningRate) {
        long begin = System.nanoTime();
        OptimizationResult r = new Adam().learningRate(learningRate).gradientTolerance(GRADIENT_TOLERANCE)
                .maxIterations(ADAM_ITERATIONS).minimize(f, start);
        return row(String.format(Locale.ROOT, "Adam (lr %.2f)", learningRate), r, begin);
    }

    /** Hipparchus's own gradient optimizer, fed by the adapter; it has no gradient tolerance. */
    static Row conjugateGradients(DifferentiableObjective f, double[] start) {
        long begin = System.nanoTime();
        GradientObjective objective = GradientObjective.of(f);
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-14, 1e-14));
        PointValuePair optimum = optimizer.optimize(objective.function(), objective.gradient(), GoalType.MINIMIZE,
                new InitialGuess(start), new MaxEval(1_000_000));
        double millis = (System.nanoTime() - begin) / 1e6;
        double[] gradient = f.evaluate(optimum.getPoint()).gradient();
        double norm = 0.0;
        for (double g : gradient) {
            norm += g * g;
        }
        return new Row("Hipparchus CG", optimizer.getIterations(), objective.evaluations(), optimum.getValue(),
                Math.sqrt(norm), "value change", millis);
    }

    private static Row row(String name, OptimizationResult r, long begin) {
        double millis = (System.nanoTime() - begin) / 1e6;
        return new Row(name, r.iterations(), r.evaluations(), r.value(), r.gradientNorm(),
                r.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), millis);
    }
}
