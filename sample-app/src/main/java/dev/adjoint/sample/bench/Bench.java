package dev.adjoint.sample.bench;

import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The benchmark: times the function, Adjoint's reverse and forward modes, a hand-written
 * derivative, Hipparchus forward-mode AD and central finite differences on the ADBench problems
 * (GMM, bundle adjustment, LSTM), Rosenbrock and a small MLP, and prints one table of times,
 * ratios and memory per reverse-mode call; then, where one function is written in several ways,
 * the ratios between those rows.
 *
 * <p>Options: {@code --quick} runs a smoke test on smaller instances with token timing;
 * {@code --second-order} prints only the second-order tables ({@link SecondOrderBench});
 * {@code --only gmm,ba,lstm,rosenbrock,mlp} selects rows; {@code --data DIR} names the ADBench data
 * folder (otherwise found as {@link AdbenchData} describes).
 */
public final class Bench {
    private static final String GMM_FILE = "gmm_d10_K25_1k.txt";
    private static final String GMM_QUICK_FILE = "gmm_d2_K5_1k.txt";
    private static final String BA_FILE = "ba1_n49_m7776_p31843.txt";
    private static final int BA_QUICK_OBSERVATIONS = 500;
    private static final int LSTM_QUICK_STEPS = 32;
    private static final int ROSENBROCK_QUICK_SIZE = 1000;
    private static final String ALL = "gmm,ba,lstm,rosenbrock,mlp";

    private Bench() {
    }

    public static void main(String[] args) {
        run(System.out, args);
    }

    /** Runs the benchmark with command-line style options and prints to {@code out}. */
    public static void run(PrintStream out, String[] args) {
        boolean quick = false;
        boolean secondOrderOnly = false;
        String only = ALL;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--second-order" -> secondOrderOnly = true;
                case "--only" -> only = value(args, ++i, "--only");
                case "--data" -> System.setProperty(AdbenchData.PROPERTY, value(args, ++i, "--data"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --quick, --second-order, --only " + ALL + " or --data DIR");
            }
        }
        CellTimer.Settings settings = quick ? CellTimer.QUICK : CellTimer.FULL;
        CellTimer timer = new CellTimer(settings);
        AllocationMeter meter = new AllocationMeter(settings.memoryNanos());
        printMachine(out, quick);

        List<String> keys = new ArrayList<>();
        for (String key : only.toLowerCase(Locale.ROOT).split(",")) {
            keys.add(key.trim());
        }
        if (secondOrderOnly) {
            SecondOrderBench.run(out, timer, keys, quick);
            out.printf(Locale.ROOT, "(checksum %.6g)%n", timer.sink());
            return;
        }
        List<List<Supplier<Problem>>> groups = new ArrayList<>();
        for (String key : keys) {
            groups.add(group(key, quick));
        }
        BenchTable table = new BenchTable(out);
        table.header();
        List<BenchTable.Comparison> comparisons = new ArrayList<>();
        for (List<Supplier<Problem>> group : groups) {
            List<BenchTable.Row> rows = new ArrayList<>();
            for (Supplier<Problem> supplier : group) {
                Problem problem = supplier.get();
                BenchTable.Row row = new BenchTable.Row(problem, measure(problem, timer, meter));
                table.row(row);
                rows.add(row);
            }
            for (BenchTable.Row row : rows.subList(1, rows.size())) {
                comparisons.add(compare(row, rows.get(0), timer));
            }
        }
        table.legend();
        if (!comparisons.isEmpty()) {
            table.comparisons(comparisons);
        }
        SecondOrderBench.run(out, timer, keys, quick);
        out.printf(Locale.ROOT, "(checksum %.6g)%n", timer.sink() + meter.sink());
    }

