package dev.adjoint.processor.report;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.transform.CallLog;
import dev.adjoint.processor.transform.SplitAdjoint;
import dev.adjoint.processor.emit.BytecodeSize;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The text of the cost note ({@code -Aadjoint.report}) for one {@code @Differentiable} method: the
 * operations in the method and in its generated tangent and gradient, what the gradient's forward
 * sweep records per loop iteration, and what became of each call, in the words of the pass that
 * decided it.
 */
public final class CostReport {
  private CostReport() {}

  /**
   * @param method {@code Owner.name(types)}, the note's first line
   * @param function the method as both transforms see it: after inlining, with its calls redirected
   * @param tangent the generated tangent method
   * @param reverse the generated gradient (or pullback) method
   * @param calls what the inliner and call specialisation decided for each call
   * @param entry {@code package.Owner.method}: calls made in it directly are not said to be "in" it
   * @param generated the public methods generated for it, for their bytecode sizes
   */
  public static String of(String method, Function function, Function tangent, Function reverse, CallLog calls,
      String entry, List<Function> generated) {
    StringBuilder s = new StringBuilder("Adjoint cost report for ").append(method).append('\n');
    s.append("  operations in the code (a loop body counted once):\n");
    s.append("    function ").append(function.name()).append(": ").append(OperationCounts.of(function).describe())
        .append('\n');
    s.append("    tangent ").append(tangent.name()).append(": ").append(OperationCounts.of(tangent).describe())
        .append('\n');
    s.append("    gradient ").append(reverse.name()).append(": ").append(OperationCounts.of(reverse).describe())
        .append('\n');
    bytecode(s, generated);
    tape(s, TapeRecords.of(reverse));
    calls(s, calls, entry);
    splitCalls(s, reverse);
    return s.toString().stripTrailing();
  }

  /** Each generated method's bytecode, and whether HotSpot compiles it. */
  private static void bytecode(StringBuilder s, List<Function> generated) {
    s.append("  bytecode of each method, as javac compiles it (HotSpot compiles none over ")
        .append(String.format(Locale.ROOT, "%,d", BytecodeSize.HUGE_METHOD_LIMIT))
        .append(" bytes: larger ones run interpreted, many times slower):");
    String sep = " ";
    for (Function f : generated) {
      int bytes = BytecodeSize.of(f);
      s.append(sep).append(f.name()).append(' ').append(String.format(Locale.ROOT, "%,d", bytes)).append(" bytes");
      if (bytes > BytecodeSize.HUGE_METHOD_LIMIT) {
        s.append(" (interpreted)");
      }
      sep = ", ";
    }
    s.append('\n');
  }

  /** The split adjoints the gradient calls, whose forward parts record on its tape per call too. */
  private static void splitCalls(StringBuilder s, Function reverse) {
    List<String> forwardParts = new TreeSet<>(SplitAdjoint.splitAdjointsCalled(reverse)).stream()
        .filter(name -> name.endsWith("Forward")).toList();
    if (forwardParts.isEmpty()) {
      return;
    }
    s.append("  split calls: the gradient's forward sweep calls ").append(String.join(", ", forwardParts))
        .append(", which compute each value once and record on the gradient's tape what the reverse parts,"
            + " called by its reverse sweep, read (beside the figures above: each forward part pushes them at its"
            + " end, or its javadoc says why it records nothing and its reverse part runs the whole adjoint)\n");
  }

  private static void tape(StringBuilder s, List<TapeRecords.LoopRecord> loops) {
    if (loops.isEmpty()) {
      s.append("  tape: nothing recorded (no loops)\n");
      return;
    }
    s.append("  tape, what the gradient's forward sweep records per loop iteration:\n");
    for (TapeRecords.LoopRecord l : loops) {
      s.append("    ").append(l.kind()).append(" loop at line ").append(l.line())
          .append(l.inlinedFrom() == null ? "" : " (inlined from " + l.inlinedFrom() + ")").append(": ");
      if (l.bits() == 0) {
        s.append("nothing\n");
        continue;
      }
      s.append(l.exact() ? "" : "at most ").append(TapeRecords.size(l.bits())).append(" (");
      String sep = "";
      for (Map.Entry<String, Integer> p : l.pushes().entrySet()) {
        s.append(sep).append(p.getValue()).append(" x ").append(p.getKey());
        sep = ", ";
      }
      s.append(")\n");
    }
  }

  private static void calls(StringBuilder s, CallLog calls, String entry) {
    if (calls.inlined().isEmpty() && calls.kept().isEmpty()) {
      s.append("  calls: none\n");
      return;
    }
    s.append("  calls:\n");
    for (CallLog.Inlined i : calls.inlined()) {
      s.append("    inlined: ").append(name(i.call().method().owner(), i.call().method().name()))
          .append(" at line ").append(i.call().pos().line()).append(inside(i.inside(), entry)).append('\n');
    }
    for (CallLog.Kept k : calls.kept()) {
      s.append("    stays a call: ").append(name(k.call().method().owner(), k.call().method().name()))
          .append(" at line ").append(k.call().pos().line()).append(inside(k.inside(), entry))
          .append(", because ").append(k.reason());
      String how = calls.derivativesOf(k);
      if (how != null) {
        s.append("; derivatives: ").append(how);
      }
      s.append('\n');
    }
  }

  private static String inside(String caller, String entry) {
    return caller == null || caller.equals(entry) ? "" : " (inside the inlined " + simpleOwner(caller) + ")";
  }

  private static String name(String owner, String method) {
    return owner.substring(owner.lastIndexOf('.') + 1) + "." + method;
  }

  /** {@code p.Owner.method} as {@code Owner.method}. */
  private static String simpleOwner(String qualifiedMethod) {
    int dot = qualifiedMethod.lastIndexOf('.');
    String owner = qualifiedMethod.substring(0, dot);
    return owner.substring(owner.lastIndexOf('.') + 1) + qualifiedMethod.substring(dot);
  }
}
