package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.FlattenedStatementVisitor;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.Linear;
import dev.adjoint.processor.rules.Linearization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variables the adjoints of a flattened function's statements read, found from the IR and
 * the {@link Linearization} the reverse transform writes those adjoints from: the operands of
 * local partials, the indices of the elements adjoints are added into, the arguments of the calls
 * whose derivatives the reverse sweep calls, the conditions and bounds it evaluates again, and what
 * a checkpointed loop's iterations read when they run again. A variable no adjoint reads need not
 * be recorded where it is overwritten.
 *
 * <p>The reverse transform checks the code it writes against this set ({@code ReverseReadsCheck}
 * fails with an internal error when the reverse sweep reads a variable not in it), so that a read
 * missing here is a compile error of the processor's, never a value the reverse sweep gets wrong.
 */
final class AdjointReads extends FlattenedStatementVisitor<Void> {
  private final Activity activity;
  private final ReversePlan plan;
  private final Set<Var> out = new HashSet<>();
  /** For each variable read, the first top-level statement whose adjoint reads it. */
  private final Map<Var, Integer> firstRead = new HashMap<>();
  private final StableLoads loads;
  private int loopDepth;
  private int blockDepth;
  private int topIndex;

  private AdjointReads(Activity activity, ReversePlan plan) {
    this.activity = activity;
    this.plan = plan;
    this.loads = new StableLoads(plan);
  }

  /**
   * What the reverse sweep of {@code f} reads: the variables (a mutable set, generated variables
   * included), and for each the first top-level statement whose adjoint reads it.
   */
  record Reads(Set<Var> variables, Map<Var, Integer> firstTopLevelRead) {}

  static Reads of(Function f, Activity activity, ReversePlan plan) {
    AdjointReads reads = new AdjointReads(activity, plan);
    reads.block(f.body());
    return new Reads(reads.out, reads.firstRead);
  }

  private void read(Var v) {
    out.add(v);
    firstRead.merge(v, topIndex, Math::min);
  }

  private void readAll(Collection<Var> vars) {
    vars.forEach(this::read);
  }

  private void block(Block b) {
    blockDepth++;
    loads.enterBlock();
    for (int index = 0; index < b.statements().size(); index++) {
      if (blockDepth == 1) {
        topIndex = index;
      }
      Stmt s = b.statements().get(index);
      s.accept(this);
      loads.after(s, topIndex);
    }
    loads.leaveBlock();
    blockDepth--;
  }

  // ---- statements -------------------------------------------------------------------------------

  @Override
  public Void visitDeclare(Stmt.Declare d) {
    if (d.init() != null) {
      assignment(d, d.var(), d.init());
    }
    return null;
  }

  @Override
  public Void visitAssign(Stmt.Assign a) {
    assignment(a, a.target(), a.value());
    return null;
  }

  @Override
  public Void visitArrayStore(Stmt.ArrayStore store) {
    Var storage = Walk.storage(store.array());
    if (storage == null || !activity.isActive(storage)) {
      return null;
    }
    boolean row = store.value().type().isArray();
    if (!row && !activity.isUseful(store)) {
      // Nothing on the way to the result reads the element: no adjoint (ReverseArrays).
      return null;
    }
    // The element's adjoint is read and cleared at the same index (a compound index gets a local).
    if (store.index() instanceof Var index) {
      read(index);
    }
    shadowReads(store.array());
    if (!row) {
      scatterReads(plan.linearization(store, store.value(), store.value()));
    }
    return null;
  }

  /** A call made for its effect: the forward sweep makes it, its adjoint is nothing. */
  @Override
  public Void visitEvaluate(Stmt.Evaluate e) {
    return null;
  }

  @Override
  public Void visitComment(Stmt.Comment c) {
    return null;
  }

  @Override
  public Void visitIf(Stmt.If i) {
    if (plan.conditionHoldsInReverse(i)) {
      readAll(Walk.reads(i.condition()));
    }
    block(i.then());
    block(i.otherwise());
    return null;
  }

