package dev.adjoint.processor.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The computational graph of one differentiated method: its values as nodes, each edge carrying
 * the local partial derivative of its head with respect to its tail, and loops and calls as
 * clusters. Built by {@link GraphBuilder}, printed by {@link DotWriter}.
 */
public final class ComputationalGraph {
  /** What a node stands for; the picture draws each kind with its own shape. */
  public enum Kind {
    /** A parameter derivatives are taken with respect to. */
    INPUT,
    /** A parameter held constant ({@code @NoDerivative}, outside {@code wrt}, or of a type without derivatives). */
    CONSTANT_INPUT,
    /** A value computed on the way. */
    INTERMEDIATE,
    /** The value returned. */
    RESULT
  }

  /**
   * A value. {@code expression} is how it is computed from other nodes, with each one named by its
   * id (empty for inputs); {@code active} is false for values that carry no derivative.
   */
  public record Node(String id, Kind kind, String expression, long line, boolean active, Cluster cluster) {}

  /**
   * {@code to} depends on {@code from} with the local partial {@code partial} (an expression over
   * node ids). {@code structural} marks edges that carry no partial of their own (an element read
   * out of an array, the elements an array store leaves alone): their label says what they are.
   * {@code nextIteration} marks the edge from a value's last version in a loop to where the next
   * iteration reads it.
   */
  public record Edge(String from, String to, String partial, boolean structural, boolean nextIteration) {}

  /** A loop, an inlined call or a call that stays a call: a box around its nodes and inner clusters. */
  public static final class Cluster {
    private final String id;
    private final String label;
    private final List<Cluster> children = new ArrayList<>();

    Cluster(String id, String label) {
      this.id = id;
      this.label = label;
    }

    public String id() {
      return id;
    }

    public String label() {
      return label;
    }

    public List<Cluster> children() {
      return Collections.unmodifiableList(children);
    }

    Cluster add(Cluster child) {
      children.add(child);
      return child;
    }
  }

  private final String name;
  private final String signature;
  private final Cluster root = new Cluster("", "");
  private final List<Node> nodes = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();

  ComputationalGraph(String name, String signature) {
    this.name = name;
    this.signature = signature;
  }

  /** {@code package.Owner.method}. */
  public String name() {
    return name;
  }

  /** The method as its source declares it, for the caption. */
  public String signature() {
    return signature;
  }

  /** The method itself; clusters for loops and calls are inside it. */
  public Cluster root() {
    return root;
  }

  /** In the order the method computes them. */
  public List<Node> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  public List<Edge> edges() {
    return Collections.unmodifiableList(edges);
  }

  public Node node(String id) {
    for (Node n : nodes) {
      if (n.id().equals(id)) {
        return n;
      }
    }
    return null;
  }

  void add(Node n) {
    nodes.add(n);
  }

  void add(Edge e) {
    edges.add(e);
  }

  void replace(Node old, Node n) {
    nodes.set(nodes.indexOf(old), n);
  }
}
