package dev.adjoint.processor.behaviour;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import dev.adjoint.Derivatives;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.DerivativeCheck;
import dev.adjoint.processor.testing.InMemoryClassLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Builds that see earlier builds only through their output on the class path, as a jar would be: a
 * library compiled without Adjoint, rules compiled into a "jar", a later build against both.
 */
final class ClassPathBuilds {
  private ClassPathBuilds() {}

  /** A library compiled without the processor, written to a fresh directory. */
  static Path libraryWithoutAdjoint(String className, String source) throws IOException {
    Compilation lib = com.google.testing.compile.Compiler.javac().withOptions("-proc:none")
        .compile(Compiler.source(className, source));
    assertThat(lib).succeeded();
    return write(lib, "adjoint-lib");
  }

  /** Everything a compilation wrote (classes and resources), in a fresh directory. */
  static Path write(Compilation c, String prefix) throws IOException {
    return Compiler.writeOutput(c, Files.createTempDirectory(prefix));
  }

  static Compilation compile(List<Path> classPath, JavaFileObject... sources) {
    return Compiler.compileAgainst(classPath, sources);
  }

  /** The classes of {@code c}, then those of the class path. */
  static ClassLoader load(Compilation c, Path... classPath) {
    try {
      URL[] urls = new URL[classPath.length];
      for (int i = 0; i < classPath.length; i++) {
        urls[i] = classPath[i].toUri().toURL();
      }
      return new InMemoryClassLoader(c, new URLClassLoader(urls, ClassPathBuilds.class.getClassLoader()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** {@link DerivativeCheck} of {@code owner.method} at each point. */
  static void check(ClassLoader loader, String owner, String method, Object[]... points) {
    try {
      Class<?> type = loader.loadClass(owner);
      DerivativeCheck check = new DerivativeCheck(Derivatives.of(type, method), loader.loadClass(owner + "Derivatives"),
          method.hashCode());
      for (Object[] p : points) {
        check.at(p);
      }
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
