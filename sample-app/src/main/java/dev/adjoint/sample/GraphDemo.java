package dev.adjoint.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code graph} command: the computational graph of the classic example, with the value and
 * the adjoint of every node at a = 2, b = 1.
 *
 * <p>The graph comes from the build: the annotation processor wrote it with
 * {@code -Aadjoint.graphs} (see the pom), and the jar carries it. This class puts numbers on it:
 * each node's value by evaluating its expression forward, each node's adjoint (de/dnode) by the
 * reverse sweep over the edges, adding partial times adjoint, from the result back to the inputs.
 * The inputs' adjoints must come out as the generated {@code ClassicDerivatives.eGradient} computes
 * them, and the command fails if they do not. It then renders the picture with Graphviz's
 * {@code dot} when that is installed.
 */
final class GraphDemo {
    static final String RESOURCE = "/adjoint-graphs/dev.adjoint.sample.Classic.e.dot";

    private GraphDemo() {
    }

    /** Writes {@code classic-graph.dot} (and {@code .svg}) into {@code dir}; returns the exit code. */
    static int run(Path dir, PrintStream out, PrintStream err) throws IOException {
        String text;
        try (InputStream in = GraphDemo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                err.println("graph: " + RESOURCE + " is missing: the sample app was built without -Aadjoint.graphs");
                return 1;
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        GraphFile graph = new GraphFile(text);
        Map<String, Double> values = forward(graph);
        Map<String, Double> adjoints = reverse(graph, values);

        ClassicDerivatives.EGradient gradient = ClassicDerivatives.eGradient(ClassicDemo.A, ClassicDemo.B);
        out.println("The computational graph of e = (a + b) * (b + 1) at a = 2, b = 1");
        out.printf("  e = %s; from the graph's partials de/da = %s, de/db = %s; from eGradient %s, %s%n",
                Numbers.format(values.get("e")), Numbers.format(adjoints.get("a")), Numbers.format(adjoints.get("b")),
                Numbers.format(gradient.a()), Numbers.format(gradient.b()));
        if (values.get("e") != gradient.value() || adjoints.get("a") != gradient.a()
                || adjoints.get("b") != gradient.b()) {
            err.println("graph: the graph's adjoints differ from the generated gradient");
            return 1;
        }
        annotate(graph, values, adjoints);
        Files.createDirectories(dir);
        Path dot = dir.resolve("classic-graph.dot");
        Files.writeString(dot, graph.text(), StandardCharsets.UTF_8);
        out.println("  wrote " + dot);
        render(dot, dir.resolve("classic-graph.svg"), out);
        out.flush();
        return 0;
    }

    /** Inputs from the demo's point; every other node by its expression, in the order the method computes them. */
    private static Map<String, Double> forward(GraphFile graph) {
        Map<String, Double> values = new HashMap<>(Map.of("a", ClassicDemo.A, "b", ClassicDemo.B));
        for (GraphFile.Node n : graph.nodes()) {
            String expression = n.attributes().get("adjoint_expr");
            if (expression != null) {
                values.put(n.id(), ArithmeticExpression.evaluate(expression, values));
            }
        }
        return values;
    }

    /** The reverse sweep: de/de = 1, then, node by node from the last, each edge adds partial * adjoint to its tail. */
    private static Map<String, Double> reverse(GraphFile graph, Map<String, Double> values) {
        Map<String, Double> adjoints = new HashMap<>();
        List<GraphFile.Node> nodes = graph.nodes();
        for (GraphFile.Node n : nodes) {
            adjoints.put(n.id(), "result".equals(n.attributes().get("adjoint_kind")) ? 1.0 : 0.0);
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            String head = nodes.get(i).id();
            for (GraphFile.Edge e : graph.edges()) {
                String partial = e.attributes().get("adjoint_partial");
                if (e.to().equals(head) && partial != null) {
                    double p = ArithmeticExpression.evaluate(partial, values);
                    adjoints.merge(e.from(), p * adjoints.get(head), Double::sum);
                }
            }
        }
        return adjoints;
    }

    private static void annotate(GraphFile graph, Map<String, Double> values, Map<String, Double> adjoints) {
        for (GraphFile.Node n : graph.nodes()) {
            String label = n.attributes().get("label");
            graph.relabel(n.line(), label + "\nvalue " + Numbers.format(values.get(n.id()))
                    + "\nadjoint " + Numbers.format(adjoints.get(n.id())));
        }
        for (GraphFile.Edge e : graph.edges()) {
            String partial = e.attributes().get("adjoint_partial");
            if (partial != null) {
                double p = ArithmeticExpression.evaluate(partial, values);
                String shown = partial.equals(Numbers.format(p)) || partial.equals(p + "") ? partial
                        : partial + " = " + Numbers.format(p);
                graph.relabel(e.line(), "∂" + e.to() + "/∂" + e.from() + " = " + shown);
            }
        }
    }

    /** Runs Graphviz's {@code dot} when it is installed; says how to install it otherwise. */
    private static void render(Path dot, Path svg, PrintStream out) {
        try {
            Process p = new ProcessBuilder("dot", "-Tsvg", dot.toString(), "-o", svg.toString())
                    .redirectErrorStream(true).start();
            String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() == 0) {
                out.println("  wrote " + svg);
            } else {
                out.println("  dot could not render it: " + messages.strip());
            }
        } catch (IOException e) {
            out.println("  Graphviz's dot is not installed, so there is no SVG. Install it with");
            out.println("    sudo apt-get install graphviz     (Debian, Ubuntu)");
            out.println("    brew install graphviz             (macOS)");
            out.println("  and run this again, or render the file yourself: dot -Tsvg " + dot + " -o " + svg);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
