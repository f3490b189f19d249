package dev.adjoint.processor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.spi.Tape;
import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code -Aadjoint.report}: one note per {@code @Differentiable} method, at the method. */
class CostReportTest {
  private static final List<String> REPORT = List.of("-Aadjoint.report");

  @Test
  void straightLineMethod() {
    Compilation c = Compiler.compileClean(REPORT, source("Classic", """
          @Differentiable
          public static double e(double a, double b) {
            double c = a + b;
            double d = b + 1.0;
            return c * d;
          }
        """)).compilation();
    Diagnostic<? extends JavaFileObject> note = onlyNote(c);
    String text = note.getMessage(null);
    assertEquals(7, note.getLineNumber(), text); // the line that declares the method
    assertTrue(text.startsWith("Adjoint cost report for Classic.e(double, double)"), text);
    // Three additions and multiplications in the source, no other kind of operation.
    assertTrue(text.contains("function e: 3 double arithmetic, 0 Math calls, 0 array reads, 0 array writes, "
        + "0 new arrays, 0 other calls\n"), text);
    assertTrue(text.contains("tangent eTangent: "), text);
    assertTrue(text.contains("gradient eGradient: "), text);
    assertTrue(text.contains("tape: nothing recorded (no loops)"), text);
    assertTrue(text.contains("calls: none"), text);
  }

  /** The bytes the note gives per iteration are what the tape grows by per iteration when the gradient runs. */
  @Test
  void loopBytesPerIterationMatchTheTape() throws Exception {
    Compiler.Loaded loaded = Compiler.compileClean(REPORT, source("Chain", """
          @Differentiable
          public static double chain(double x, int n) {
            double s = x;
            for (int k = 0; k < n; k++) {
              s = Math.sin(s) * x;
            }
            return s;
          }
        """));
    String text = onlyNote(loaded.compilation()).getMessage(null);
    Matcher m = Pattern.compile("for loop at line 9: (\\d+) bytes \\(([^)]*)\\)").matcher(text);
    assertTrue(m.find(), text);
    long perIteration = Long.parseLong(m.group(1));
    assertTrue(perIteration > 0, text);
    Method gradient = loaded.load("r.ChainDerivatives").getMethod("chainGradient", double.class, int.class);
    gradient.invoke(null, 0.3, 100);
    long hundred = Tape.lastPeakBytes();
    gradient.invoke(null, 0.3, 300);
    long threeHundred = Tape.lastPeakBytes();
    assertEquals(200 * perIteration, threeHundred - hundred, text);
  }

  @Test
  void callsThatStayCallsSayWhy() {
    Compilation c = Compiler.compileClean(REPORT, source("Calls", """
          static double square(double x) {
            return x * x;
          }

          static double power(double x, int n) {
            return n == 0 ? 1.0 : x * power(x, n - 1);
          }

          static double norm(double[] v) {
            double s = 0.0;
            for (int i = 0; i < v.length; i++) {
              s = s + v[i] * v[i];
            }
            return s;
          }

          @Differentiable
          public static double f(double[] v, double x) {
            double t = square(x) + power(x, 3);
            for (int k = 0; k < 3; k++) {
              t = t + norm(v) * x;
            }
            return t;
          }
        """)).compilation();
    String text = onlyNote(c).getMessage(null);
    assertTrue(text.contains("inlined: Calls.square at line 24"), text);
    assertTrue(text.contains("inlined: Calls.power at line 24"), text);
    assertTrue(text.contains("stays a call: Calls.power at line 11 (inside the inlined Calls.power), because it is "
        + "recursive; derivatives: a copy of its derivatives specialised to this call"), text);
    assertTrue(text.contains("stays a call: Calls.norm at line 26, because it has a loop and is called inside a "
        + "loop (its own derivative methods run faster there); derivatives: a copy of its derivatives specialised "
        + "to this call (normGradientWrtV"), text);
    // The gradient calls norm's adjoint in two parts; the recursive power stays a call too.
    assertTrue(text.contains("split calls: the gradient's forward sweep calls normAdjointWrtVForward, powerAdjoint"),
        text);
  }

  @Test
  void noNotesWithoutTheOption() {
    Compilation c = Compiler.compileClean(source("Quiet", """
          @Differentiable
          public static double f(double a) {
            return a * a;
          }
        """)).compilation();
    assertTrue(c.notes().stream().noneMatch(n -> n.getMessage(null).contains("cost report")), c.notes().toString());
  }

  @Test
  void aValueTheOptionDoesNotTakeIsAWarning() {
    Compilation c = Compiler.compile(List.of("-Aadjoint.report=yes"), source("Odd", """
          @Differentiable
          public static double f(double a) {
            return a * a;
          }
        """));
    assertTrue(c.warnings().stream().anyMatch(w -> w.getMessage(null).contains(
        "-Aadjoint.report takes no value (or true or false), not \"yes\"; the cost report is off")),
        c.warnings().toString());
    assertTrue(c.notes().stream().noneMatch(n -> n.getMessage(null).contains("cost report")));
  }

  /** A class {@code r.<name>} with the given members; its first member starts on line 6. */
  private static JavaFileObject source(String name, String members) {
    return Compiler.source("r." + name, "package r;\n\nimport dev.adjoint.Differentiable;\n\npublic final class "
        + name + " {\n" + members + "}\n");
  }

  private static Diagnostic<? extends JavaFileObject> onlyNote(Compilation c) {
    List<? extends Diagnostic<? extends JavaFileObject>> notes = c.notes().stream()
        .filter(n -> n.getMessage(null).startsWith("Adjoint cost report")).toList();
    assertEquals(1, notes.size(), c.diagnostics().toString());
    return notes.get(0);
  }
}
