package dev.adjoint.sample.bench;

import java.io.PrintStream;
import java.util.Locale;

/** Formats the benchmark results as one Markdown table, times in ms and ratios to the function. */
final class BenchTable {
    /** Seconds per call of each cell of one row, and the reverse-mode check. */
    record Times(double function, double reverse, double tangent, double byHand,
                 double hipparchus, double differences, double reverseVersusHand) {
    }

    static final String[] COLUMNS = {
        "problem", "params", "f ms", "reverse ms", "reverse/f", "tangent/f", "tangent counts",
        "by hand ms", "reverse/hand", "Hipparchus/f", "central FD/f", "reverse vs hand"
    };

    private final PrintStream out;

    BenchTable(PrintStream out) {
        this.out = out;
    }

    void header() {
        out.println("| " + String.join(" | ", COLUMNS) + " |");
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < COLUMNS.length; i++) {
            rule.append(i < 2 || i == 6 ? "---|" : "---:|");
        }
        out.println(rule);
    }

    void row(Problem problem, Times t) {
        out.printf(Locale.ROOT, "| %s | %s | %.4g | %.4g | %.2f | %.2f | %s | %.4g | %.2f | %.1f | %.1f | %.1e |%n",
                problem.name(), problem.parameters(), t.function() * 1e3, t.reverse() * 1e3,
                t.reverse() / t.function(), t.tangent() / t.function(), problem.tangentMode(),
                t.byHand() * 1e3, t.reverse() / t.byHand(), t.hipparchus() / t.function(),
                t.differences() / t.function(), t.reverseVersusHand());
        out.flush();
    }

    void legend() {
        out.println();
        out.println("reverse: full gradient (BA: full Jacobian, 2 pullbacks + 1 gradient per"
                + " observation) by Adjoint's generated reverse mode.");
        out.println("tangent/f: Adjoint's generated forward mode; where it says '1 pass of N' it"
                + " is ONE Jacobian-vector product (target: at most 2x f), a full gradient needs N.");
        out.println("by hand, Hipparchus (Gradient, one free parameter per input) and central FD"
                + " (2 evaluations per input) compute the same full gradient/Jacobian.");
        out.println("Times are the best of several batches after >= 2 s warm-up (fewer batches"
                + " for slow cells); 'reverse vs hand' is the largest difference relative to the"
                + " largest entry.");
    }
}
