package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.adjoint.processor.AdjointProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/** Compiles sources in memory with the processor, the way the tests need it. */
public final class Compiler {
  private Compiler() {}

  /**
   * The system compiler, looked up once: {@code ToolProvider} scans the class path for providers on
   * every call, which cost a fuzz hunt about 6% of its time. The tool itself keeps no state between
   * tasks.
   */
  private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

  private static com.google.testing.compile.Compiler javac() {
    return com.google.testing.compile.Compiler.compiler(JAVAC);
  }

  /** A source file from its fully qualified class name and text. */
  public static JavaFileObject source(String className, String text) {
    return JavaFileObjects.forSourceString(className, text);
  }

  public static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(), sources);
  }

  /** With processor options ({@code -Aadjoint.report}, ...) besides the usual ones. */
  public static Compilation compile(List<String> options, JavaFileObject... sources) {
    List<String> all = new ArrayList<>(List.of("-Xlint:all", "-Werror"));
    all.addAll(options);
    return javac()
        .withProcessors(new AdjointProcessor())
        .withOptions(all)
        .compile(sources);
  }

  /** Compiles, requires success with no warning at all, and loads the classes. */
  public static Loaded compileClean(JavaFileObject... sources) {
    return compileClean(List.of(), sources);
  }

  /** As {@link #compileClean(JavaFileObject...)}, with processor options. */
  public static Loaded compileClean(List<String> options, JavaFileObject... sources) {
    Compilation c = compile(options, sources);
    List<Diagnostic<? extends JavaFileObject>> problems = new ArrayList<>(c.errors());
    problems.addAll(c.warnings());
    if (c.status() != Compilation.Status.SUCCESS || !problems.isEmpty()) {
      StringBuilder text = new StringBuilder("compilation was not clean:\n");
      for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
        text.append(d).append('\n');
      }
      for (JavaFileObject f : c.generatedSourceFiles()) {
        text.append("---- ").append(f.getName()).append('\n').append(contents(f));
      }
      fail(text.toString());
    }
    checkMethodSizes(c);
    return new Loaded(c, new InMemoryClassLoader(c, Compiler.class.getClassLoader()));
  }

  /** Every generated method stays small enough for HotSpot to compile it (see {@link MethodSizes}). */
  private static void checkMethodSizes(Compilation c) {
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS || !f.getName().contains("Derivatives")) {
        continue;
      }
      try (java.io.InputStream in = f.openInputStream()) {
        MethodSizes.of(in.readAllBytes()).forEach((method, size) -> check(size <= MethodSizes.HUGE_METHOD_LIMIT,
            f.getName() + ": generated method " + method + " has " + size + " bytes of bytecode, more than HotSpot's "
                + MethodSizes.HUGE_METHOD_LIMIT + "-byte limit for compiling it"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Compiles with the processor against earlier builds' output (directories, as jars would be), with
   * the test class path after them.
   */
  public static Compilation compileAgainst(List<Path> classPath, JavaFileObject... sources) {
    List<File> path = new ArrayList<>();
    classPath.forEach(p -> path.add(p.toFile()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isEmpty() && new File(entry).exists()) {
        path.add(new File(entry));
      }
    }
    return javac()
        .withProcessors(new AdjointProcessor())
        .withOptions("-Xlint:all,-path", "-Werror")
        .withClasspath(path)
        .compile(sources);
  }

  /** Every class and resource a compilation wrote, into {@code dir}, for a later compilation's class path. */
  public static Path writeOutput(Compilation c, Path dir) throws IOException {
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.SOURCE) {
        continue;
      }
      String uri = f.toUri().getPath();
      int start = uri.indexOf("/CLASS_OUTPUT/");
      String relative = start >= 0 ? uri.substring(start + "/CLASS_OUTPUT/".length()) : uri.substring(1);
      Path target = dir.resolve(relative);
      Files.createDirectories(target.getParent());
      try (InputStream in = f.openInputStream()) {
        Files.write(target, in.readAllBytes());
      }
    }
    return dir;
  }

  public static String contents(JavaFileObject f) {
    try {
      return f.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the generated source for a class, for instance {@code p.FooDerivatives}. */
  public static String generatedSource(Compilation c, String className) {
    String path = className.replace('.', '/') + ".java";
    for (JavaFileObject f : c.generatedSourceFiles()) {
      if (f.toUri().getPath().endsWith(path)) {
        return contents(f);
      }
    }
    throw new AssertionError("no generated source " + className + "; generated: "
        + c.generatedSourceFiles().stream().map(JavaFileObject::getName).collect(Collectors.joining(", ")));
  }

  /** Errors of a failed compilation, as "line: message" strings. */
  public static List<String> errors(Compilation c) {
    List<String> out = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
      out.add(d.getLineNumber() + ": " + d.getMessage(null));
    }
    return out;
  }

  /** A successful compilation and its classes. */
  public record Loaded(Compilation compilation, InMemoryClassLoader loader) {
    public Class<?> load(String name) {
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException e) {
        throw new AssertionError(e);
      }
    }

    public String source(String className) {
      return generatedSource(compilation, className);
    }
  }

  static void check(boolean ok, String message) {
    assertEquals(true, ok, message);
  }
}
