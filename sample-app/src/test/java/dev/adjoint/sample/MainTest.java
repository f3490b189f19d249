package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: help for newcomers, the default demo, and unknown commands. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"help", "-h", "--help"})
    void helpMentionsEveryCommand(String flag) {
        assertEquals(0, run(flag));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"demo", "train", "scaling", "fit", "optimize", "bench", "help"}) {
            assertTrue(help.contains("\n  " + command + " "), "help does not describe " + command + ":\n" + help);
        }
        assertTrue(help.contains("java -jar sample-app/target/adjoint-sample-app.jar"), help);
    }

    @Test
    void demoIsTheDefaultAndPrintsTheClassicNumbers() {
        assertEquals(0, run());
        String demo = out.toString(StandardCharsets.UTF_8);
        assertTrue(demo.contains("e     = 6"), demo);
        assertTrue(demo.contains("de/da = 2"), demo);
        assertTrue(demo.contains("de/db = 5"), demo);
        assertTrue(demo.contains("public final class ClassicDerivatives"), demo);
        assertTrue(demo.contains("delta = dC/dS"), demo);
    }

    @Test
    void badBenchOptionFailsWithUsageNotAStackTrace() {
        assertEquals(2, run("bench", "--no-such-option"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("bench: "), message);
        assertTrue(message.contains("Commands:"), message);
    }

    @Test
    void unknownCommandFailsWithUsage() {
        assertEquals(2, run("frobnicate"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("Unknown command: frobnicate"), message);
        assertTrue(message.contains("Commands:"), message);
    }
}