    /**
     * Each cell of one row, measured in the order the table shows them. Then f, reverse, tangent
     * and by hand are timed again in turn (batches alternating) and each keeps its best time, so
     * that the ratios between them are taken under the same machine load.
     */
    static BenchTable.Times measure(Problem problem, CellTimer timer, AllocationMeter meter) {
        double function = timer.secondsPerCall(problem::function);
        double reverse = timer.secondsPerCall(problem::reverse);
        double allocated = meter.bytesPerCall(problem::singleGradient);
        TapeProbe.Peak tape = TapeProbe.of(problem::singleGradient);
        double tangent = timer.secondsPerCall(problem::tangent);
        double byHand = timer.secondsPerCall(problem::byHand);
        double hipparchus = problem.hasHipparchus() ? timer.secondsPerCall(problem::hipparchus)
                : Double.NaN;
        double differences = timer.secondsPerCall(problem::finiteDifferences);
        double[] inTurn = timer.secondsPerCallInTurn(problem::function, problem::reverse,
                problem::tangent, problem::byHand);
        return new BenchTable.Times(Math.min(function, inTurn[0]), Math.min(reverse, inTurn[1]),
                allocated, tape, Math.min(tangent, inTurn[2]), Math.min(byHand, inTurn[3]),
                hipparchus, differences, problem.reverseVersusHand());
    }

    /**
     * One function written two ways: their f and reverse cells timed again in turn, so that the
     * ratio does not depend on the machine's load changing between rows.
     */
    private static BenchTable.Comparison compare(BenchTable.Row row, BenchTable.Row base, CellTimer timer) {
        Problem a = row.problem();
        Problem b = base.problem();
        double[] f = timer.secondsPerCallInTurn(a::function, b::function);
        double[] reverse = timer.secondsPerCallInTurn(a::reverse, b::reverse);
        return new BenchTable.Comparison(a.name(), b.name(), f, reverse,
                row.times().allocatedBytes() / base.times().allocatedBytes());
    }

    /**
     * The rows of one {@code --only} key; when there are several, they are one function written in
     * different ways and the later ones are compared with the first.
     */
    private static List<Supplier<Problem>> group(String key, boolean quick) {
        switch (key) {
            case "gmm":
                GmmInput gmm = GmmInput.read(quick ? GMM_QUICK_FILE : GMM_FILE);
                return List.of(() -> new GmmProblem("GMM", gmm, new GmmGenerated(gmm)),
                        () -> new GmmProblem("GMM port", gmm, new GmmPortGenerated(gmm)));
            case "ba":
                BaInput ba = BaInput.read(BA_FILE, quick ? BA_QUICK_OBSERVATIONS : Integer.MAX_VALUE);
                return List.of(
                        () -> new BaProblem("BA ba1 p" + ba.observations(), ba, new BundleAdjustmentForm()),
                        () -> new BaProblem("BA port ba1 p" + ba.observations(), ba, new BaPortForm()));
            case "lstm":
                LstmInput lstm = quick
                        ? LstmInput.generate(LstmInput.BENCH_LAYERS, LSTM_QUICK_STEPS,
                                LstmInput.BENCH_WIDTH, LstmInput.SEED)
                        : LstmInput.benchmark();
                return List.of(() -> new LstmProblem("LSTM", lstm, new LstmGenerated(lstm)),
                        () -> new LstmProblem("LSTM port", lstm, new LstmPortGenerated(lstm)));
            case "rosenbrock":
                return List.of(() -> new RosenbrockProblem(quick ? ROSENBROCK_QUICK_SIZE : Rosenbrock.BENCH_SIZE));
            case "mlp":
                MlpInput mlp = MlpInput.benchmark();
                return List.of(
                        () -> new MlpProblem("MLP inline", mlp, MlpGenerated.inline(mlp)),
                        () -> new MlpProblem("MLP dense helper", mlp, MlpGenerated.denseHelper(mlp)));
            default:
                throw new IllegalArgumentException("unknown problem " + key + "; expected one of " + ALL);
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static void printMachine(PrintStream out, boolean quick) {
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Adjoint benchmark%s, %s%n", quick ? " (--quick smoke run)" : "",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB, %s %s, Java %s (%s %s)%n",
                runtime.availableProcessors(), runtime.maxMemory() >> 20,
                System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"));
        out.println();
    }
}
