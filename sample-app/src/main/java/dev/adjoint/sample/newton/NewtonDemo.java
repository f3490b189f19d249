package dev.adjoint.sample.newton;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code newton} command: Newton-CG, which uses only the generated Hessian-vector products,
 * against gradient descent on the same problems, both to the same gradient-norm tolerance, with
 * the same line search and from the same start.
 *
 * <p>Options: {@code --quick} runs smaller problems (a smoke test).
 */
public final class NewtonDemo {
    /** Both optimisers stop when the gradient's Euclidean norm is at most this. */
    static final double TOLERANCE = 1e-6;
    static final double LAMBDA = 1e-3;
    static final long SEED = 42;
    static final int NEWTON_ITERATIONS = 10_000;
    static final int DESCENT_ITERATIONS = 1_000_000;
    /** Each run stops after this long, reached or not, so that the command ends in about a minute. */
    static final double SECONDS_PER_RUN = 10;

    private NewtonDemo() {
    }

    /** Runs the comparison; throws IllegalArgumentException for an unknown option. */
    public static void run(PrintStream out, String[] options) {
        boolean quick = false;
        for (String option : options) {
            if (option.equals("--quick")) {
                quick = true;
            } else {
                throw new IllegalArgumentException("unknown option " + option + "; expected --quick");
            }
        }
        List<Objective> problems = quick ? quickProblems() : problems();
        double seconds = quick ? 1 : SECONDS_PER_RUN;
        out.printf(Locale.ROOT, "Newton-CG against gradient descent, both until |gradient| <= %.0e, from the same start%n",
                TOLERANCE);
        out.println("with the same backtracking line search. Newton-CG solves H p = -g by conjugate gradients with");
        out.println("Hessian-vector products from the generated fHessianVector (forward over reverse): no matrix.");
        out.printf(Locale.ROOT, "Logistic regression: L2-regularised (lambda %.0e), correlated generated features, seed %d.%n",
                LAMBDA, SEED);
        out.println();
        warmUp();
        out.println("| problem | method | iterations | gradients | H v products | f values | time ms | f | |g| |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        List<String> verdicts = new ArrayList<>();
        for (Objective problem : problems) {
            Run newton = NewtonCg.minimise(problem, TOLERANCE, NEWTON_ITERATIONS, seconds);
            row(out, problem, newton);
            Run descent = SteepestDescent.minimise(problem, TOLERANCE, DESCENT_ITERATIONS, seconds);
            row(out, problem, descent);
            verdicts.add(verdict(problem, newton, descent));
        }
        out.println();
        for (String verdict : verdicts) {
            out.println(verdict);
        }
        out.printf(Locale.ROOT, "(A row whose |g| is above the tolerance stopped at the limit of %.0f s per run.)%n", seconds);
        out.flush();
    }

    private static List<Objective> problems() {
        List<Objective> problems = new ArrayList<>();
        for (int dimension : new int[] {50, 500}) {
            SyntheticClassification data = SyntheticClassification.generate(1000, dimension, SEED);
            problems.add(new LogisticObjective(data.features(), data.labels(), LAMBDA));
        }
        problems.add(new RosenbrockObjective(100, false));
        problems.add(new RosenbrockObjective(1000, false));
        problems.add(new RosenbrockObjective(100, true));
        return problems;
    }

    private static List<Objective> quickProblems() {
        SyntheticClassification data = SyntheticClassification.generate(200, 10, SEED);
        return List.of(new LogisticObjective(data.features(), data.labels(), LAMBDA), new RosenbrockObjective(10, false));
    }

    /** Lets the JIT compile the generated code and both optimisers before anything is timed. */
    private static void warmUp() {
        for (Objective problem : quickProblems()) {
            NewtonCg.minimise(problem, TOLERANCE, NEWTON_ITERATIONS, 1);
            SteepestDescent.minimise(problem, TOLERANCE, 2_000, 1);
        }
    }

    private static void row(PrintStream out, Objective problem, Run run) {
        out.printf(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.1f | %.8g | %.1e |%n", problem.name(), run.method(),
                run.iterations(), run.gradients(), run.hessianVectors(), run.values(), run.seconds() * 1e3, run.value(),
                run.gradientNorm());
        out.flush();
    }

    private static String verdict(Objective problem, Run newton, Run descent) {
        if (!newton.converged()) {
            return problem.name() + ": neither reached the tolerance in the time allowed (Newton-CG stopped at |g| = "
                    + String.format(Locale.ROOT, "%.1e", newton.gradientNorm()) + ").";
        }
        String ratio = String.format(Locale.ROOT, "%.1fx", descent.seconds() / newton.seconds());
        return descent.converged()
                ? problem.name() + ": Newton-CG reached the tolerance " + ratio + " faster than gradient descent."
                : problem.name() + ": gradient descent had not reached the tolerance after " + descent.iterations()
                        + " iterations and " + ratio + " Newton-CG's time; Newton-CG took " + newton.iterations()
                        + " iterations.";
    }
}
