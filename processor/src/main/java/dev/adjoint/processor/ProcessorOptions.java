package dev.adjoint.processor;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * The processor's {@code -A} options. A value it cannot use is a javac warning that says what it
 * takes, and the option is then off; nothing throws.
 *
 * <ul>
 *   <li>{@code -Aadjoint.graphs=DIR}: write each {@code @Differentiable} method's computational
 *       graph as Graphviz DOT to {@code DIR/<package>.<Owner>.<method>.dot}. A relative DIR is
 *       taken from the directory javac runs in.
 *   <li>{@code -Aadjoint.report} (or {@code =true}): one note per {@code @Differentiable} method
 *       with what its derivatives cost.
 * </ul>
 */
record ProcessorOptions(Path graphs, boolean report) {
  static final String GRAPHS = "adjoint.graphs";
  static final String REPORT = "adjoint.report";
  static final Set<String> SUPPORTED = Set.of(GRAPHS, REPORT);

  static ProcessorOptions read(Map<String, String> options, Messager messager) {
    return new ProcessorOptions(graphs(options, messager), report(options, messager));
  }

  private static Path graphs(Map<String, String> options, Messager messager) {
    if (!options.containsKey(GRAPHS)) {
      return null;
    }
    String dir = options.get(GRAPHS);
    if (dir == null || dir.isBlank()) {
      messager.printMessage(Diagnostic.Kind.WARNING, "Adjoint: -A" + GRAPHS + " needs a directory to write the "
          + "graphs to, as in -A" + GRAPHS + "=target/adjoint-graphs; no graphs are written");
      return null;
    }
    try {
      return Path.of(dir.strip());
    } catch (InvalidPathException e) {
      messager.printMessage(Diagnostic.Kind.WARNING, "Adjoint: -A" + GRAPHS + "=" + dir + " is not a directory name ("
          + e.getReason() + "); no graphs are written");
      return null;
    }
  }

  private static boolean report(Map<String, String> options, Messager messager) {
    if (!options.containsKey(REPORT)) {
      return false;
    }
    String value = options.get(REPORT);
    if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("true")) {
      return true;
    }
    if (value.strip().equalsIgnoreCase("false")) {
      return false;
    }
    messager.printMessage(Diagnostic.Kind.WARNING, "Adjoint: -A" + REPORT + " takes no value (or true or false), "
        + "not \"" + value + "\"; the cost report is off");
    return false;
  }

  boolean wantsInsights() {
    return graphs != null || report;
  }
}