  @Override
  public Void visitLoop(Stmt.Loop l) {
    if (plan.tripCount(l) instanceof TripCount.Recomputed again) {
      readAll(Walk.reads(again.start()));
      readAll(Walk.reads(again.trips()));
    }
    block(l.init());
    loopDepth++;
    block(l.header());
    block(l.body());
    block(l.update());
    loopDepth--;
    if (!hasAdjoint(l)) {
      return null;
    }
    for (Map.Entry<Var, Expr> def : plan.recomputedDefinitions(l).entrySet()) {
      Var v = def.getKey();
      if (v.type().isArray() && activity.isActive(v)) {
        // An alias's shadow is set again with it at each reversed iteration.
        read(v);
        shadowReads(def.getValue());
      }
    }
    if (l.checkpoint() != null && loopDepth == 0) {
      checkpointedLoop(l);
    }
    return null;
  }

  /**
   * A checkpointed loop's reverse sweep sets its loop-carried state from snapshots and runs its
   * iterations again: of what they read, the variables the loop itself assigns are computed afresh.
   */
  private void checkpointedLoop(Stmt.Loop l) {
    LoopCarriedState state = LoopCarriedState.of(l, activity);
    readAll(state.scalars());
    readAll(state.arrays());
    List<Block> iteration = List.of(l.header(), l.body(), l.update());
    Set<Var> rerunReads = new HashSet<>();
    for (Block b : iteration) {
      Walk.statements(b, s -> {
        for (Expr e : Walk.expressions(s)) {
          rerunReads.addAll(Walk.reads(e));
        }
      });
    }
    rerunReads.removeAll(Walk.assigned(iteration));
    readAll(rerunReads);
  }

  /** The final return is the method's; the reverse sweep starts after it. */
  @Override
  public Void visitReturn(Stmt.Return r) {
    return null;
  }

  // ---- assignments ------------------------------------------------------------------------------

  private void assignment(Stmt s, Var v, Expr value) {
    boolean active = v.type().isDifferentiable() && activity.isActive(v);
    // Assignments that reach nothing get no adjoint; an array keeps a shadow, which reads nothing here.
    if (!active || !activity.isUseful(s)) {
      return;
    }
    if (value instanceof Expr.Invoke call && call.method().isDifferentiable()) {
      call(call);
      return;
    }
    if (v.type().isArray()) {
      arrayAssignment(value);
      return;
    }
    // v = f(..., v, ...): the partials are taken at v's old value, and may use the new one.
    boolean selfUpdate = Walk.reads(value).contains(v) && !(value instanceof Expr.ArrayLoad);
    Var resultMarker = selfUpdate ? new Var(v.name() + "Result", Type.DOUBLE, Var.Role.TEMPORARY) : v;
    Linear.Sum linear = plan.linearization(s, value, resultMarker);
    for (Linear.Term t : linear.terms()) {
      if (selfUpdate && Walk.reads(t.partial()).contains(resultMarker)) {
        read(v);
      }
    }
    scatterReads(linear);
  }

  /** Copies add their adjoint back into the source's; packs scatter it into their elements'. */
  private void arrayAssignment(Expr value) {
    Linear.Storage storage = Linearization.storage(value);
    if (storage instanceof Linear.Copy c && activity.isActive(c.source())) {
      shadowReads(c.source());
    } else if (storage instanceof Linear.Pack p) {
      for (Linear.Sum element : p.elements()) {
        scatterReads(element);
      }
    }
  }

