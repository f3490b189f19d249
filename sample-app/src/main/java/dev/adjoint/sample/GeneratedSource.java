package dev.adjoint.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Prints the source the processor generated for {@link Classic}. The build copies
 * {@code ClassicDerivatives.java} from target/generated-sources into the jar (see the
 * maven-resources-plugin in sample-app/pom.xml), so the text is exactly what javac compiled.
 */
final class GeneratedSource {
    static final String RESOURCE = "ClassicDerivatives.java";

    private GeneratedSource() {
    }

    /** The generated source, read from the class path next to {@link Classic}. */
    static String classicDerivatives() {
        try (InputStream in = Classic.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "(" + RESOURCE + " is not on the class path: build the app with Maven,"
                        + " which copies the generated source into the jar)\n";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static void print(PrintStream out) {
        out.println("2. What the annotation processor generated for Classic.e (ClassicDerivatives.java)");
        out.println();
        for (String line : classicDerivatives().split("\n")) {
            out.println("   | " + line);
        }
        out.println();
    }
}
