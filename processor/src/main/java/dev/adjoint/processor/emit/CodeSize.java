package dev.adjoint.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Whether a generated method fits the JVM, which limits a method's code to 64 KiB of bytecode
 * (javac says "code too large" beyond it). The size is estimated from the method's Java text, on
 * the high side: every name as a load or store of a local (four bytes each in a method with more
 * than 256 local slots, where the JVM needs its wide form, two otherwise), three bytes a number and
 * an array access, five a compound assignment (a load, the operation and a store), one any other
 * operator. On generated code this gives 1.5 to 3 times the real size, so a method estimated under
 * the limit always compiles.
 */
public final class CodeSize {
  /** The JVM's limit on one method's code, in bytes. */
  public static final int JVM_LIMIT_BYTES = 65_535;
  private static final Pattern TOKEN = Pattern.compile("(?<name>[A-Za-z_$][A-Za-z0-9_$]*)"
      + "|(?<number>\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)|(?<compound>[-+*/%&|^]=)|(?<operator>[-+*/%<>=!&|^~]+)"
      + "|(?<index>\\[)");
  private static final Pattern WIDE_LOCALS = Pattern.compile("\\b(double|long)\\b");
  private static final Pattern NARROW_LOCALS = Pattern.compile("\\b(int|boolean|char)\\b|\\[\\] \\w+ =");

  /** The most bytes {@link #estimatedBytes(CharSequence)} counts for one character of the text. */
  private static final int MAX_BYTES_PER_CHAR = 4;

  private CodeSize() {}

  /**
   * Whether the estimate is within the limit. No token is estimated at more than four bytes a
   * character (a one-letter name in wide form), so a text of at most a quarter of the limit fits
   * without tokenizing it: the answer is the same, and most methods are far below that.
   */
  public static boolean fitsTheJvm(Function f) {
    CharSequence code = code(f);
    return MAX_BYTES_PER_CHAR * code.length() <= JVM_LIMIT_BYTES || estimatedBytes(code) <= JVM_LIMIT_BYTES;
  }

  /** The estimated bytecode size, on the high side, of the method written for {@code f}. */
  public static long estimatedBytes(Function f) {
    return estimatedBytes(code(f));
  }

  /** The method's Java text without comments, one stripped line a line. */
  private static CharSequence code(Function f) {
    StringBuilder code = new StringBuilder();
    for (String line : MethodWriter.write(f, Modifier.PUBLIC, CodeBlock.of("")).toString().split("\n", -1)) {
      String stripped = line.strip();
      if (!stripped.startsWith("//") && !stripped.startsWith("*") && !stripped.startsWith("/*")) {
        code.append(stripped).append('\n');
      }
    }
    return code;
  }

  private static long estimatedBytes(CharSequence code) {
    long perName = slots(code) > 255 ? 4 : 2;
    long bytes = 0;
    Matcher m = TOKEN.matcher(code);
    while (m.find()) {
      if (m.group("name") != null) {
        bytes += perName;
      } else if (m.group("number") != null || m.group("index") != null) {
        bytes += 3;
      } else if (m.group("compound") != null) {
        bytes += 5;
      } else {
        bytes += 1;
      }
    }
    return bytes;
  }

  /** Local variable slots, about: two for each double or long named in the text, one for others. */
  private static long slots(CharSequence code) {
    return 2 * WIDE_LOCALS.matcher(code).results().count() + NARROW_LOCALS.matcher(code).results().count();
  }
}
