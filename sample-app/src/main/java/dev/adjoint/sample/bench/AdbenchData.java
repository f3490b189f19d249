package dev.adjoint.sample.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the folder holding the ADBench input files and reads them as number streams.
 *
 * <p>The data lives in the repository's {@code data/adbench} folder, located at run time: the
 * system property {@value #PROPERTY} wins; otherwise {@code data/adbench} is tried relative to
 * the working directory and each of its parents, which finds it both from the repository root and
 * from a module directory.
 */
public final class AdbenchData {
    /** System property naming the ADBench data folder explicitly. */
    public static final String PROPERTY = "adjoint.adbench";

    private static final String RELATIVE = "data/adbench";

    private AdbenchData() {
    }

    /** The data folder; throws {@link IllegalStateException} explaining where it looked. */
    public static Path folder() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured);
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("System property " + PROPERTY + " = " + configured
                        + " is not a directory holding the ADBench inputs");
            }
            return dir;
        }
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE).normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ADBench data folder not found: looked for " + RELATIVE
                + " relative to " + start + " and each of its parents. Run from the repository"
                + " or pass -D" + PROPERTY + "=/path/to/adbench");
    }

    /** A file in the data folder, which must exist. */
    public static Path file(String name) {
        Path file = folder().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("ADBench input " + file + " does not exist");
        }
        return file;
    }

    /** All whitespace-separated tokens of a file, in order. */
    static NumberReader numbers(Path file) {
        try {
            return new NumberReader(file.toString(), Files.readString(file).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ADBench input " + file, e);
        }
    }

    /** Sequential reader over the tokens of one input file, with errors that name the file. */
    static final class NumberReader {
        private final String source;
        private final String[] tokens;
        private int next;

        NumberReader(String source, String[] tokens) {
            this.source = source;
            this.tokens = tokens;
        }

        double nextDouble() {
            return Double.parseDouble(nextToken());
        }

        int nextInt() {
            return Integer.parseInt(nextToken());
        }

        double[] nextDoubles(int count) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = nextDouble();
            }
            return values;
        }

        double[][] nextRows(int rows, int columns) {
            double[][] values = new double[rows][];
            for (int r = 0; r < rows; r++) {
                values[r] = nextDoubles(columns);
            }
            return values;
        }

        private String nextToken() {
            if (next >= tokens.length) {
                throw new IllegalStateException(source + ": unexpected end of file after "
                        + tokens.length + " numbers");
            }
            return tokens[next++];
        }
    }
}
