package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the bodies of small {@code @Differentiable} callees compiled in the same build into the
 * caller, so that both transforms see one method: no derivative records are allocated per call,
 * the reverse sweep records only what the inlined code overwrites, and loops over read-only data
 * inside the callee are recomputed rather than taped. Callees from jars, recursive calls, large
 * bodies and callees with loops called from inside a loop stay calls of the generated derivative
 * methods.
 */
public final class Inliner {
  /** Supplies the lowered, flattened body of a callee, or null when it cannot be inlined. */
  public interface Callees {
    Function body(MethodRef method);

    /** Why {@link #body} is null for {@code method}, for the cost report. */
    default String whyNot(MethodRef method) {
      return "its body could not be read";
    }
  }

  /** Statements a single callee may have to be inlined. */
  static final int MAX_CALLEE_SIZE = 400;
  /** Statements inlining may add to one method in all. */
  public static final int MAX_TOTAL = 6000;
  static final int MAX_DEPTH = 4;

  private final Callees callees;
  private final CallDecisions decisions;
  /** Statements inlining may add to this method: {@link #MAX_TOTAL}, or less when that is too much. */
  private final int maxTotal;
  private final Deque<String> stack = new ArrayDeque<>();
  private int added;
  private int copies;
  private int loopDepth;

  private Inliner(Callees callees, CallDecisions decisions, int maxTotal) {
    this.callees = callees;
    this.decisions = decisions;
    this.maxTotal = maxTotal;
  }

  public static Function apply(Function f, String ownerName, Callees callees) {
    return apply(f, ownerName, callees, CallDecisions.NONE);
  }

  /** As {@link #apply(Function, String, Callees)}, telling {@code decisions} what became of each call. */
  public static Function apply(Function f, String ownerName, Callees callees, CallDecisions decisions) {
    return apply(f, ownerName, callees, decisions, MAX_TOTAL);
  }

  /**
   * As {@link #apply(Function, String, Callees, CallDecisions)}, adding at most {@code maxTotal}
   * statements in all: for a method whose derivatives, with everything inlined, would be too large
   * for the JVM.
   */
  public static Function apply(Function f, String ownerName, Callees callees, CallDecisions decisions, int maxTotal) {
    Inliner inliner = new Inliner(callees, decisions, maxTotal);
    inliner.stack.push(ownerName + "." + f.name());
    Block body = inliner.block(f.body());
    return new Function(f.name(), f.parameters(), f.returnType(), body, f.pos());
  }

