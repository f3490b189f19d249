package dev.adjoint.processor.report;

import dev.adjoint.processor.emit.TapeCalls;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the forward sweep of a generated reverse method pushes on the tape, loop by loop: read off
 * the {@code Push} statements that {@code ReverseTransform} put into it, each sized by the tape
 * stack {@link TapeCalls} sends it to, at the sizes {@code Tape.bytesInUse} counts (8 bytes a
 * double, long or reference, 4 an int or char, 1 bit a boolean). An array is pushed by reference.
 */
public final class TapeRecords {
  /**
   * One loop: the pushes of one iteration by tape method, in bits; {@code exact} is false when
   * branches inside it push different amounts (then the figures are the larger branch's).
   */
  public record LoopRecord(String kind, long line, String inlinedFrom, Map<String, Integer> pushes, long bits,
      boolean exact) {}

  private TapeRecords() {}

  /** Every loop of {@code reverse}, outer loops before the loops inside them. */
  public static List<LoopRecord> of(Function reverse) {
    List<LoopRecord> loops = new ArrayList<>();
    Walk.statements(reverse.body(), s -> {
      if (s instanceof Stmt.Loop l) {
        Iteration it = new Iteration();
        for (Block b : List.of(l.header(), l.body(), l.update())) {
          it.add(iteration(b));
        }
        loops.add(new LoopRecord(kind(l), l.pos().line(), inlinedFrom(l), it.pushes, it.bits, it.exact));
      }
    });
    return loops;
  }

  /** The bits one push of a value of this tape method takes. */
  static int bits(String pushMethod) {
    return switch (pushMethod) {
      case "pushBoolean" -> 1;
      case "pushInt" -> 32;
      default -> 64; // double, long, and the references on the object stack
    };
  }

  private static final class Iteration {
    private final Map<String, Integer> pushes = new TreeMap<>();
    private long bits;
    private boolean exact = true;

    void push(String method) {
      pushes.merge(method, 1, Integer::sum);
      bits += bits(method);
    }

    void add(Iteration other) {
      other.pushes.forEach((m, k) -> pushes.merge(m, k, Integer::sum));
      bits += other.bits;
      exact &= other.exact;
    }
  }

  /** The pushes of one run of a block, not counting loops inside it (they have their own records). */
  private static Iteration iteration(Block b) {
    Iteration it = new Iteration();
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Push p) {
        it.push(TapeCalls.push(p.value().type()));
      } else if (s instanceof Stmt.If i) {
        Iteration then = iteration(i.then());
        Iteration otherwise = iteration(i.otherwise());
        boolean same = then.pushes.equals(otherwise.pushes);
        Iteration larger = then.bits >= otherwise.bits ? then : otherwise;
        it.add(larger);
        it.exact &= same;
      } else if (!(s instanceof Stmt.Loop)) {
        for (Block child : Walk.children(s)) {
          it.add(iteration(child));
        }
      }
    }
    return it;
  }

  /**
   * {@code Owner.method} for a loop of an inlined callee (its line is in the callee's source), or
   * null: the inliner starts the source text of what it copies with {@code "in Owner.method, "}.
   */
  private static String inlinedFrom(Stmt.Loop l) {
    String text = l.pos().text();
    int comma = text == null ? -1 : text.indexOf(", ");
    return text != null && text.startsWith("in ") && comma > 3 ? text.substring(3, comma) : null;
  }

  private static String kind(Stmt.Loop l) {
    return switch (l.kind()) {
      case FOR -> "for";
      case WHILE -> "while";
      case DO_WHILE -> "do-while";
    };
  }

  /** {@code 17 bits} as {@code 2 bytes and 1 bit}. */
  static String size(long bits) {
    long bytes = bits / 8;
    long rest = bits % 8;
    if (rest == 0) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    String b = rest + (rest == 1 ? " bit" : " bits");
    return bytes == 0 ? b : bytes + (bytes == 1 ? " byte" : " bytes") + " and " + b;
  }
}
