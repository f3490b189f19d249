package dev.adjoint.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A graph file as the annotation processor writes it with {@code -Aadjoint.graphs=DIR}: one node
 * or edge statement a line, quoted ids, and the attributes {@code adjoint_kind},
 * {@code adjoint_expr} (how a node is computed) and {@code adjoint_partial} (an edge's local
 * partial derivative). It can give a node or an edge a new label and print the file again.
 */
final class GraphFile {
    /** A node: its id and attributes, and the line of the file it is on. */
    record Node(String id, Map<String, String> attributes, int line) {
    }

    /** An edge: from, to, attributes, line. */
    record Edge(String from, String to, Map<String, String> attributes, int line) {
    }

    private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
    private static final Pattern NODE = Pattern.compile("^(\\s*)" + QUOTED + " \\[(.*)\\];$");
    private static final Pattern EDGE = Pattern.compile("^(\\s*)" + QUOTED + " -> " + QUOTED + " \\[(.*)\\];$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(" + "\"(?:[^\"\\\\]|\\\\.)*\"" + "|[^,\\s]+)");

    private final List<String> lines;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    GraphFile(String text) {
        this.lines = new ArrayList<>(List.of(text.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher e = EDGE.matcher(line);
            Matcher n = NODE.matcher(line);
            if (e.matches()) {
                edges.add(new Edge(unquote(e.group(2)), unquote(e.group(3)), attributes(e.group(4)), i));
            } else if (n.matches()) {
                nodes.add(new Node(unquote(n.group(2)), attributes(n.group(3)), i));
            }
        }
    }

    /** In the order the method computes them. */
    List<Node> nodes() {
        return nodes;
    }

    List<Edge> edges() {
        return edges;
    }

    /** Gives the node or edge on {@code line} the label {@code label}. */
    void relabel(int line, String label) {
        Matcher m = Pattern.compile("label=" + QUOTED).matcher(lines.get(line));
        if (!m.find()) {
            throw new IllegalArgumentException("no label on line " + (line + 1) + ": " + lines.get(line));
        }
        lines.set(line, lines.get(line).substring(0, m.start()) + "label=" + quote(label)
                + lines.get(line).substring(m.end()));
    }

    String text() {
        return String.join("\n", lines);
    }

    private static Map<String, String> attributes(String list) {
        Map<String, String> a = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(list);
        while (m.find()) {
            String v = m.group(2);
            a.put(m.group(1), v.startsWith("\"") ? unquote(v.substring(1, v.length() - 1)) : v);
        }
        return a;
    }

    private static String unquote(String s) {
        return s.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
