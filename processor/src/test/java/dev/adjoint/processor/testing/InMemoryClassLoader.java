package dev.adjoint.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the class files of an in-memory compilation. */
public final class InMemoryClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  public InMemoryClassLoader(Compilation compilation, ClassLoader parent) {
    super(parent);
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      int start = path.indexOf("/CLASS_OUTPUT/");
      String relative = start >= 0 ? path.substring(start + "/CLASS_OUTPUT/".length()) : path.substring(1);
      String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
      try (InputStream in = f.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  public boolean has(String name) {
    return classes.containsKey(name);
  }
}
