package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.AdjointProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import javax.tools.JavaFileObject;

/** Shared checks of the hostile-input corpus: one error, with a hint, on the right line, nothing generated. */
final class Hostile {
  private static final java.util.regex.Pattern HINT = java.util.regex.Pattern.compile("\n\\s*what to do: \\S");

  /** Whether a message has its second line "what to do: ..." (javac may indent it). */
  static boolean hasHint(String message) {
    return HINT.matcher(message).find();
  }

  private Hostile() {}

  /** {@code package p; import dev.adjoint.*;} followed by the text. */
  static String unit(String text) {
    return "package p;\n\nimport dev.adjoint.Differentiable;\nimport dev.adjoint.NoDerivative;\n\n" + text;
  }

  /** Number (1-based) of the only line of {@code text} that contains {@code fragment}. */
  static long lineOf(String text, String fragment) {
    String[] lines = text.split("\n", -1);
    long found = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        if (found >= 0) {
          throw new AssertionError("test bug: more than one line contains <" + fragment + ">");
        }
        found = i + 1;
      }
    }
    if (found < 0) {
      throw new AssertionError("test bug: no line contains <" + fragment + ">");
    }
    return found;
  }

  static String dump(Compilation c) {
    StringBuilder b = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      b.append("  [").append(d.getKind()).append("] line ").append(d.getLineNumber()).append(": ")
          .append(d.getMessage(null).replace("\n", "\n      ")).append('\n');
    }
    return b.toString();
  }

  /** Never an exception escaping the processor, never an internal error. */
  static void noCrash(Compilation c) {
    for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
      String m = d.getMessage(null);
      if (m.contains("threw an uncaught exception") || m.contains("Adjoint could not differentiate")
          || m.contains("Exception") && m.contains("at dev.adjoint")) {
        fail("the processor crashed:\n" + dump(c));
      }
    }
  }

  /**
   * Compiles {@code p.T} and requires: failure, exactly one error, containing {@code fragment} and a
   * hint, on the only line that contains {@code lineText}, and no generated source.
   */
  static Compilation expectOneError(String text, String fragment, String lineText) {
    return expectOneError("p.T", text, fragment, lineText);
  }

  static Compilation expectOneError(String className, String text, String fragment, String lineText) {
    long line = lineOf(text, lineText);
    Compilation c = Compiler.compile(Compiler.source(className, text));
    noCrash(c);
    List<String> problems = new ArrayList<>();
    if (c.status() != Compilation.Status.FAILURE) {
      problems.add("compilation did not fail");
    }
    if (c.errors().size() != 1) {
      problems.add("expected exactly 1 error, got " + c.errors().size());
    }
    if (!c.warnings().isEmpty()) {
      problems.add("expected no warnings, got " + c.warnings().size());
    }
    if (!c.errors().isEmpty()) {
      Diagnostic<? extends JavaFileObject> d = c.errors().get(0);
      String m = d.getMessage(null);
      if (!m.contains(fragment)) {
        problems.add("the error does not contain <" + fragment + ">");
      }
      if (!hasHint(m)) {
        problems.add("the error has no 'what to do:' hint");
      }
      if (d.getLineNumber() != line) {
        problems.add("expected the error on line " + line + " (" + lineText.trim() + "), it is on line "
            + d.getLineNumber());
      }
    }
    List<String> generated = generatedSources(Compiler.source(className, text));
    if (!generated.isEmpty()) {
      problems.add("sources were generated for a class with errors: " + generated);
    }
    if (!problems.isEmpty()) {
      fail(String.join("; ", problems) + "\nsource:\n" + numbered(text) + "diagnostics:\n" + dump(c));
    }
    return c;
  }

  /**
   * Compiles with the processor straight through javax.tools into a temporary folder and lists the
   * generated sources (compile-testing hides them when the compilation fails).
   */
  static List<String> generatedSources(JavaFileObject... sources) {
    try {
      Path dir = Files.createTempDirectory("adjoint-hostile");
      Path out = Files.createDirectories(dir.resolve("classes"));
      Path gen = Files.createDirectories(dir.resolve("generated"));
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
        files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
        files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(gen));
        JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
            List.of("-classpath", System.getProperty("java.class.path"), "-Xlint:all", "-Werror"), null,
            List.of(sources));
        task.setProcessors(List.of(new AdjointProcessor()));
        task.call();
      }
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        String m = d.getMessage(null);
        if (m.contains("threw an uncaught exception") || m.contains("Adjoint could not differentiate")) {
          fail("the processor crashed: " + m);
        }
      }
      List<String> result = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(gen)) {
        walk.filter(Files::isRegularFile).forEach(f -> result.add(gen.relativize(f).toString().replace('\\', '/')));
      }
      Collections.sort(result);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String numbered(String text) {
    StringBuilder b = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      b.append(String.format("  %3d| %s%n", i + 1, lines[i]));
    }
    return b.toString();
  }
}
