package dev.adjoint.processor.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Compiler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Aadjoint.graphs=DIR}: the DOT file of each {@code @Differentiable} method, read back as
 * nodes, edges and clusters.
 */
class GraphOptionTest {
  private static final String CLASSIC = """
      package g;

      import dev.adjoint.Differentiable;

      public final class Classic {
        private Classic() {}

        @Differentiable
        public static double e(double a, double b) {
          double c = a + b;
          double d = b + 1.0;
          return c * d;
        }
      }
      """;

  @TempDir
  Path dir;

  @Test
  void classicExampleHasExactlyItsNodesAndPartials() throws IOException {
    Graph g = compileAndRead(CLASSIC, "g.Classic.e");
    assertEquals(Set.of("a", "b", "c", "d", "e"), g.nodes.keySet());
    assertEquals(Set.of("a -> c : 1.0", "b -> c : 1.0", "b -> d : 1.0", "c -> e : d", "d -> e : c"), g.edges);
    assertEquals("input", g.attribute("a", "adjoint_kind"));
    assertEquals("input", g.attribute("b", "adjoint_kind"));
    assertEquals("intermediate", g.attribute("c", "adjoint_kind"));
    assertEquals("result", g.attribute("e", "adjoint_kind"));
    assertEquals("a + b", g.attribute("c", "adjoint_expr"));
    assertEquals("c * d", g.attribute("e", "adjoint_expr"));
    // Source lines of the statements that compute each value.
    assertEquals("10", g.attribute("c", "adjoint_line"));
    assertEquals("11", g.attribute("d", "adjoint_line"));
    assertEquals("12", g.attribute("e", "adjoint_line"));
    assertTrue(g.attribute("c", "label").contains("line 10"), g.text);
    assertFalse(g.text.contains("subgraph"), "straight-line code has no clusters:\n" + g.text);
  }

  @Test
  void partialsOfMathCallsComeFromTheDerivativeTable() throws IOException {
    Graph g = compileAndRead("""
        package g;

        import dev.adjoint.Differentiable;

        public final class Waves {
          private Waves() {}

          @Differentiable
          public static double f(double x, double y) {
            double s = Math.sin(x);
            return s / y;
          }
        }
        """, "g.Waves.f");
    assertTrue(g.edges.contains("x -> s : Math.cos(x)"), g.edges.toString());
    assertTrue(g.edges.contains("s -> f : 1.0 / y"), g.edges.toString());
    assertTrue(g.edges.contains("y -> f : -(f / y)"), g.edges.toString());
  }

  @Test
  void loopIsACluster() throws IOException {
    Graph g = compileAndRead("""
        package g;

        import dev.adjoint.Differentiable;

        public final class Sums {
          private Sums() {}

          @Differentiable
          public static double total(double[] x, double w) {
            double s = 0.0;
            for (int i = 0; i < x.length; i++) {
              s = s + x[i] * w;
            }
            return s;
          }
        }
        """, "g.Sums.total");
    Matcher cluster = Pattern.compile("subgraph \"cluster_loop_\\d+\" \\{\\n\\s*graph \\[label=\"for loop, line 11\"")
        .matcher(g.text);
    assertTrue(cluster.find(), g.text);
    String inside = g.text.substring(cluster.start(), g.text.indexOf("\n  }\n", cluster.start()));
    assertTrue(inside.contains("\"s#2\" [label=\"s#2 = s + "), inside);
    assertFalse(inside.contains("\"w\" ["), "the parameter is outside the loop:\n" + inside);
    // The sum that one iteration reads is the one the previous iteration computed.
    assertTrue(g.text.contains("\"s#2\" -> \"s#2\" [label=\"1.0\", adjoint_partial=\"1.0\", style=dashed, "
        + "constraint=false]"), g.text);
    assertTrue(g.edges.contains("s -> s#2 : 1.0"), g.edges.toString());
    // The product's partial with respect to w is its other factor, the element read out of x.
    Map.Entry<String, Map<String, String>> product = g.nodes.entrySet().stream()
        .filter(n -> String.valueOf(n.getValue().get("adjoint_expr")).endsWith(" * w")).findFirst()
        .orElseGet(() -> fail("no product node:\n" + g.text));
    String factor = product.getValue().get("adjoint_expr").replace(" * w", "");
    assertTrue(g.edges.contains("w -> " + product.getKey() + " : " + factor), g.edges.toString());
    assertEquals("x[i]", g.attribute(factor, "adjoint_expr"));
    assertTrue(g.text.contains("\"x\" -> \"" + factor + "\" [label=\"element\", style=dashed]"), g.text);
  }

  @Test
  void inlinedCallIsACluster() throws IOException {
    Graph g = compileAndRead("""
        package g;

        import dev.adjoint.Differentiable;

        public final class Calls {
          private Calls() {}

          static double square(double x) {
            return x * x;
          }

          @Differentiable
          public static double f(double a) {
            double s = square(a);
            return s + a;
          }
        }
        """, "g.Calls.f");
    assertTrue(g.text.contains("graph [label=\"inlined call of Calls.square, line 14\""), g.text);
  }

  @Test
  void dotTextIsValid() throws IOException {
    Graph g = compileAndRead(CLASSIC, "g.Classic.e");
    assertValidDot(g.text);
    assertValidDot(DotWriter.write(oddNames()));
  }

  @Test
  void quotesEscapeWhatDotWouldMisread() {
    assertEquals("\"say \\\"hi\\\"\\\\n\\nnext\"", DotWriter.quote("say \"hi\"\\n\nnext"));
  }

