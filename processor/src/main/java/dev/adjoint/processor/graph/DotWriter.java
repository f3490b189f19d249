package dev.adjoint.processor.graph;

import dev.adjoint.processor.graph.ComputationalGraph.Cluster;
import dev.adjoint.processor.graph.ComputationalGraph.Edge;
import dev.adjoint.processor.graph.ComputationalGraph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link ComputationalGraph} as Graphviz DOT. Every id and label is a quoted string, so
 * any name or expression is valid DOT. Besides what Graphviz draws, nodes carry
 * {@code adjoint_kind}, {@code adjoint_expr} and {@code adjoint_line}, and edges
 * {@code adjoint_partial}: the graph as data, for tools that annotate it (Graphviz ignores
 * attributes it does not know).
 */
public final class DotWriter {
  private DotWriter() {}

  public static String write(ComputationalGraph g) {
    StringBuilder out = new StringBuilder();
    out.append("// The computational graph of ").append(g.signature()).append(", written by Adjoint.\n");
    out.append("// Each edge carries the local partial derivative of its head with respect to its tail;\n");
    out.append("// dashed nodes carry no derivative. Render it with: dot -Tsvg FILE -o FILE.svg\n");
    out.append("digraph ").append(quote(g.name())).append(" {\n");
    out.append("  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=")
        .append(quote(g.signature())).append("];\n");
    out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    Map<Cluster, List<Node>> byCluster = new LinkedHashMap<>();
    for (Node n : g.nodes()) {
      byCluster.computeIfAbsent(n.cluster(), c -> new ArrayList<>()).add(n);
    }
    cluster(g.root(), byCluster, "  ", out);
    for (Edge e : g.edges()) {
      out.append("  ").append(quote(e.from())).append(" -> ").append(quote(e.to())).append(" [label=")
          .append(quote(e.partial()));
      if (!e.structural()) {
        out.append(", adjoint_partial=").append(quote(e.partial()));
      }
      if (e.structural() || e.nextIteration()) {
        out.append(", style=dashed");
      }
      if (e.nextIteration()) {
        out.append(", constraint=false");
      }
      out.append("];\n");
    }
    out.append("}\n");
    return out.toString();
  }

  private static void cluster(Cluster c, Map<Cluster, List<Node>> byCluster, String indent, StringBuilder out) {
    for (Node n : byCluster.getOrDefault(c, List.of())) {
      out.append(indent).append(quote(n.id())).append(" [").append(attributes(n)).append("];\n");
    }
    for (Cluster child : c.children()) {
      out.append(indent).append("subgraph ").append(quote("cluster_" + child.id())).append(" {\n");
      out.append(indent).append("  graph [label=").append(quote(child.label()))
          .append(", style=rounded, color=\"gray50\"];\n");
      cluster(child, byCluster, indent + "  ", out);
      out.append(indent).append("}\n");
    }
  }

  private static String attributes(Node n) {
    String label = n.expression().isEmpty() ? n.id() : n.id() + " = " + n.expression();
    if (n.line() > 0) {
      label += "\nline " + n.line();
    }
    String shape = switch (n.kind()) {
      case INPUT, CONSTANT_INPUT -> "ellipse";
      case INTERMEDIATE -> "box";
      case RESULT -> "doubleoctagon";
    };
    StringBuilder a = new StringBuilder("label=").append(quote(label)).append(", shape=").append(shape);
    if (!n.active()) {
      a.append(", style=dashed, color=\"gray40\"");
    }
    a.append(", adjoint_kind=").append(quote(n.kind().name().toLowerCase(java.util.Locale.ROOT)));
    if (!n.expression().isEmpty()) {
      a.append(", adjoint_expr=").append(quote(n.expression()));
    }
    if (n.line() > 0) {
      a.append(", adjoint_line=").append(quote(Long.toString(n.line())));
    }
    return a.toString();
  }

  /** A DOT quoted string: quotes and backslashes escaped, line breaks as DOT's {@code \n}. */
  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> { }
        default -> q.append(ch);
      }
    }
    return q.append('"').toString();
  }
}
