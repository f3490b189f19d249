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
        for (String command : new String[] {"demo", "train", "record-fit", "scaling", "fit", "optimize", "graph", "bench", "newton", "simulate", "help"}) {
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
    void simulateAShortRunPrintsAgreeingGradients() {
        assertEquals(0, run("simulate", "--steps", "20000"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("gradient, plain loop"), text);
        assertTrue(text.contains("gradient, @Checkpointed"), text);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("relative difference (\\S+)").matcher(text);
        int rows = 0;
        while (m.find()) {
            assertTrue(Double.parseDouble(m.group(1)) <= 1e-12, text);
            rows++;
        }
        assertEquals(4, rows, text);
    }

    @Test
    void simulateRejectsABadStepCount() {
        assertEquals(2, run("simulate", "--steps", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("simulate: --steps takes"));
    }

    @Test
    void unknownCommandFailsWithUsage() {
        assertEquals(2, run("frobnicate"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.startsWith("Unknown command: frobnicate"), message);
        assertTrue(message.contains("Commands:"), message);
    }
}
