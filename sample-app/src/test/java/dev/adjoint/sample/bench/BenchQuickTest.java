package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the harness: a --quick run prints a row for every problem, every time and
 * ratio in it is a finite positive number and every byte count a finite non-negative one. (Runs the generated derivative code.)
 */
class BenchQuickTest {
    /** Columns holding times or ratios, by position in {@link BenchTable#COLUMNS}. */
    private static final int[] NUMERIC = {2, 3, 4, 7, 9, 10, 11, 12};
    /** Columns holding byte counts, which may be zero (a gradient that needs no tape). */
    private static final int[] BYTES = {5, 6};
    private static final int CHECK = 13;
    private static final int HIPPARCHUS = 11;

    @Test
    void quickRunPrintsEveryRowWithPositiveRatios() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Bench.run(new PrintStream(buffer, true, StandardCharsets.UTF_8), new String[] {"--quick"});
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertTrue(output.contains("cores"), output);
        List<String[]> rows = table(output, "| problem |");
        String[] prefixes = {"GMM d", "GMM port", "BA ba1", "BA port", "LSTM l", "LSTM port",
            "Rosenbrock", "MLP inline", "MLP dense helper"};
        assertEquals(prefixes.length, rows.size(), output);
        for (int r = 0; r < rows.size(); r++) {
            String[] cells = rows.get(r);
            assertEquals(BenchTable.COLUMNS.length, cells.length, String.join("|", cells));
            assertTrue(cells[0].startsWith(prefixes[r]), cells[0]);
            for (int column : NUMERIC) {
                if (column == HIPPARCHUS && cells[0].startsWith("MLP")) {
                    assertEquals("n/a", cells[column], cells[0] + " has no Hipparchus version");
                    continue;
                }
                double value = Double.parseDouble(cells[column]);
                assertTrue(Double.isFinite(value) && value > 0,
                        cells[0] + ": " + BenchTable.COLUMNS[column] + " = " + cells[column]);
            }
            for (int column : BYTES) {
                // The tape cell may add the nested tapes' peaks as " +N".
                double value = Double.parseDouble(cells[column].split(" \\+")[0]);
                assertTrue(Double.isFinite(value) && value >= 0,
                        cells[0] + ": " + BenchTable.COLUMNS[column] + " = " + cells[column]);
            }
            double agreement = Double.parseDouble(cells[CHECK]);
            assertTrue(agreement < 1e-8, cells[0] + ": reverse mode differs from the hand-written"
                    + " gradient by " + cells[CHECK]);
        }

        List<String[]> comparisons = table(output, "| written as |");
        String[][] pairs = {{"GMM port", "GMM d"}, {"BA port", "BA ba1"}, {"LSTM port", "LSTM l"},
            {"MLP dense helper", "MLP inline"}};
        assertEquals(pairs.length, comparisons.size(), output);
        for (int r = 0; r < pairs.length; r++) {
            String[] cells = comparisons.get(r);
            assertTrue(cells[0].startsWith(pairs[r][0]) && cells[1].startsWith(pairs[r][1]),
                    String.join("|", cells));
            for (int column = 2; column < cells.length; column++) {
                for (String number : cells[column].split(" / ")) {
                    double value = Double.parseDouble(number);
                    assertTrue(Double.isFinite(value) && value > 0, String.join("|", cells));
                }
            }
        }
    }

    /** The cells of the data rows of the Markdown table whose header starts with {@code header}. */
    private static List<String[]> table(String output, String header) {
        List<String[]> rows = new ArrayList<>();
        boolean inside = false;
        for (String line : output.split("\\R")) {
            if (line.startsWith(header)) {
                inside = true;
            } else if (inside && !line.startsWith("|")) {
                break;
            } else if (inside && !line.startsWith("|---")) {
                String[] cells = line.substring(1, line.length() - 1).split("\\|");
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                rows.add(cells);
            }
        }
        return rows;
    }
}