  private Block block(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      statement(s, out);
    }
    return out.build();
  }

  private void statement(Stmt s, Block.Builder out) {
    if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Invoke call && inline(call, d.var(), true, d.pos(), out)) {
      return;
    }
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Invoke call && inline(call, a.target(), false, a.pos(), out)) {
      return;
    }
    if (s instanceof Stmt.Evaluate e && e.value() instanceof Expr.Invoke call && inline(call, null, false, e.pos(), out)) {
      return;
    }
    if (s instanceof Stmt.If i) {
      out.add(new Stmt.If(i.condition(), block(i.then()), block(i.otherwise()), i.pos()));
    } else if (s instanceof Stmt.Loop l) {
      Block init = block(l.init());
      loopDepth++;
      Block header = block(l.header());
      Block body = block(l.body());
      Block update = block(l.update());
      loopDepth--;
      out.add(new Stmt.Loop(l.kind(), init, header, l.condition(), body, update, l.id(), l.sourceLabel(), l.pos(),
          l.checkpoint()));
    } else {
      out.add(s);
    }
  }

  /** Inlines {@code target = call} ({@code target} null: a call whose result, if any, is not used). */
  private boolean inline(Expr.Invoke call, Var target, boolean declare, SourcePos pos, Block.Builder out) {
    MethodRef m = call.method();
    String key = m.owner() + "." + m.name();
    String reason = whyNotInlined(call, key);
    if (reason != null) {
      decisions.keptAsCall(call, stack.peek(), reason);
      return false;
    }
    Function callee = callees.body(m);
    int size = size(callee.body());
    added += size;
    copies++;
    int offset = copies * 100_000;
    Map<Var, Var> renamed = new HashMap<>();
    String simpleOwner = m.owner().substring(m.owner().lastIndexOf('.') + 1);
    Rewrite rewrite = new Rewrite(
        v -> renamed.computeIfAbsent(v, x -> new Var(x.name(), x.type(), Var.Role.LOCAL)),
        id -> id + offset,
        text -> "in " + simpleOwner + "." + m.name() + ", " + text);
    out.add(new Stmt.Comment("inlined call of " + simpleOwner + "." + m.name() + ":", pos));
    List<Stmt> parameters = new ArrayList<>();
    for (int i = 0; i < callee.parameters().size(); i++) {
      Var param = rewrite.var(callee.parameters().get(i).var());
      parameters.add(new Stmt.Declare(param, call.args().get(i), pos));
    }
    List<Stmt> stmts = new ArrayList<>(callee.body().statements());
    Stmt.Return ret = (Stmt.Return) stmts.remove(stmts.size() - 1);
    stack.push(key);
    Block copy = block(rewrite.block(new Block(stmts)));
    stack.pop();
    Block.Builder inlined = new Block.Builder().addAll(parameters).addAll(copy);
    if (target != null) {
      Expr result = rewrite.expr(ret.value());
      inlined.add(declare ? new Stmt.Declare(target, result, pos) : new Stmt.Assign(target, result, pos));
    }
    Block whole = inlined.build();
    decisions.inlined(call, stack.peek(), whole);
    out.addAll(whole);
    return true;
  }

  /** Why {@code call} stays a call, or null when it is inlined. */
  private String whyNotInlined(Expr.Invoke call, String key) {
    MethodRef m = call.method();
    if (!m.isDifferentiable()) {
      return "its result carries no derivative (the method has no derivatives and needs none)";
    }
    if (m.derivatives().rule() != null) {
      return "a @DerivativeOf rule gives its derivatives";
    }
    if (stack.contains(key)) {
      return "it is recursive";
    }
    Function callee = callees.body(m);
    if (callee == null) {
      return callees.whyNot(m);
    }
    // A callee that writes into an array it is given must be inlined (its writes carry derivatives
    // only there), however deep: only recursion and size stop it, and then the call is an error.
    if (stack.size() > MAX_DEPTH && !ArrayWrites.writesParameter(callee, callees)) {
      return "calls are inlined " + MAX_DEPTH + " deep at most";
    }
    int size = size(callee.body());
    if (loopDepth > 0 && hasLoop(callee.body()) && !ArrayWrites.writesParameter(callee, callees)) {
      // Loops inside loops, inlined, give the JIT one huge method with hundreds of live values; measured
      // on the GMM benchmark that is three times slower than calling the callee's own gradient.
      return "it has a loop and is called inside a loop (its own derivative methods run faster there)";
    }
    if (size > MAX_CALLEE_SIZE) {
      return "its body has " + size + " statements, more than the " + MAX_CALLEE_SIZE + " a callee may have to be inlined";
    }
    if (added + size > maxTotal) {
      return maxTotal == MAX_TOTAL
          ? "inlining it would add more than " + MAX_TOTAL + " statements to this method in all"
          : "inlining it would add more than " + maxTotal + " statements to this method in all, and with more"
              + " inlined its derivatives would be too large for the JVM";
    }
    return null;
  }

  private static boolean hasLoop(Block b) {
    boolean[] found = {false};
    Walk.statements(b, s -> found[0] |= s instanceof Stmt.Loop);
    return found[0];
  }

  private static int size(Block b) {
    int[] n = {0};
    Walk.statements(b, s -> n[0]++);
    return n[0];
  }
}