  /**
   * A call whose derivative the reverse sweep calls: on its arguments as they were at the call
   * (those it reads where they are), adding into the shadows of the active ones.
   */
  private void call(Expr.Invoke call) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    boolean gradientRecord = sig.rule() == null && !call.type().isArray() && !plan.hasAdjointFor(call);
    for (Expr arg : call.args()) {
      if (gradientRecord) {
        // The gradient is computed again in the reverse sweep where its arguments are still there
        // (inside loops); otherwise its record is kept from the forward sweep.
        if (loopDepth > 0 && plan.argumentsStable(call, topIndex)) {
          readAll(Walk.reads(arg));
        }
      } else if (plan.argumentAtCall(arg, topIndex) == ReversePlan.ArgumentAtCall.AS_IS) {
        readAll(Walk.reads(arg));
      }
      if (arg.type().isDifferentiable() && activity.isActive(arg)) {
        if (arg.type().isArray()) {
          shadowReads(arg);
        } else {
          scatterReads(Linearization.scalar(arg, arg));
        }
      }
    }
  }

  // ---- partials and shadows ---------------------------------------------------------------------

  /** {@code operandBar += partial * adjoint} for each active operand reads the partial and the place. */
  private void scatterReads(Linear.Sum linear) {
    for (Linear.Term t : linear.terms()) {
      if (activity.isActive(t.operand())) {
        readAll(Walk.reads(loads.forwarded(t.partial())));
        shadowReads(t.operand());
      }
    }
  }

  /**
   * What the shadow of a place reads: {@code mBar[i][j]} for {@code m[i][j]} reads i and j, and
   * {@code c ? aBar : bBar} reads c. Parts without a derivative give zeros of their shape.
   */
  private void shadowReads(Expr place) {
    if (Linearization.storage(place) instanceof Linear.Alias a) {
      List<Var> standIns = new ArrayList<>();
      Expr shadow = a.over(part -> {
        if (!activity.isActive(part)) {
          return Linearization.zero(part);
        }
        shadowReads(part);
        Var standIn = new Var("shadow", part.type(), Var.Role.TEMPORARY);
        standIns.add(standIn);
        return standIn;
      });
      Set<Var> read = Walk.reads(shadow);
      standIns.forEach(read::remove);
      readAll(read);
    }
  }

  // ---- loops ------------------------------------------------------------------------------------

  /**
   * Whether a loop has any adjoint: an assignment of a value that carries a derivative or a store
   * into an array that does. (A loop whose adjoint is only restores reads what its trip count and
   * recomputed conditions read, which {@link #visitLoop} and {@link #visitIf} take whatever the body.)
   */
  private boolean hasAdjoint(Stmt.Loop l) {
    boolean[] found = {false};
    ActiveTarget activeTarget = new ActiveTarget();
    for (Block b : List.of(l.init(), l.header(), l.body(), l.update())) {
      Walk.statements(b, s -> found[0] |= s.accept(activeTarget));
    }
    return found[0];
  }

  /**
   * Whether a statement, by itself (nested statements are walked separately), assigns a value that
   * carries a derivative or stores into an array that does.
   */
  private final class ActiveTarget extends FlattenedStatementVisitor<Boolean> {
    @Override
    public Boolean visitDeclare(Stmt.Declare d) {
      return d.var().type().isDifferentiable() && activity.isActive(d.var());
    }

    @Override
    public Boolean visitAssign(Stmt.Assign a) {
      return a.target().type().isDifferentiable() && activity.isActive(a.target());
    }

    @Override
    public Boolean visitArrayStore(Stmt.ArrayStore store) {
      Var storage = Walk.storage(store.array());
      return storage != null && activity.isActive(storage);
    }

    /** Its branches are walked as statements of their own. */
    @Override
    public Boolean visitIf(Stmt.If i) {
      return false;
    }

    /** Its blocks are walked as statements of their own. */
    @Override
    public Boolean visitLoop(Stmt.Loop l) {
      return false;
    }

    /** A call made for its effect writes nothing a derivative goes through (writers are inlined). */
    @Override
    public Boolean visitEvaluate(Stmt.Evaluate e) {
      return false;
    }

    @Override
    public Boolean visitComment(Stmt.Comment c) {
      return false;
    }

    @Override
    public Boolean visitReturn(Stmt.Return r) {
      return false;
    }
  }
}