  @Test
  void optionWithoutDirectoryIsAWarning() {
    Compilation c = Compiler.compile(List.of("-Aadjoint.graphs"), source(CLASSIC));
    assertTrue(warnings(c).stream().anyMatch(w -> w.contains("-Aadjoint.graphs needs a directory")), warnings(c)
        .toString());
  }

  @Test
  void unwritableDirectoryIsAWarningAtTheMethod() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "");
    Compilation c = Compiler.compile(List.of("-Aadjoint.graphs=" + file), source(CLASSIC));
    List<Long> found = c.warnings().stream()
        .filter(w -> w.getMessage(null).contains("could not write the graph of Classic.e(double a, double b)"))
        .map(Diagnostic::getLineNumber).toList();
    assertEquals(1, found.size(), warnings(c).toString());
    assertEquals(9L, found.get(0));
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A graph whose names and expressions hold every character DOT gives a meaning in a string. */
  private static ComputationalGraph oddNames() {
    ComputationalGraph g = new ComputationalGraph("p.Odd.\"name\"", "Odd.f(double \\x)");
    ComputationalGraph.Cluster loop = g.root().add(new ComputationalGraph.Cluster("loop_1", "loop {\"}"));
    g.add(new ComputationalGraph.Node("x\"", ComputationalGraph.Kind.INPUT, "", 3, true, g.root()));
    g.add(new ComputationalGraph.Node("y{", ComputationalGraph.Kind.RESULT, "x\" + \"}\\\"", 4, true, loop));
    g.add(new ComputationalGraph.Edge("x\"", "y{", "a;b\nc", false, false));
    return g;
  }

  /** Braces balance outside strings, strings close, every statement ends, every label is a string. */
  static void assertValidDot(String dot) {
    int depth = 0;
    boolean inString = false;
    StringBuilder outside = new StringBuilder();
    for (int i = 0; i < dot.length(); i++) {
      char ch = dot.charAt(i);
      if (inString) {
        if (ch == '\\') {
          i++;
        } else if (ch == '"') {
          inString = false;
        } else if (ch == '\n') {
          fail("a line break inside a string at " + i + ":\n" + dot);
        }
        continue;
      }
      if (ch == '"') {
        inString = true;
        outside.append("S");
        continue;
      }
      outside.append(ch);
      if (ch == '{') {
        depth++;
      } else if (ch == '}') {
        depth--;
        assertTrue(depth >= 0, "a } without its {:\n" + dot);
      }
    }
    assertFalse(inString, "a string that does not close:\n" + dot);
    assertEquals(0, depth, "braces do not balance:\n" + dot);
    for (String line : outside.toString().split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("//")) {
        continue;
      }
      assertTrue(t.endsWith(";") || t.endsWith("{") || t.equals("}"), "unterminated statement: " + t);
      Matcher label = Pattern.compile("label=(.)").matcher(t);
      while (label.find()) {
        assertEquals("S", label.group(1), "a label that is not a quoted string: " + t);
      }
    }
  }

  private static JavaFileObject source(String text) {
    String pkg = text.substring(text.indexOf("package ") + 8, text.indexOf(';'));
    Matcher m = Pattern.compile("class (\\w+)").matcher(text);
    assertTrue(m.find());
    return Compiler.source(pkg + "." + m.group(1), text);
  }

  private static List<String> warnings(Compilation c) {
    return c.warnings().stream().map(w -> w.getMessage(null)).toList();
  }

  private Graph compileAndRead(String text, String method) throws IOException {
    Compiler.compileClean(List.of("-Aadjoint.graphs=" + dir), source(text));
    Path file = dir.resolve(method + ".dot");
    assertTrue(Files.exists(file), "no " + file);
    return Graph.parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** The nodes (with their attributes) and edges ({@code from -> to : partial}) of a DOT file we wrote. */
  private record Graph(String text, Map<String, Map<String, String>> nodes, Set<String> edges) {
    private static final Pattern NODE = Pattern.compile("^\\s*\"((?:[^\"\\\\]|\\\\.)*)\" \\[(.*)\\];$");
    private static final Pattern EDGE = Pattern.compile(
        "^\\s*\"((?:[^\"\\\\]|\\\\.)*)\" -> \"((?:[^\"\\\\]|\\\\.)*)\" \\[(.*)\\];$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|[^,\\s]+)");

    static Graph parse(String text) {
      Map<String, Map<String, String>> nodes = new HashMap<>();
      Set<String> edges = new HashSet<>();
      for (String line : text.split("\n")) {
        Matcher e = EDGE.matcher(line);
        if (e.matches()) {
          Map<String, String> a = attributes(e.group(3));
          if (a.containsKey("adjoint_partial")) {
            edges.add(e.group(1) + " -> " + e.group(2) + " : " + a.get("adjoint_partial"));
          }
          continue;
        }
        Matcher n = NODE.matcher(line);
        if (n.matches() && !line.strip().startsWith("graph ") && !line.strip().startsWith("node ")
            && !line.strip().startsWith("edge ")) {
          nodes.put(n.group(1), attributes(n.group(2)));
        }
      }
      return new Graph(text, nodes, edges);
    }

    private static Map<String, String> attributes(String list) {
      Map<String, String> a = new HashMap<>();
      Matcher m = ATTRIBUTE.matcher(list);
      while (m.find()) {
        String v = m.group(2);
        a.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\n", "\n") : v);
      }
      return a;
    }

    String attribute(String node, String name) {
      Map<String, String> a = nodes.get(node);
      assertNotNull(a, "no node " + node + " in\n" + text);
      return a.get(name);
    }
  }
}
