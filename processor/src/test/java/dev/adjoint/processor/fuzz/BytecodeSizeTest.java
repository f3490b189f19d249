package dev.adjoint.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.fuzz.Ast.Program;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.MethodSizes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The bytecode size the processor counts from the IR ({@code emit.BytecodeSize}, printed by the
 * cost report) against the size javac gives the method in the class file, on random programs:
 * loops of every kind with jumps, branches, calls kept and inlined, arrays, int and boolean
 * arithmetic. The count decides whether a method stays under HotSpot's 8,000-byte limit, so it must
 * never be below the real size, and is allowed to be at most a little above it.
 */
class BytecodeSizeTest {
  private static final Pattern SIZE = Pattern.compile("(\\w+) ([\\d,]+) bytes");
  private static final int PROGRAMS = Integer.getInteger("adjoint.bytecodeSize.programs", 16);
  private static final long FIRST_SEED = Long.getLong("adjoint.bytecodeSize.seed", 9_100);

  @Test
  void theCountedSizeIsTheClassFilesOrALittleMore() {
    List<String> far = new ArrayList<>();
    int compared = 0;
    long countedBytes = 0;
    long realBytes = 0;
    int worst = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + PROGRAMS; seed++) {
      Program p = ProgramGenerator.generate(seed, new GeneratorOptions(true, false, true));
      Compilation c = Compiler.compile(List.of("-Aadjoint.report"),
          Compiler.source(p.qualifiedName(), p.source()));
      if (!FuzzRunner.clean(c)) {
        continue;
      }
      Map<String, Integer> counted = counted(c);
      Map<String, Integer> real = real(c);
      for (Map.Entry<String, Integer> e : counted.entrySet()) {
        Integer size = real.get(e.getKey());
        if (size == null) {
          continue;
        }
        compared++;
        countedBytes += e.getValue();
        realBytes += size;
        int over = e.getValue() - size;
        worst = Math.max(worst, over);
        if (over < 0 || over > 12 + size * 3 / 100) {
          far.add(String.format(Locale.ROOT, "seed %d, %s: counted %d, class file %d", seed, e.getKey(),
              e.getValue(), size));
        }
      }
    }
    System.out.printf(Locale.ROOT, "bytecode sizes: %d methods, counted %d bytes, class files %d, worst %d over%n",
        compared, countedBytes, realBytes, worst);
    assertTrue(compared >= 3 * PROGRAMS, "methods compared: " + compared);
    assertTrue(far.isEmpty(), far.size() + " of " + compared + " methods counted wrong:\n" + String.join("\n", far));
    assertTrue(countedBytes <= realBytes * 1.01, "counted " + countedBytes + " bytes in all, the class files have "
        + realBytes);
  }

  /** Method name to counted bytes, from the cost notes; a name counted twice is left out. */
  private static Map<String, Integer> counted(Compilation c) {
    Map<String, Integer> out = new HashMap<>();
    Set<String> twice = new HashSet<>();
    for (Diagnostic<? extends JavaFileObject> d : c.notes()) {
      String text = d.getMessage(Locale.ROOT);
      int at = text.indexOf("bytecode of each method");
      if (at < 0) {
        continue;
      }
      String line = text.substring(text.indexOf("):", at) + 2, text.indexOf('\n', at));
      Matcher m = SIZE.matcher(line);
      while (m.find()) {
        if (out.put(m.group(1), Integer.parseInt(m.group(2).replace(",", ""))) != null) {
          twice.add(m.group(1));
        }
      }
    }
    twice.forEach(out::remove);
    return out;
  }

  /** Method name to code length in the generated companions' class files; overloaded names left out. */
  private static Map<String, Integer> real(Compilation c) {
    Map<String, Integer> out = new HashMap<>();
    Set<String> twice = new HashSet<>();
    for (JavaFileObject f : c.generatedFiles()) {
      if (f.getKind() != JavaFileObject.Kind.CLASS || !f.getName().contains("Derivatives")) {
        continue;
      }
      try (InputStream in = f.openInputStream()) {
        MethodSizes.of(in.readAllBytes()).forEach((method, size) -> {
          String name = method.substring(0, method.indexOf('('));
          if (out.put(name, size) != null) {
            twice.add(name);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    twice.forEach(out::remove);
    return out;
  }
}
