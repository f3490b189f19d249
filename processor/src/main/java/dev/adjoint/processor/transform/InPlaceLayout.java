package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The method around a loop that runs its adjoint in place ({@link InPlaceLoopAdjoint}): the
 * adjoints are declared and the result's seeded before the loop, and the adjoint of the statements
 * after it (the tail: {@code double mean = sum / n;}) runs before it too, since the loop's
 * iterations need the adjoint of its sum from the start.
 *
 * <p>The tail's adjoint moves ahead of the loop and of the tail itself only where that changes
 * nothing it computes: it records, restores and calls nothing, reads no value the loop or the tail
 * assigns (the partials of {@code sum / n} read only n), and sets no adjoint that the loop's
 * iterations use for their own values. The tail, run after the loop, must not change a value the
 * iterations' adjoint reads. Otherwise the loop is reversed as usual.
 */
final class InPlaceLayout {
  private InPlaceLayout() {}

  /** The forward sweep (with the seed and the in-place loop) and what remains of the reverse sweep. */
  record Layout(Block forward, Block reverse) {}

  /**
   * The layout, or null when the tail's adjoint cannot run before the loop.
   *
   * @param forward the forward sweep with the loop reversed as usual
   * @param reverse the reverse sweep with the loop reversed as usual
   * @param seed the adjoints' declarations and the result's seed
   */
  static Layout of(InPlaceLoopAdjoint.Option option, Block forward, Block reverse, Block seed,
      Predicate<Var> isAdjoint, SourcePos pos) {
    List<Stmt> fwd = forward.statements();
    List<Stmt> rev = reverse.statements();
    int loopAt = indexOf(fwd, option.forwardLoop());
    Set<Stmt> loopReverse = Collections.newSetFromMap(new IdentityHashMap<>());
    loopReverse.addAll(option.reverseCode());
    int first = -1;
    int last = -1;
    for (int i = 0; i < rev.size(); i++) {
      if (loopReverse.contains(rev.get(i))) {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    if (loopAt < 0 || first < 0 || last - first + 1 != loopReverse.size()) {
      return null;
    }
    // The comment that heads the loop's adjoint goes with it.
    int tailEnd = first;
    while (tailEnd > 0 && rev.get(tailEnd - 1) instanceof Stmt.Comment) {
      tailEnd--;
    }
    Block tailAdjoint = new Block(rev.subList(0, tailEnd));
    Block tail = new Block(fwd.subList(loopAt + 1, fwd.size()));
    if (!tailAdjointMovable(option, tailAdjoint, tail, isAdjoint)) {
      return null;
    }
    int before = loopAt;
    while (before > 0 && fwd.get(before - 1) instanceof Stmt.Comment) {
      before--;
    }
    Block.Builder out = new Block.Builder();
    out.addAll(new Block(fwd.subList(0, before)));
    out.add(new Stmt.Comment("adjoints, seeded before the loop below, which runs each iteration's adjoint in place",
        pos));
    out.addAll(seed);
    out.addAll(tailAdjoint);
    out.addAll(new Block(fwd.subList(before, loopAt)));
    out.add(option.inPlace());
    out.addAll(tail);
    return new Layout(out.build(), new Block(rev.subList(last + 1, rev.size())));
  }

  private static boolean tailAdjointMovable(InPlaceLoopAdjoint.Option option, Block tailAdjoint, Block tail,
      Predicate<Var> isAdjoint) {
    List<Block> tailAdjointOnly = List.of(tailAdjoint);
    if (InPlaceLoopAdjoint.jumpsOrTape(tailAdjointOnly) || InPlaceLoopAdjoint.jumpsOrTape(List.of(tail))
        || InPlaceLoopAdjoint.callsOrCopies(tailAdjoint)
        || InPlaceLoopAdjoint.assignsPrimal(tailAdjoint, isAdjoint, Set.of())
        || !InPlaceLoopAdjoint.shadowElementsOnlyAddedInto(tailAdjoint, isAdjoint)) {
      return false;
    }
    Set<Var> assignedLater = new HashSet<>(Walk.assigned(List.of(new Block(List.of(option.forwardLoop())), tail)));
    if (!Collections.disjoint(primalReads(tailAdjoint, isAdjoint), assignedLater)) {
      return false;
    }
    if (!Collections.disjoint(Walk.assigned(List.of(tail)), primalReads(option.iteration(), isAdjoint))) {
      return false;
    }
    Set<Var> setByTail = new HashSet<>(Walk.assigned(tailAdjointOnly));
    Set<Var> iterationsOwn = InPlaceLoopAdjoint.setOtherwiseThanByAddition(option.iteration(), isAdjoint);
    return Collections.disjoint(setByTail, iterationsOwn);
  }

  /** The variables other than adjoints that the code reads (the ones it declares left out). */
  private static Set<Var> primalReads(Block code, Predicate<Var> isAdjoint) {
    Set<Var> declared = new HashSet<>();
    Set<Var> reads = new HashSet<>();
    Walk.statements(code, s -> {
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
      for (Expr e : Walk.expressions(s)) {
        for (Var v : Walk.reads(e)) {
          if (!isAdjoint.test(v)) {
            reads.add(v);
          }
        }
      }
    });
    reads.removeAll(declared);
    return reads;
  }

  private static int indexOf(List<Stmt> stmts, Stmt s) {
    for (int i = 0; i < stmts.size(); i++) {
      if (stmts.get(i) == s) {
        return i;
      }
    }
    return -1;
  }
}
