package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.FlattenedStatementVisitor;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Which assignments can reach the result (Tapenade's "useful" analysis, the backward half of
 * activity). The reverse sweep writes no adjoint for the others: their target's adjoint is 0 there,
 * and 0 times an infinite partial would spoil the gradient with NaN. That happens in ordinary code:
 * a loop that overflows a value it then stops using, the result of a call nobody reads.
 *
 * <p>It is a backward liveness pass, iterated to a fixed point over loops. Scalars are killed by
 * their assignments, so {@code x = a[i]} at the end of a loop is useless when nothing after the loop
 * reads {@code x}, even though an earlier {@code y = x} is useful. Arrays are followed by alias class
 * and never killed (a store changes one element, and an alias may still read the rest): a store into
 * a class is useful where a useful read of the class may follow it. Values that only decide control
 * flow carry no derivative and are not useful.
 *
 * <p>The pass needs structured, flattened code: with jumps or transform-made statements in the body
 * it gives up and calls every statement useful, which is always sound.
 */
final class Usefulness {
  /** Alias class of an array variable (its representative). */
  private final UnaryOperator<Var> aliasClass;
  /** Assignments and stores found useful: identity, since equal statements can stand in different places. */
  private final Set<Stmt> usefulStatements = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Every assignment and store the pass looked at; others (made later by a transform) are taken as useful. */
  private final Set<Stmt> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean everythingUseful;

  private Usefulness(UnaryOperator<Var> aliasClass) {
    this.aliasClass = aliasClass;
  }

  static Usefulness of(Function f, UnaryOperator<Var> aliasClass) {
    Usefulness u = new Usefulness(aliasClass);
    u.everythingUseful = !structured(f.body());
    if (!u.everythingUseful) {
      u.block(f.body(), new HashSet<>());
    }
    return u;
  }

  /**
   * Whether the reverse sweep needs the adjoint of an assignment ({@code Declare}, {@code Assign}) or
   * a store ({@code ArrayStore}): what it writes may reach the result. Statements this pass did not
   * see count as useful.
   */
  boolean isUseful(Stmt s) {
    return everythingUseful || usefulStatements.contains(s) || !seen.contains(s);
  }

  // ---- the backward pass --------------------------------------------------------------------

  /** The scalars useful before a block, given those useful after it. */
  private Set<Var> block(Block b, Set<Var> after) {
    Set<Var> live = after;
    List<Stmt> stmts = b.statements();
    for (int i = stmts.size() - 1; i >= 0; i--) {
      live = stmts.get(i).accept(new Transfer(live));
    }
    return live;
  }

  /** What an expression reads becomes useful: its scalars, and the alias classes of its arrays. */
  private void markReads(Expr e, Set<Var> live) {
    for (Var v : Walk.reads(e)) {
      live.add(v.type().isArray() ? aliasClass.apply(v) : v);
    }
  }

  /** Whether a store through this array expression can reach the result. */
  private boolean usefulStorage(Expr array, Set<Var> after) {
    Var target = Walk.storage(array);
    return target == null || after.contains(aliasClass.apply(target));
  }

  /**
   * Whether evaluating an expression may write into useful storage: a call can write into the
   * arrays it is given, and a static field is not followed at all.
   */
  private boolean mayWriteUsefulStorage(Expr e, Set<Var> after) {
    boolean[] staticField = {false};
    boolean[] call = {false};
    boolean[] usefulArray = {false};
    Walk.nodes(e, node -> {
      staticField[0] |= node instanceof Expr.StaticField;
      call[0] |= node instanceof Expr.Invoke || node instanceof Expr.InvokeInstance || node instanceof Expr.InvokeDerivative;
      usefulArray[0] |= node instanceof Var v && v.type().isArray() && after.contains(aliasClass.apply(v));
    });
    return staticField[0] || call[0] && usefulArray[0];
  }

