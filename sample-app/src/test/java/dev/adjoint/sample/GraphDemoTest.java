package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code graph} command: the graph the processor wrote at build time, with values and adjoints
 * that agree with the generated gradient. Needs no Graphviz: without it the command says how to
 * install it.
 */
class GraphDemoTest {
    @TempDir
    Path dir;

    @Test
    void writesTheClassicGraphWithValuesAndAdjoints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"graph", "--out", dir.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err.toString(StandardCharsets.UTF_8));
        GraphFile graph = new GraphFile(Files.readString(dir.resolve("classic-graph.dot"), StandardCharsets.UTF_8));
        ClassicDerivatives.EGradient gradient = ClassicDerivatives.eGradient(ClassicDemo.A, ClassicDemo.B);
        Map<String, String> expected = Map.of(
                "a", "value 2\nadjoint " + Numbers.format(gradient.a()),
                "b", "value 1\nadjoint " + Numbers.format(gradient.b()),
                "e", "value " + Numbers.format(gradient.value()) + "\nadjoint 1");
        for (GraphFile.Node n : graph.nodes()) {
            if (expected.containsKey(n.id())) {
                assertTrue(n.attributes().get("label").endsWith(expected.get(n.id())), n.toString());
            }
        }
        // c = a + b = 3 and d = b + 1 = 2; de/dc = d and de/dd = c.
        assertTrue(graph.nodes().stream().anyMatch(n -> n.attributes().get("label").endsWith("value 3\nadjoint 2")));
        assertTrue(graph.nodes().stream().anyMatch(n -> n.attributes().get("label").endsWith("value 2\nadjoint 3")));
        assertTrue(printed.contains("wrote " + dir.resolve("classic-graph.svg"))
                || printed.contains("apt-get install graphviz") && printed.contains("brew install graphviz"), printed);
    }

    @Test
    void expressionsAreEvaluatedOrRefused() {
        Map<String, Double> values = Map.of("x", 2.0, "s#2", 3.0);
        assertEquals(-2.0 * 3.0 + 1.0 / 4, ArithmeticExpression.evaluate("-x * s#2 + 1.0 / (x + 2)", values));
        assertEquals(Math.cos(2.0), ArithmeticExpression.evaluate("Math.cos(x)", values));
        try {
            ArithmeticExpression.evaluate("y + 1", values);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("no value for y"), e.getMessage());
            return;
        }
        throw new AssertionError("an unknown name was not refused");
    }
}
