package dev.adjoint.sample;

import dev.adjoint.sample.bench.Bench;
import dev.adjoint.sample.newton.NewtonDemo;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The sample app's entry point: picks a subcommand and hands over to the class that does it.
 * Run {@code java -jar sample-app/target/adjoint-sample-app.jar help} for the list.
 */
public final class Main {
    static final String USAGE = """
            Adjoint sample app: derivatives of plain Java methods, generated at compile time.

            Usage: java -jar sample-app/target/adjoint-sample-app.jar [command] [options]

            Commands:
              demo      (the default) the classic example e = (a + b) * (b + 1) in reverse
                        mode, forward mode and through the registry; the Java source the
                        annotation processor generated for it; and a Black-Scholes call price
                        with its Greeks from one reverse pass, beside the closed-form Greeks.
              train     trains logistic regression by gradient descent on 400 generated points
                        in two classes; prints the falling loss and the final accuracy.
              record-fit fits a decaying exponential whose parameters are a record,
                        Decay(amplitude, rate, offset), by gradient descent; the generated
                        gradient returns a Decay.
              scaling   the backpropagation lesson, measured: the full gradient of a function
                        of n inputs by n forward passes against one reverse pass, for n = 10
                        to 100,000 (takes about ten seconds).
              fit       fits two Gaussian peaks on a baseline (8 parameters, 400 noisy samples)
                        by Hipparchus's Levenberg-Marquardt, with the Jacobian from generated
                        code and from finite differences: iterations, evaluations and time to
                        the same fit, and both sets of fitted parameters (a few seconds).
              optimize  L-BFGS and Adam (adjoint-optim) and Hipparchus's conjugate gradients
                        (through adjoint-hipparchus) on Rosenbrock with n = 100 and on
                        logistic regression: iterations, evaluations and time of each.
              bench     the benchmark table: ADBench's GMM, bundle adjustment and LSTM (each
                        also as a line-by-line port of ADBench's C++), Rosenbrock and an MLP
                        (with a dense-layer helper and inline), against hand-written
                        gradients, Hipparchus and finite differences, with the memory of each
                        reverse-mode call, then one Hessian-vector product against one
                        gradient per row and Hessian.of on small problems (takes minutes).
                        Options: --quick (a short run), --second-order (those last tables only),
                        --only gmm,ba,lstm,rosenbrock,mlp (some rows), --data DIR (the ADBench
                        inputs, found from the repository by default).
              graph     the computational graph of the classic example, with the value and the
                        adjoint of every node at a = 2, b = 1, as classic-graph.dot (and .svg
                        when Graphviz's dot is installed). Option: --out DIR (default: the
                        current directory).
              newton    Newton-CG (conjugate gradients on Hessian-vector products from the
                        generated fHessianVector, no matrix) against gradient descent on
                        regularised logistic regression (d = 50 and 500) and Rosenbrock
                        functions (extended, n = 100 and 1,000; chained, n = 100): iterations,
                        gradients, Hessian-vector products and time to the same tolerance
                        (about a minute). Option: --quick.
              simulate  the gradient of a damped pendulum simulated for 10,000,000 steps with
                        respect to its initial state and parameters, with the loop plain and
                        marked @Checkpointed: time, tape and snapshot bytes, heap, and how
                        closely the two agree. Options: --steps N (100,000,000 works in
                        under 1 MB of tape and snapshots), --checkpointed-only (skip the plain gradient).
              help      prints this text (also -h and --help).

            Every derivative printed comes from code the Adjoint annotation processor generated
            from methods annotated @Differentiable in dev.adjoint.sample; the sources of the
            examples are in sample-app/src/main/java/dev/adjoint/sample/.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the process exit code: 0, or 2 for an unknown command or option. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "demo" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "demo" -> demo(out);
            case "train" -> TrainDemo.run(out);
            case "record-fit" -> CurveFit.run(out);
            case "scaling" -> ScalingDemo.run(out);
            case "fit" -> FitDemo.run(out);
            case "optimize" -> OptimizeDemo.run(out);
            case "bench" -> {
                return withOptions("bench", Bench::run, rest, out, err);
            }
            case "simulate" -> {
                return withOptions("simulate", SimulateDemo::run, rest, out, err);
            }
            case "graph" -> {
                return graph(rest, out, err);
            }
            case "newton" -> {
                return withOptions("newton", () -> NewtonDemo.run(out, rest), out, err);
            }
            case "help", "-h", "--help" -> out.print(USAGE);
            default -> {
                return usageError(err, "Unknown command: " + command);
            }
        }
        out.flush();
        return 0;
    }

    /** A command that takes options; it rejects a bad one with IllegalArgumentException: show it with the usage. */
    private interface WithOptions {
        void run(PrintStream out, String[] options);
    }

    private static int withOptions(String name, WithOptions command, String[] options, PrintStream out,
            PrintStream err) {
        try {
            command.run(out, options);
        } catch (IllegalArgumentException e) {
            out.flush();
            return usageError(err, name + ": " + e.getMessage());
        }
        out.flush();
        return 0;
    }

    private static int graph(String[] options, PrintStream out, PrintStream err) {
        java.nio.file.Path dir = java.nio.file.Path.of(".");
        if (options.length == 2 && options[0].equals("--out")) {
            dir = java.nio.file.Path.of(options[1]);
        } else if (options.length != 0) {
            return usageError(err, "graph: unknown options " + Arrays.toString(options));
        }
        try {
            return GraphDemo.run(dir, out, err);
        } catch (java.io.IOException e) {
            err.println("graph: " + e);
            return 1;
        }
    }

    /** Runs a command that rejects a bad option with IllegalArgumentException, shown with the usage. */
    private static int withOptions(String command, Runnable run, PrintStream out, PrintStream err) {
        try {
            run.run();
        } catch (IllegalArgumentException e) {
            out.flush();
            return usageError(err, command + ": " + e.getMessage());
        }
        out.flush();
        return 0;
    }

    private static int usageError(PrintStream err, String problem) {
        err.println(problem);
        err.println();
        err.print(USAGE);
        err.flush();
        return 2;
    }

    static void demo(PrintStream out) {
        ClassicDemo.run(out);
        GeneratedSource.print(out);
        BlackScholesDemo.run(out);
        out.println("More: \"train\" fits a model with these gradients, \"scaling\" shows why reverse mode");
        out.println("wins for many inputs, \"help\" lists every command.");
    }
}
