package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.Linear;
import dev.adjoint.processor.rules.Linearization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the reverse sweep of a flattened function needs, decided before any code is written: for
 * each primal value, whether the reverse sweep reads it and how it gets it back where the forward
 * sweep overwrites it (nothing, recomputed, undone, or recorded); for each loop, whether its trip
 * count is recomputed or recorded; for each branch inside a loop, whether its condition is
 * evaluated again or recorded; for each array a call reads, whether the call's derivative sees it
 * as it is, by a kept reference, or by a copy made at the call.
 *
 * <p>The reverse transform writes code from these decisions and asks nothing of its own draft.
 */
public final class ReversePlan {
  /** How the reverse sweep gets an array argument of a call as the call saw it. */
  public enum ArgumentAtCall {
    /** A scalar (the reverse sweep restores what it reads), or an array nothing changes before then. */
    AS_IS,
    /** The variable may be pointed at another array later, but the elements stay: keep the reference. */
    KEEP_REFERENCE,
    /** Something writes into the array later: copy it at the call. */
    COPY
  }

  private final Activity activity;
  private final AssignmentCounts counts;
  private final Set<Var> counters;
  private final Rematerialization remat;
  private final Set<Var> primals;
  /** For each top-level statement, the arrays it or a later one writes (or passes to a call). */
  private final List<List<Var>> writtenFrom = new ArrayList<>();
  private Set<Var> readInReverse = Set.of();
  /** Math calls the partials read from variables that already hold them. */
  private final ComputedValues computed;
  /** Loads {@code t = a[i]} that read what their own iteration stored ({@link #loadsOwnIterationsStore}). */
  private final Set<Stmt> ownIterationLoads = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Variables the reverse sweep reads only at the value the forward sweep left ({@link #findFinalValueReads}). */
  private final Set<Var> finalValueReads = new HashSet<>();

  private ReversePlan(Function f, Activity activity) {
    this.activity = activity;
    this.counts = AssignmentCounts.of(f.parameters(), f.body());
    this.counters = CountedLoops.counters(f.body());
    this.remat = Rematerialization.of(f.body(), activity, counts, counters);
    this.computed = ComputedValues.of(f.body());
    this.primals = primalVariables(f);
    List<Stmt> stmts = f.body().statements();
    for (int t = 0; t < stmts.size(); t++) {
      List<Var> written = new ArrayList<>();
      Rematerialization.writes(new Block(stmts.subList(t, stmts.size())), written, written);
      writtenFrom.add(written);
    }
    for (int t = 0; t < stmts.size(); t++) {
      if (stmts.get(t) instanceof Stmt.Loop l) {
        findOwnIterationLoads(l, t + 1 < stmts.size() ? writtenFrom.get(t + 1) : List.of());
      }
    }
  }

  /**
   * In a top-level counted loop over {@code i}: loads {@code t = a[i]} of its body whose array the
   * loop writes only by stores {@code a[i] = ...} earlier in the body, and nothing writes after it.
   * In iteration i the load reads what that iteration stored, and later iterations store at other
   * indices, so when the reverse sweep reaches iteration i, {@code a[i]} still holds it.
   */
  private void findOwnIterationLoads(Stmt.Loop l, List<Var> writtenAfter) {
    Var counter = CountedLoops.counter(l);
    if (counter == null) {
      return;
    }
    List<Stmt> body = l.body().statements();
    for (int k = 0; k < body.size(); k++) {
      Stmt s = body.get(k);
      Expr value = s instanceof Stmt.Declare d ? d.init() : s instanceof Stmt.Assign a ? a.value() : null;
      if (value instanceof Expr.ArrayLoad load && load.array() instanceof Var array
          && array.type().equals(Type.DOUBLE_ARRAY) && load.index() == counter
          && !writes(writtenAfter, array) && onlyEarlierStores(l, k, array, counter)) {
        ownIterationLoads.add(s);
      }
    }
  }

  private boolean writes(List<Var> written, Var array) {
    for (Var w : written) {
      if (w == array || activity.mayAlias(w, array)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the loop writes into {@code array} only by {@code array[counter] = ...} before body statement k. */
  private boolean onlyEarlierStores(Stmt.Loop l, int k, Var array, Var counter) {
    List<Var> written = new ArrayList<>();
    Rematerialization.writes(l.header(), written, written);
    Rematerialization.writes(l.update(), written, written);
    List<Stmt> body = l.body().statements();
    for (int j = 0; j < body.size(); j++) {
      Stmt s = body.get(j);
      boolean[] calls = {false};
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> calls[0] |= node instanceof Expr.Invoke || node instanceof Expr.InvokeInstance);
      }
      if (j < k && s instanceof Stmt.ArrayStore store && store.array() == array && store.index() == counter
          && !calls[0]) {
        continue;
      }
      Rematerialization.writes(new Block(List.of(s)), written, written);
    }
    return !writes(written, array);
  }

  /**
   * Whether a load {@code t = a[i]} reads what its own iteration of a counted loop stored into
   * {@code a[i]}, which stays there: the reverse sweep can load it again.
   */
  public boolean loadsOwnIterationsStore(Stmt s) {
    return ownIterationLoads.contains(s);
  }

  /**
   * The linearization of statement {@code s}'s value as the reverse sweep uses it: partials read
   * {@code Math} calls that a variable already holds from that variable ({@link ComputedValues}).
   */
  public Linear.Sum linearization(Stmt s, Expr value, Expr result) {
    return computed.reusing(s, Linearization.scalar(value, result));
  }

  /** The plan of a flattened function's reverse sweep. */
  public static ReversePlan of(Function f, Activity activity) {
    ReversePlan plan = new ReversePlan(f, activity);
    AdjointReads.Reads reads = AdjointReads.of(f, activity, plan);
    Set<Var> read = reads.variables();
    read.retainAll(plan.primals);
    plan.findFinalValueReads(f, reads.firstTopLevelRead());
    // A recomputed value is computed from others: those are read too, where it is computed again.
    plan.remat.addDependencies(read);
    plan.readInReverse = Collections.unmodifiableSet(read);
    return plan;
  }

  private static Set<Var> primalVariables(Function f) {
    Set<Var> vars = new HashSet<>();
    for (Function.Parameter p : f.parameters()) {
      vars.add(p.var());
    }
    Walk.statements(f.body(), s -> {
      if (s instanceof Stmt.Declare d) {
        vars.add(d.var());
      }
    });
    return vars;
  }

  // ---- values ---------------------------------------------------------------------------------

  /** The variables of the original method (parameters and locals), as opposed to generated ones. */
  public boolean isPrimal(Var v) {
    return primals.contains(v);
  }

  /**
   * Whether the reverse sweep reads or sets a primal variable. Counted loop indices are set by the
   * reverse sweep of every loop that has an adjoint.
   */
  public boolean readInReverse(Var v) {
    return readInReverse.contains(v) || counters.contains(v);
  }

  /** The primal variables the reverse sweep reads, counted loop indices left out. */
  public Set<Var> valuesReadInReverse() {
    return readInReverse;
  }

  /**
   * Whether an assignment of the variable must record its old value for the reverse sweep: it reads
   * it, something overwrites it, neither a counted index nor a recomputed value gets it back, and
   * the reverse sweep reads a value other than the last.
   */
  public boolean recorded(Var v) {
    return readInReverse.contains(v) && counts.mayBeOverwritten(v) && !counters.contains(v) && !remat.contains(v)
        && !finalValueReads.contains(v);
  }

  /**
   * Finds the variables that the reverse sweep reads only in the adjoints of top-level statements
   * after the last one that assigns them. Those read the value the forward sweep left, which no
   * restore has changed yet, and the restores further back would be read by nothing: their old
   * values need no recording. ({@code sum} of a loop {@code sum += exp(v[i] - max)}, read by the
   * adjoint of {@code log(sum)} after it.) What a loop's recomputed definitions read counts as read
   * in the adjoint of the top-level statement the loop is in, where they are computed again.
   */
  private void findFinalValueReads(Function f, Map<Var, Integer> adjointReads) {
    Map<Var, Integer> firstRead = new HashMap<>(adjointReads);
    Map<Var, Integer> lastWrite = new HashMap<>();
    List<Stmt> stmts = f.body().statements();
    for (int t = 0; t < stmts.size(); t++) {
      Stmt top = stmts.get(t);
      for (Var v : Walk.assigned(List.of(new Block(List.of(top))))) {
        lastWrite.put(v, t);
      }
      int at = t;
      Walk.statements(new Block(List.of(top)), s -> {
        if (s instanceof Stmt.Loop l) {
          for (Var v : remat.readsOfDefinitions(l.id())) {
            firstRead.merge(v, at, Math::min);
          }
        }
      });
    }
    for (Map.Entry<Var, Integer> e : firstRead.entrySet()) {
      if (e.getValue() > lastWrite.getOrDefault(e.getKey(), -1)) {
        finalValueReads.add(e.getKey());
      }
    }
  }

  /** Whether a variable is computed again at each reversed iteration of its loop, instead of recorded. */
  public boolean recomputed(Var v) {
    return remat.contains(v);
  }

  /** The definitions a loop's reversed iteration computes again, in order, before its adjoint. */
  public Map<Var, Expr> recomputedDefinitions(Stmt.Loop l) {
    return remat.definitions(l.id());
  }

  /** Assigned by exactly one statement of the body, and not a parameter. */
  public boolean assignedAtOneStatement(Var v) {
    return counts.assignedAtOneStatement(v);
  }

  public boolean mayBeOverwritten(Var v) {
    return counts.mayBeOverwritten(v);
  }

  /** Declared in the method's outermost block, so visible to the reverse sweep where it stands. */
  public boolean isTopLevel(Var v) {
    return counts.isTopLevel(v);
  }

  // ---- loops and branches -----------------------------------------------------------------------

  /** Whether the loop's trip count and start are computed again by the reverse sweep, or counted. */
  public TripCount tripCount(Stmt.Loop l) {
    return TripCount.of(l);
  }

  /**
   * Whether the reverse sweep can evaluate an {@code if}'s condition again, at the start of the
   * branch's adjoint, and get what the forward sweep got, without recording anything for it: the
   * condition is arithmetic on variables that the branches do not assign and that hold their value
   * there for free (loop indices, values recomputed at each reversed iteration, values assigned once).
   */
  public boolean conditionHoldsInReverse(Stmt.If i) {
    Set<Var> assignedInBranches = Walk.assigned(List.of(i.then(), i.otherwise()));
    boolean[] pure = {true};
    Walk.nodes(i.condition(), node -> pure[0] &= node instanceof Var || node instanceof Expr.Const
        || node instanceof Expr.Binary || node instanceof Expr.Unary || node instanceof Expr.Cast
        || node instanceof Expr.ArrayLength);
    if (!pure[0]) {
      return false;
    }
    for (Var v : Walk.reads(i.condition())) {
      boolean free = remat.contains(v) || counters.contains(v) || !counts.mayBeOverwritten(v);
      if (assignedInBranches.contains(v) || !free) {
        return false;
      }
    }
    return true;
  }

  // ---- calls ------------------------------------------------------------------------------------

  /**
   * How the derivative of a call in top-level statement {@code topIndex} sees an argument as it was
   * at the call. An array that something writes into later is copied; one whose elements stay is
   * not, and only its reference is kept where the variable may be pointed at another array before the
   * reverse sweep (a recomputed alias, a row {@code m[i]}, is set again where the reverse sweep needs
   * it). Scalars are read where they are: the reverse sweep restores what it reads.
   */
  public ArgumentAtCall argumentAtCall(Expr arg, int topIndex) {
    if (!(arg.type().isArray() && arg instanceof Var a)) {
      // Scalars, and arrays the method cannot write (static fields, null).
      return ArgumentAtCall.AS_IS;
    }
    if (!contentsStable(a, topIndex)) {
      return ArgumentAtCall.COPY;
    }
    if (counts.mayBeOverwritten(a) && !remat.contains(a)) {
      return ArgumentAtCall.KEEP_REFERENCE;
    }
    return ArgumentAtCall.AS_IS;
  }

  /**
   * Whether the reverse sweep calls the callee's allocation-free adjoint, which adds into this
   * method's adjoints: it has one whose differentiable parameters are exactly the call's active
   * arguments. Otherwise it uses the callee's gradient or pullback record.
   */
  public boolean hasAdjointFor(Expr.Invoke call) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    if (sig.adjointMethod() == null) {
      return false;
    }
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      boolean active = arg.type().isDifferentiable() && activity.isActive(arg);
      if (active != sig.differentiable().get(i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the arrays a call reads still hold the same values when the reverse sweep reaches it. */
  public boolean argumentsStable(Expr.Invoke call, int topIndex) {
    for (Expr arg : call.args()) {
      if (arg.type().isArray() && !contentsStable(arg, topIndex)) {
        return false;
      }
    }
    return true;
  }

  /** Whether nothing writes into an array from top-level statement {@code topIndex} on. */
  public boolean contentsStable(Expr array, int topIndex) {
    Var storage = Walk.storage(array);
    if (storage == null) {
      return false;
    }
    for (Var w : writtenFrom.get(Math.min(topIndex, writtenFrom.size() - 1))) {
      if (w == storage || activity.mayAlias(w, storage)) {
        return false;
      }
    }
    return true;
  }
}
