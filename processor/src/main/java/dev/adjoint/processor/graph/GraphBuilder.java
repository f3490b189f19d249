package dev.adjoint.processor.graph;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.emit.ExpressionText;
import dev.adjoint.processor.graph.ComputationalGraph.Cluster;
import dev.adjoint.processor.graph.ComputationalGraph.Edge;
import dev.adjoint.processor.graph.ComputationalGraph.Kind;
import dev.adjoint.processor.graph.ComputationalGraph.Node;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.Linear;
import dev.adjoint.processor.rules.Linearization;
import dev.adjoint.processor.transform.CallLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the computational graph of a method from its IR after inlining: what both transforms
 * differentiate, so the picture shows the derivative the generated code computes, with each
 * inlined call as a cluster of the callee's own steps. (Before inlining a call would be one opaque
 * node whose partials nothing in the IR states.) The partial on each edge is the one
 * {@link Linearization#scalar} gives, the same that forward and reverse mode read.
 *
 * <p>Each assignment makes a new node, named after its variable ({@code s}, then {@code s#2}, ...):
 * the graph is the method's values, not its variables. Inside a loop, a value that the previous
 * iteration computed reaches its readers by a dashed "next iteration" edge. After an {@code if},
 * a variable that the branches set differently gets a node that picks one of them.
 */
public final class GraphBuilder {
  private final ComputationalGraph graph;
  private final Activity activity;
  /** The node that holds each variable's value now. */
  private final Map<Var, String> current = new IdentityHashMap<>();
  /** Names for variables that stand for a node inside printed expressions (a result, a branch's value). */
  private final Map<Var, String> standIns = new IdentityHashMap<>();
  private final Set<String> ids = new HashSet<>();
  /** The statements of each inlined copy, innermost copy first. */
  private final Map<Stmt, List<CallLog.Inlined>> inlinedBy = new IdentityHashMap<>();
  private final Map<CallLog.Inlined, Map<Cluster, Cluster>> callClusters = new IdentityHashMap<>();
  private final Map<Expr.Invoke, String> keptReasons = new IdentityHashMap<>();
  private final List<LoopFrame> loops = new ArrayList<>();
  private int clusters;
  /** The variable drawn under the method's name, and that name (see {@link #nameResult}). */
  private Var resultName;
  private String resultBase;

  /** A loop being walked: the variables it assigns, their nodes on entry, and reads of those. */
  private record LoopFrame(Set<Var> assigned, Map<Var, String> onEntry, List<CarriedRead> reads) {}

  private record CarriedRead(Var var, String reader, String partial) {}

  private GraphBuilder(String name, String signature, Activity activity, CallLog calls) {
    this.graph = new ComputationalGraph(name, signature);
    this.activity = activity;
    for (CallLog.Inlined i : calls.inlined()) {
      for (Stmt s : i.copy().statements()) {
        inlinedBy.computeIfAbsent(s, k -> new ArrayList<>()).add(i);
      }
    }
    for (CallLog.Kept k : calls.kept()) {
      keptReasons.put(k.call(), k.reason());
    }
  }

  /**
   * The graph of {@code inlined} (the method as the inliner left it), named {@code name}
   * ({@code package.Owner.method}); {@code calls} says which statements came from which call.
   */
  public static ComputationalGraph build(String name, String signature, Function inlined, CallLog calls) {
    GraphBuilder b = new GraphBuilder(name, signature, Activity.of(inlined), calls);
    for (Function.Parameter p : inlined.parameters()) {
      if (carriesValues(p.var().type())) {
        String id = b.idFor(p.var());
        b.current.put(p.var(), id);
        Kind kind = p.differentiable() ? Kind.INPUT : Kind.CONSTANT_INPUT;
        b.graph.add(new Node(id, kind, "", inlined.pos().line(), p.differentiable(), b.graph.root()));
      }
    }
    b.nameResult(inlined);
    b.block(inlined.body(), b.graph.root(), inlined.name());
    return b.graph;
  }

  /** The types whose values are nodes: doubles and arrays of them. */
  private static boolean carriesValues(Type t) {
    return t.equals(Type.DOUBLE) || t.equals(Type.DOUBLE_ARRAY) || t.equals(Type.DOUBLE_MATRIX);
  }

  private void block(Block b, Cluster parent, String method) {
    for (Stmt s : b.statements()) {
      statement(s, clusterOf(s, parent), method);
    }
  }

  /** The cluster of an inlined call's statements, nested as the calls were. */
  private Cluster clusterOf(Stmt s, Cluster parent) {
    List<CallLog.Inlined> chain = new ArrayList<>(inlinedBy.getOrDefault(s, List.of()));
    java.util.Collections.reverse(chain);
    Cluster c = parent;
    for (CallLog.Inlined call : chain) {
      Cluster outer = c;
      c = callClusters.computeIfAbsent(call, k -> new HashMap<>()).computeIfAbsent(outer, k -> outer.add(
          new Cluster("call_" + ++clusters, "inlined call of " + simple(call.call().method().owner()) + "."
              + call.call().method().name() + ", line " + call.call().pos().line())));
    }
    return c;
  }

  private void statement(Stmt s, Cluster cluster, String method) {
    if (s instanceof Stmt.Declare d && d.init() != null && carriesValues(d.var().type())) {
      assign(d.var(), d.init(), d.pos(), cluster);
    } else if (s instanceof Stmt.Assign a && carriesValues(a.target().type())) {
      assign(a.target(), a.value(), a.pos(), cluster);
    } else if (s instanceof Stmt.ArrayStore store) {
      arrayStore(store, cluster);
    } else if (s instanceof Stmt.ArrayCopy copy) {
      arrayCopy(copy, cluster);
    } else if (s instanceof Stmt.If i) {
      ifStatement(i, cluster, method);
    } else if (s instanceof Stmt.Loop l) {
      loop(l, cluster, method);
    } else if (s instanceof Stmt.Return r && r.value() != null && carriesValues(r.value().type())) {
      result(r, cluster, method);
    }
  }

  // ---- values ---------------------------------------------------------------------------------

  private void assign(Var v, Expr value, SourcePos pos, Cluster cluster) {
    if (value instanceof Expr.Invoke call && call.method().isDifferentiable()) {
      callNode(v, call, pos, cluster);
      return;
    }
    String id = idFor(v);
    node(v, id, value, pos, cluster, Kind.INTERMEDIATE);
  }

  /** A node for {@code value}, with an edge from each operand that carries a value. */
  private void node(Var v, String id, Expr value, SourcePos pos, Cluster cluster, Kind kind) {
    Var result = standIn(id, v == null ? value.type() : v.type());
    String expression = text(value);
    boolean active = v != null ? activity.isActive(v) : activity.isActive(value);
    graph.add(new Node(id, kind, expression, pos.line(), active, cluster));
    if (value instanceof Expr.ArrayLoad load && value.type().equals(Type.DOUBLE)) {
      // An element read into a variable: the variable's node is the element.
      elementOf(load, id);
    } else if (value.type().equals(Type.DOUBLE)) {
      for (Linear.Term t : Linearization.scalar(value, result).terms()) {
        edge(t.operand(), id, text(t.partial()), cluster);
      }
    } else {
      storageEdges(value, id, cluster);
    }
    if (v != null) {
      current.put(v, id);
    }
  }

  /** Edges into an array value: the arrays whose elements it shares or copies, the scalars it packs. */
  private void storageEdges(Expr value, String id, Cluster cluster) {
    Linear.Storage storage = Linearization.storage(value);
    if (storage instanceof Linear.Alias a) {
      for (Expr part : a.parts()) {
        edge(part, id, "1", cluster);
      }
    } else if (storage instanceof Linear.Copy c) {
      edge(c.source(), id, "1", cluster);
    } else if (storage instanceof Linear.Pack p) {
      for (int k = 0; k < p.elements().size(); k++) {
        for (Linear.Term t : p.elements().get(k).terms()) {
          edge(t.operand(), id, "[" + k + "]: " + text(t.partial()), cluster);
        }
      }
    }
  }

  /** An edge from the node holding {@code operand} (a variable, an element, an array) to {@code to}. */
  private void edge(Expr operand, String to, String partial, Cluster cluster) {
    if (operand instanceof Var v) {
      String from = current.get(v);
      if (from != null) {
        graph.add(new Edge(from, to, partial, false, false));
        noteCarriedRead(v, to, partial);
      }
      return;
    }
    if (operand instanceof Expr.ArrayLoad load && operand.type().equals(Type.DOUBLE)) {
      graph.add(new Edge(element(load, cluster), to, partial, false, false));
      return;
    }
    if (operand.type().isArray()) {
      Var storage = Walk.storage(operand);
      if (storage != null && current.containsKey(storage)) {
        graph.add(new Edge(current.get(storage), to, partial, false, false));
        noteCarriedRead(storage, to, partial);
      }
    }
  }

  /** The node of an element read ({@code x[i]}), joined to its array by a dashed edge. */
  private String element(Expr.ArrayLoad load, Cluster cluster) {
    String id = text(load);
    if (graph.node(id) == null) {
      ids.add(id);
      graph.add(new Node(id, Kind.INTERMEDIATE, "", 0, activity.isActive(load), cluster));
      elementOf(load, id);
    }
    return id;
  }

  /** The dashed edge from an array to the node of one of its elements. */
  private void elementOf(Expr.ArrayLoad load, String id) {
    Var storage = Walk.storage(load.array());
    if (storage != null && current.containsKey(storage)) {
      graph.add(new Edge(current.get(storage), id, "element", true, false));
      noteCarriedRead(storage, id, "element");
    }
  }

  /**
   * A call that stays a call: one node in a cluster that says why, with an edge from each argument
   * labelled with the callee's partial, which its own derivative methods compute.
   */
  private void callNode(Var v, Expr.Invoke call, SourcePos pos, Cluster cluster) {
    String name = simple(call.method().owner()) + "." + call.method().name();
    String reason = keptReasons.getOrDefault(call, "it is not a statement of its own");
    Cluster box = cluster.add(new Cluster("call_" + ++clusters, "call of " + name + ", line " + pos.line()
        + " (stays a call: " + reason + ")"));
    String id = idFor(v);
    graph.add(new Node(id, Kind.INTERMEDIATE, text(call), pos.line(), activity.isActive(v), box));
    for (int k = 0; k < call.args().size(); k++) {
      Expr arg = call.args().get(k);
      if (carriesValues(arg.type())) {
        edge(arg, id, "∂" + call.method().name() + "/∂(argument " + (k + 1) + ")", box);
      }
    }
    current.put(v, id);
  }

  private void arrayStore(Stmt.ArrayStore store, Cluster cluster) {
    Var array = Walk.storage(store.array());
    if (array == null || !current.containsKey(array)) {
      return;
    }
    String before = current.get(array);
    Expr target = new Expr.ArrayLoad(store.array(), store.index(), store.value().type());
    String id = idFor(array);
    graph.add(new Node(id, Kind.INTERMEDIATE, text(target) + " := " + text(store.value()), store.pos().line(),
        activity.isActive(array), cluster));
    graph.add(new Edge(before, id, "other elements", true, false));
    noteCarriedRead(array, id, "other elements");
    if (store.value().type().equals(Type.DOUBLE)) {
      for (Linear.Term t : Linearization.scalar(store.value(), store.value()).terms()) {
        edge(t.operand(), id, text(t.partial()), cluster);
      }
    } else {
      storageEdges(store.value(), id, cluster);
    }
    current.put(array, id);
  }

  private void arrayCopy(Stmt.ArrayCopy copy, Cluster cluster) {
    Var target = Walk.storage(copy.target());
    if (target == null || !current.containsKey(target)) {
      return;
    }
    String id = idFor(target);
    graph.add(new Node(id, Kind.INTERMEDIATE, "copy of " + text(copy.source()), copy.pos().line(),
        activity.isActive(target), cluster));
    edge(copy.source(), id, "1", cluster);
    current.put(target, id);
  }

  private void result(Stmt.Return r, Cluster cluster, String method) {
    Var returned = r.value() instanceof Var v ? v : null;
    if (returned != null && current.containsKey(returned)) {
      // The value already has a node: that node is the result.
      Node n = graph.node(current.get(returned));
      graph.replace(n, new Node(n.id(), Kind.RESULT, n.expression(), n.line(), n.active(), n.cluster()));
      return;
    }
    String id = ids.contains(method) ? unique("result") : unique(method);
    node(null, id, r.value(), r.pos(), cluster, Kind.RESULT);
  }

  // ---- control flow ---------------------------------------------------------------------------

  /** Both branches; then, for each variable they leave at different nodes, a node that picks one. */
  private void ifStatement(Stmt.If i, Cluster cluster, String method) {
    Map<Var, String> before = new IdentityHashMap<>(current);
    block(i.then(), cluster, method);
    Map<Var, String> afterThen = new IdentityHashMap<>(current);
    current.clear();
    current.putAll(before);
    block(i.otherwise(), cluster, method);
    Map<Var, String> afterElse = new IdentityHashMap<>(current);
    Set<Var> vars = new LinkedHashSet<>(afterThen.keySet());
    vars.addAll(afterElse.keySet());
    for (Var v : vars) {
      String t = afterThen.get(v);
      String e = afterElse.get(v);
      if (t == null || e == null || t.equals(e)) {
        current.put(v, t != null ? t : e);
        continue;
      }
      Var thenValue = standIn(t, v.type());
      Var elseValue = standIn(e, v.type());
      current.put(thenValue, t);
      current.put(elseValue, e);
      node(v, idFor(v), new Expr.Conditional(i.condition(), thenValue, elseValue, v.type()), i.pos(), cluster,
          Kind.INTERMEDIATE);
      current.remove(thenValue);
      current.remove(elseValue);
    }
  }

  private void loop(Stmt.Loop l, Cluster cluster, String method) {
    block(l.init(), cluster, method);
    String kind = switch (l.kind()) {
      case FOR -> "for";
      case WHILE -> "while";
      case DO_WHILE -> "do-while";
    };
    Cluster box = cluster.add(new Cluster("loop_" + ++clusters, kind + " loop, line " + l.pos().line()));
    Set<Var> assigned = new HashSet<>();
    for (Block b : List.of(l.header(), l.body(), l.update())) {
      Walk.statements(b, s -> {
        if (s instanceof Stmt.Declare d) {
          assigned.add(d.var());
        } else if (s instanceof Stmt.Assign a) {
          assigned.add(a.target());
        } else if (s instanceof Stmt.ArrayStore store && Walk.storage(store.array()) != null) {
          assigned.add(Walk.storage(store.array()));
        } else if (s instanceof Stmt.ArrayCopy copy && Walk.storage(copy.target()) != null) {
          assigned.add(Walk.storage(copy.target()));
        }
      });
    }
    LoopFrame frame = new LoopFrame(assigned, new IdentityHashMap<>(current), new ArrayList<>());
    loops.add(frame);
    block(l.header(), box, method);
    block(l.body(), box, method);
    block(l.update(), box, method);
    loops.remove(loops.size() - 1);
    Set<String> drawn = new HashSet<>();
    for (CarriedRead read : frame.reads()) {
      String last = current.get(read.var());
      if (last != null && !last.equals(frame.onEntry().get(read.var()))
          && drawn.add(last + "->" + read.reader())) {
        boolean structural = read.partial().equals("element") || read.partial().equals("other elements");
        graph.add(new Edge(last, read.reader(), read.partial(), structural, true));
      }
    }
  }

  /** A read, inside loops, of the node a variable had on entry: the next iteration reads a later one. */
  private void noteCarriedRead(Var v, String reader, String partial) {
    for (LoopFrame frame : loops) {
      if (frame.assigned().contains(v) && current.get(v).equals(frame.onEntry().get(v))) {
        frame.reads().add(new CarriedRead(v, reader, partial));
      }
    }
  }

  // ---- names ----------------------------------------------------------------------------------

  /**
   * The temporary that lowering makes for {@code return a * b} is drawn under the method's own name
   * ({@code e = c * d}), as the value is in the source, unless a variable of the method has that name.
   */
  private void nameResult(Function f) {
    List<Stmt> body = f.body().statements();
    if (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return r) || !(r.value() instanceof Var v)
        || v.role() != Var.Role.TEMPORARY) {
      return;
    }
    Set<String> names = new HashSet<>();
    f.parameters().forEach(p -> names.add(p.var().name()));
    Walk.statements(f.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        names.add(d.var().name());
      }
    });
    if (!names.contains(f.name())) {
      resultName = v;
      resultBase = f.name();
    }
  }

  /** A new node's id for a value of {@code v}; {@code v} still names its old node until the caller moves it. */
  private String idFor(Var v) {
    return unique(v == resultName ? resultBase : v.name());
  }

  private String unique(String base) {
    String id = base;
    for (int n = 2; !ids.add(id); n++) {
      id = base + "#" + n;
    }
    return id;
  }

  /** A variable that prints as the node {@code id}. */
  private Var standIn(String id, Type type) {
    Var v = new Var(id, type, Var.Role.TEMPORARY);
    standIns.put(v, id);
    return v;
  }

  /** An expression with each variable named by its node now (integers and constants by their own names). */
  private String text(Expr e) {
    return ExpressionText.of(e, v -> standIns.containsKey(v) ? standIns.get(v) : current.getOrDefault(v, v.name()));
  }

  private static String simple(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1);
  }
}
