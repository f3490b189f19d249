package dev.adjoint.sample.bench;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Hessian;
import dev.adjoint.sample.newton.RegularisedLogistic;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The second-order table of the benchmark: one Hessian-vector product (forward over reverse)
 * against one gradient, both through the registry so that they pay the same argument checks,
 * timed in turn; where the processor generated no Hessian-vector method, the reason it gives.
 * Then {@link Hessian#of} on small dense problems, n products for n inputs.
 */
final class SecondOrderBench {
    /** One function at one point. */
    record Case(String name, DifferentiableMethod method, Object[] args) {
    }

    private SecondOrderBench() {
    }

    /** The cases of the {@code --only} keys that have a method returning double. */
    static List<Case> cases(List<String> keys, boolean quick) {
        List<Case> cases = new ArrayList<>();
        for (String key : keys) {
            switch (key) {
                case "gmm" -> {
                    GmmInput in = GmmInput.read(quick ? "gmm_d2_K5_1k.txt" : "gmm_d10_K25_1k.txt");
                    cases.add(new Case("GMM", Derivatives.of(Gmm.class, "objective"), new Object[] {in.alphas(),
                        in.means(), in.icf(), in.x(), in.wishartGamma(), in.wishartM(), in.logGammaTerm()}));
                }
                case "lstm" -> {
                    LstmInput in = quick ? LstmInput.generate(LstmInput.BENCH_LAYERS, 32, LstmInput.BENCH_WIDTH,
                            LstmInput.SEED) : LstmInput.benchmark();
                    cases.add(new Case("LSTM", Derivatives.of(Lstm.class, "loss"),
                            new Object[] {in.mainParams(), in.extraParams(), in.state(), in.sequence()}));
                }
                case "rosenbrock" -> {
                    double[] x = Rosenbrock.startingPoint(quick ? 1000 : Rosenbrock.BENCH_SIZE);
                    cases.add(new Case("Rosenbrock n=" + x.length, Derivatives.of(Rosenbrock.class, "value"),
                            new Object[] {x}));
                }
                case "mlp" -> {
                    MlpInput in = MlpInput.benchmark();
                    Object[] args = {in.w1(), in.b1(), in.w2(), in.b2(), in.xs(), in.ys()};
                    cases.add(new Case("MLP inline", Derivatives.of(MlpInline.class, "loss"), args));
                    cases.add(new Case("MLP dense helper", Derivatives.of(Mlp.class, "loss"), args));
                }
                default -> {
                    // bundle adjustment returns double[] (a Jacobian): no Hessian
                }
            }
        }
        double[][] features = generatedFeatures(1000, quick ? 50 : 500);
        cases.add(new Case("logistic n=1000 d=" + features[0].length,
                Derivatives.of(RegularisedLogistic.class, "loss"),
                new Object[] {new double[features[0].length + 1], features, labels(1000), 1e-3}));
        return cases;
    }

    static void run(PrintStream out, CellTimer timer, List<String> keys, boolean quick) {
        out.println();
        out.println("Second order: one Hessian-vector product (fHessianVector, forward over reverse) against one"
                + " gradient, timed in turn");
        out.println();
        out.println("| problem | params | gradient ms | H v ms | H v / gradient |");
        out.println("|---|---:|---:|---:|---:|");
        List<String> missing = new ArrayList<>();
        for (Case c : cases(keys, quick)) {
            Object[] directions = directions(c.method(), c.args());
            String why = refusal(c, directions);
            if (why != null) {
                out.printf(Locale.ROOT, "| %s | %d | n/a | n/a | n/a (see below) |%n", c.name(), inputs(c));
                missing.add(c.name() + ": " + why);
                continue;
            }
            double[] seconds = timer.secondsPerCallInTurn(() -> first(c.method().gradient(c.args())),
                    () -> first(c.method().hessianVector(c.args(), directions)));
            out.printf(Locale.ROOT, "| %s | %d | %.4g | %.4g | %.2f |%n", c.name(), inputs(c), seconds[0] * 1e3,
                    seconds[1] * 1e3, seconds[1] / seconds[0]);
            out.flush();
        }
        for (String line : missing) {
            out.println();
            out.println(line);
        }
        out.println();
        out.println("Hessian.of on small dense problems: n Hessian-vector products for n inputs");
        out.println();
        out.println("| problem | params | Hessian.of ms | gradient ms | Hessian.of / gradient |");
        out.println("|---|---:|---:|---:|---:|");
        double[][] features = generatedFeatures(200, 49);
        List<Case> small = List.of(
                new Case("Rosenbrock n=20", Derivatives.of(Rosenbrock.class, "value"),
                        new Object[] {Rosenbrock.startingPoint(20)}),
                new Case("logistic n=200 d=49", Derivatives.of(RegularisedLogistic.class, "loss"),
                        new Object[] {new double[50], features, labels(200), 1e-3}));
        for (Case c : small) {
            double[] seconds = timer.secondsPerCallInTurn(() -> Hessian.of(c.method(), c.args())[0][0],
                    () -> first(c.method().gradient(c.args())));
            out.printf(Locale.ROOT, "| %s | %d | %.4g | %.4g | %.1f |%n", c.name(), inputs(c), seconds[0] * 1e3,
                    seconds[1] * 1e3, seconds[0] / seconds[1]);
        }
        out.flush();
    }

    /** The registry's reason why there is no Hessian-vector product, or null when there is one. */
    private static String refusal(Case c, Object[] directions) {
        try {
            c.method().hessianVector(c.args(), directions);
            return null;
        } catch (UnsupportedOperationException e) {
            return e.getMessage();
        }
    }

    private static int inputs(Case c) {
        int n = 0;
        for (int p = 0; p < c.args().length; p++) {
            if (c.method().isDifferentiable(p)) {
                Object a = c.args()[p];
                if (a instanceof double[] v) {
                    n += v.length;
                } else if (a instanceof double[][] m) {
                    for (double[] row : m) {
                        n += row.length;
                    }
                } else {
                    n++;
                }
            }
        }
        return n;
    }

    /** A direction of the arguments' shapes, with no zero entries, for each differentiable parameter. */
    private static Object[] directions(DifferentiableMethod m, Object[] args) {
        Object[] d = new Object[args.length];
        for (int p = 0; p < args.length; p++) {
            if (!m.isDifferentiable(p)) {
                continue;
            }
            if (args[p] instanceof double[] v) {
                d[p] = wave(v.length, p);
            } else if (args[p] instanceof double[][] rows) {
                double[][] dm = new double[rows.length][];
                for (int r = 0; r < rows.length; r++) {
                    dm[r] = wave(rows[r].length, p + r);
                }
                d[p] = dm;
            } else {
                d[p] = 0.5;
            }
        }
        return d;
    }

    private static double[] wave(int n, int phase) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5 + 0.4 * Math.sin(i + phase);
        }
        return v;
    }

    /** A number from the first derivative entry, for the timer's sink. */
    private static double first(Object[] perParameter) {
        for (Object o : perParameter) {
            if (o instanceof Double x) {
                return x;
            }
            if (o instanceof double[] v) {
                return v[0];
            }
            if (o instanceof double[][] m) {
                return m[0][0];
            }
        }
        return 0.0;
    }

    private static double[][] generatedFeatures(int samples, int dimension) {
        double[][] x = new double[samples][dimension];
        for (int i = 0; i < samples; i++) {
            for (int j = 0; j < dimension; j++) {
                x[i][j] = Math.sin(0.7 * i + 1.3 * j);
            }
        }
        return x;
    }

    private static double[] labels(int samples) {
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = i % 3 == 0 ? 0.0 : 1.0;
        }
        return y;
    }
}