  /** One statement, backwards: the scalars useful before it, from those useful after it. */
  private final class Transfer extends FlattenedStatementVisitor<Set<Var>> {
    private final Set<Var> after;

    Transfer(Set<Var> after) {
      this.after = after;
    }

    private Set<Var> assignment(Stmt s, Var target, Expr value) {
      seen.add(s);
      boolean array = target.type().isArray();
      boolean useful = after.contains(array ? aliasClass.apply(target) : target);
      useful |= value != null && mayWriteUsefulStorage(value, after);
      Set<Var> before = new HashSet<>(after);
      // A scalar's old value is dead here; an array's class may still be read through an alias.
      if (!array) {
        before.remove(target);
      }
      if (useful && value != null) {
        usefulStatements.add(s);
        markReads(value, before);
      }
      return before;
    }

    @Override
    public Set<Var> visitDeclare(Stmt.Declare s) {
      return assignment(s, s.var(), s.init());
    }

    @Override
    public Set<Var> visitAssign(Stmt.Assign s) {
      return assignment(s, s.target(), s.value());
    }

    @Override
    public Set<Var> visitArrayStore(Stmt.ArrayStore s) {
      seen.add(s);
      Set<Var> before = new HashSet<>(after);
      if (usefulStorage(s.array(), after) || mayWriteUsefulStorage(s.value(), after)) {
        usefulStatements.add(s);
        markReads(s.array(), before);
        markReads(s.value(), before);
      }
      return before;
    }

    /** Either branch may run; the condition decides, and carries no derivative. */
    @Override
    public Set<Var> visitIf(Stmt.If s) {
      Set<Var> before = block(s.then(), new HashSet<>(after));
      before.addAll(block(s.otherwise(), new HashSet<>(after)));
      return before;
    }

    /**
     * {@code init; while (true) { header; if (!condition) break; body; update; }}, or for do-while
     * {@code init; while (true) { body; header; if (!condition) break; }}: iterated until the
     * scalars useful at the top of an iteration stop growing.
     */
    @Override
    public Set<Var> visitLoop(Stmt.Loop s) {
      Set<Var> top = new HashSet<>();
      while (true) {
        Set<Var> next;
        if (s.kind().testFirst()) {
          Set<Var> afterTest = new HashSet<>(after);
          afterTest.addAll(block(s.body(), block(s.update(), new HashSet<>(top))));
          next = block(s.header(), afterTest);
        } else {
          Set<Var> afterHeader = new HashSet<>(after);
          afterHeader.addAll(top);
          next = block(s.body(), block(s.header(), afterHeader));
        }
        next.addAll(top);
        if (next.equals(top)) {
          break;
        }
        top = next;
      }
      return block(s.init(), top);
    }

    @Override
    public Set<Var> visitReturn(Stmt.Return s) {
      Set<Var> before = new HashSet<>();
      markReads(s.value(), before);
      return before;
    }

    @Override
    public Set<Var> visitEvaluate(Stmt.Evaluate s) {
      Set<Var> before = new HashSet<>(after);
      if (mayWriteUsefulStorage(s.value(), after)) {
        markReads(s.value(), before);
      }
      return before;
    }

    @Override
    public Set<Var> visitComment(Stmt.Comment s) {
      return after;
    }
  }

  /** No jumps, no transform-made statements, and a return only as the body's last statement. */
  private static boolean structured(Block body) {
    boolean[] ok = {true};
    List<Stmt> top = body.statements();
    Walk.statements(body, s -> {
      // What FlattenedStatementVisitor refuses: jumps, and what only the transforms make.
      boolean jump = s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.ArrayCopy
          || s instanceof Stmt.Push || s instanceof Stmt.Repeat;
      boolean innerReturn = s instanceof Stmt.Return && (top.isEmpty() || s != top.get(top.size() - 1));
      ok[0] &= !jump && !innerReturn;
    });
    return ok[0];
  }
}
