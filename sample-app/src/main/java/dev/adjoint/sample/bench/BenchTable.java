package dev.adjoint.sample.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Formats the benchmark results as one Markdown table, times in ms and ratios to the function. */
final class BenchTable {
    /**
     * One row's measurements: seconds per call of each timed cell, bytes allocated per
     * {@link Problem#singleGradient()}, its tape's peak, and the reverse-mode check. A cell the
     * problem does not have is NaN.
     */
    record Times(double function, double reverse, double allocatedBytes, TapeProbe.Peak tape,
                 double tangent, double byHand, double hipparchus, double differences,
                 double reverseVersusHand) {
    }

    /** A measured row. */
    record Row(Problem problem, Times times) {
    }

    static final String[] COLUMNS = {
        "problem", "params", "f ms", "reverse ms", "reverse/f", "alloc B/grad", "tape B/grad",
        "tangent/f", "tangent counts", "by hand ms", "reverse/hand", "Hipparchus/f", "central FD/f",
        "reverse vs hand"
    };
    /** Columns of text, left-aligned; the others are numbers. */
    private static final int[] TEXT_COLUMNS = {0, 1, 8};

    private final PrintStream out;

    BenchTable(PrintStream out) {
        this.out = out;
    }

    void header() {
        out.println("| " + String.join(" | ", COLUMNS) + " |");
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < COLUMNS.length; i++) {
            rule.append(isText(i) ? "---|" : "---:|");
        }
        out.println(rule);
    }

    private static boolean isText(int column) {
        for (int text : TEXT_COLUMNS) {
            if (text == column) {
                return true;
            }
        }
        return false;
    }

    void row(Row row) {
        Problem problem = row.problem();
        Times t = row.times();
        out.printf(Locale.ROOT, "| %s | %s | %.4g | %.4g | %.2f | %.0f | %s | %.2f | %s | %.4g | %.2f | %s | %.1f | %.1e |%n",
                problem.name(), problem.parameters(), t.function() * 1e3, t.reverse() * 1e3,
                t.reverse() / t.function(), t.allocatedBytes(), tape(t.tape()),
                t.tangent() / t.function(), problem.tangentMode(), t.byHand() * 1e3,
                t.reverse() / t.byHand(), ratio(t.hipparchus(), t.function()),
                t.differences() / t.function(), t.reverseVersusHand());
        out.flush();
    }

    private static String tape(TapeProbe.Peak peak) {
        return peak.nested() == 0 ? Long.toString(peak.topLevel())
                : peak.topLevel() + " +" + peak.nested();
    }

    private static String both(double[] seconds) {
        return String.format(Locale.ROOT, "%.4g / %.4g", seconds[0] * 1e3, seconds[1] * 1e3);
    }

    private static String ratio(double time, double unit) {
        return Double.isNaN(time) ? "n/a" : String.format(Locale.ROOT, "%.1f", time / unit);
    }

    void legend() {
        out.println();
        out.println("reverse: full gradient (BA: full Jacobian, 2 pullbacks + 1 gradient per"
                + " observation) by Adjoint's generated reverse mode.");
        out.println("alloc B/grad: bytes the thread allocates per reverse-mode call (BA: per"
                + " reprojection-error pullback), from ThreadMXBean after warm-up; tape B/grad: the"
                + " peak of that call's tape (Tape.peakBytes: 8 B per double or array reference),"
                + " '+N' the peaks of the tapes of nested derivative calls (the last call of each"
                + " nesting depth).");
        out.println("tangent/f: Adjoint's generated forward mode; where it says '1 pass of N' it"
                + " is ONE Jacobian-vector product (target: at most 2x f), a full gradient needs N.");
        out.println("by hand, Hipparchus (Gradient, one free parameter per input) and central FD"
                + " (2 evaluations per input) compute the same full gradient/Jacobian.");
        out.println("Times are the best of several batches after >= 2 s warm-up (fewer batches"
                + " for slow cells); f, reverse, tangent and by hand are then timed again in turn"
                + " (batches alternating) and keep their best, so that their ratios see the same"
                + " machine load. 'reverse vs hand' is the largest difference relative to the"
                + " largest entry.");
    }

    /** How one row compares with another that writes the same function differently. */
    record Comparison(String writtenAs, String against, double[] function, double[] reverse,
                      double allocationRatio) {
    }

    void comparisons(List<Comparison> comparisons) {
        out.println();
        out.println("| written as | against | f ms (both) | f ratio | reverse ms (both) | reverse ratio"
                + " | alloc ratio |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Comparison c : comparisons) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %.2f | %.2f |%n", c.writtenAs(),
                    c.against(), both(c.function()), c.function()[0] / c.function()[1],
                    both(c.reverse()), c.reverse()[0] / c.reverse()[1], c.allocationRatio());
        }
        out.println();
        out.println("Time ratios from the two rows' cells timed again in turn (batches alternating);"
                + " target for the MLP: the dense helper's reverse ratio at most 1.25.");
    }
}
