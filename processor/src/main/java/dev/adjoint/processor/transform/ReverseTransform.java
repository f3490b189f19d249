package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.analysis.StableLoads;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.FlattenedStatementVisitor;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.Linear;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reverse mode (adjoints), Tapenade style. The method body becomes a forward sweep (the original
 * statements, which also record what the reverse sweep needs) followed by a reverse sweep (the
 * statements' adjoints in reverse order, {@code xiBar += partial_i * yBar}, with partials from the
 * rule table).
 *
 * <p>What is recorded is the {@link ReversePlan}'s decision, made before this runs: branch decisions
 * (in a local outside loops, on the tape inside them) unless the condition can be evaluated again,
 * trip counts unless the bounds do not change in the loop, and the old value of a variable that is
 * overwritten while the reverse sweep still needs it, unless it is recomputed or undone. Counted
 * {@code for} loops recompute their index instead of recording it. Straight-line code uses no tape.
 * Arrays get shadow arrays ({@code aBar}) that alias exactly as the primal arrays do. The code this
 * writes is checked against the plan ({@link ReverseReadsCheck}).
 *
 * <p>The input must be flattened ({@link ExitFlattening}): its only return is the last statement.
 */
public final class ReverseTransform {
  private final Activity activity;
  private final ReversePlan plan;
  private final SweepStorage storage;
  private final Adjoints adjoints;
  private final ReverseArrays arrays;
  private final ReverseCalls calls;
  private final ReverseControlFlow controlFlow;
  private final StableLoads loads;
  /** The last loop of the method, when only scalar assignments follow it: it may run its adjoint in place. */
  private Stmt.Loop inPlaceCandidate;
  private Var inPlaceResultBar;
  /** The candidate's in-place form beside its usual one; null when its iterations are not independent. */
  private InPlaceLoopAdjoint.Option inPlaceOption;

  private ReverseTransform(Activity activity, ReversePlan plan) {
    this(activity, plan, call -> false);
  }

  /** {@code split}: the calls whose callees' split adjoints ({@link SplitAdjoint}) this method calls. */
  private ReverseTransform(Activity activity, ReversePlan plan, Predicate<Expr.Invoke> split) {
    this.activity = activity;
    this.plan = plan;
    this.storage = new SweepStorage(activity, plan);
    this.loads = new StableLoads(plan);
    this.adjoints = new Adjoints(activity, loads);
    this.arrays = new ReverseArrays(activity, plan, storage, adjoints);
    this.calls = new ReverseCalls(activity, plan, storage, adjoints, arrays, split);
    this.controlFlow = new ReverseControlFlow(activity, plan, storage, adjoints, this::block);
  }

  /**
   * The gradient ({@code vector} false: returns {@code record(value, xBar...)}) or pullback
   * ({@code vector} true: takes {@code resultBar}) method of a flattened function.
   */
  public static Function apply(Function f, Activity activity, String name, Type recordType, boolean vector) {
    return run(f, activity, name, recordType, vector, false);
  }

  /**
   * The gradient or pullback method as {@link #apply} makes it, except that calls of differentiable
   * methods that stay calls, outside checkpointed loops, go to the two parts of the callee's split
   * adjoint ({@link SplitAdjoint}): the forward sweep calls the part that computes the value and
   * records what the reverse part reads, on this method's tape. Second order reads the form of
   * {@link #apply}, which calls no split adjoint.
   */
  public static Function applySplittingCalls(Function f, Activity activity, String name, Type recordType,
      boolean vector) {
    return run(f, activity, name, recordType, vector, true);
  }

  /**
   * The allocation-free reverse method of a flattened function, for callers in generated code: it
   * takes f's parameters, then {@code pBar} for each differentiable array parameter (it adds its
   * partials into them), then, when f has several differentiable double parameters, a
   * {@code double[] scalarBars} into which it writes their adjoints in order, then {@code resultBar}
   * (a double, or a double[] for a vector f); it returns the adjoint of f's differentiable double
   * parameter when it has exactly one, and nothing otherwise.
   */
  public static Function applyAdjoint(Function f, Activity activity, String name, boolean vector) {
    return run(f, activity, name, null, vector, false);
  }

  /**
   * The allocation-free reverse method's pieces, with no loop's adjoint run in place (the forward
   * sweep must not need the result's adjoint), for {@link SplitAdjoint} to cut in two.
   */
  static SplitAdjoint.Pieces adjointPieces(Function f, Activity activity) {
    ReversePlan plan = ReversePlan.of(f, activity);
    ReverseTransform transform = new ReverseTransform(activity, plan);
    AdjointConvention convention = new AdjointConvention(f, activity, transform.adjoints, transform.arrays, null,
        f.returnType().isArray());
    Parts parts = transform.parts(f, convention, false);
    return new SplitAdjoint.Pieces(parts.beforeReverse(), parts.seed(), parts.reverse(),
        convention.epilogue(parts.returned(), parts.returnPos()), parts.returned(), convention.parameters(),
        convention.returnType());
  }

  /**
   * The pullbacks method of a flattened vector function: f's parameters, then {@code double[][]
   * resultBars}; one forward sweep, then the reverse sweep once per row of {@code resultBars}. It
   * returns {@code record(value, pBars...)} with one entry per row in each component. No method, and
   * why, when the reverse sweep cannot run again from the state the forward sweep left
   * ({@link SharedForwardSweep#check}).
   */
  public static Rows applyRows(Function f, Activity activity, String name, Type recordType) {
    ReversePlan plan = ReversePlan.of(f, activity);
    ReverseTransform transform = new ReverseTransform(activity, plan);
    AdjointConvention convention = new AdjointConvention(f, activity, transform.adjoints, transform.arrays,
        recordType, true, true);
    Parts parts = transform.parts(f, convention, false);
    return SharedForwardSweep.assemble(f, name, recordType, parts, convention, transform.adjoints);
  }

  /**
   * The pullbacks method, with one reverse sweep per row ({@code shared}) and, where its statements
   * can be paired, per two rows ({@code paired}, else null); or (both null) why each row needs a
   * pullback of its own.
   */
  public record Rows(Function shared, Function paired, String whyNotShared) {}

  /** {@code recordType} null: the allocation-free form. */
  private static Function run(Function f, Activity activity, String name, Type recordType, boolean vector,
      boolean splitCalls) {
    ReversePlan plan = ReversePlan.of(f, activity);
    Set<Expr.Invoke> checkpointed = splitCalls ? callsInCheckpointedLoops(f) : Set.of();
    // A checkpointed loop runs its iterations' forward sweeps again without the reverse sweep: a
    // split call there would record twice and be read once.
    ReverseTransform transform = new ReverseTransform(activity, plan,
        call -> splitCalls && !checkpointed.contains(call));
    AdjointConvention convention = new AdjointConvention(f, activity, transform.adjoints, transform.arrays,
        recordType, vector);
    // A loop's adjoint runs in place only where the result's adjoint is one double, known before it.
    Parts parts = transform.parts(f, convention, !vector);
    Block.Builder out = new Block.Builder();
    out.addAll(parts.beforeReverse());
    out.add(new Stmt.Comment(REVERSE_SWEEP, f.pos()));
    out.addAll(parts.seed());
    out.addAll(parts.reverse());
    out.addAll(convention.epilogue(parts.returned(), parts.returnPos()));
    return new Function(name, convention.parameters(), convention.returnType(), out.build(), f.pos());
  }

  /** The calls inside checkpointed loops (header, body and update), by identity. */
  private static Set<Expr.Invoke> callsInCheckpointedLoops(Function f) {
    Set<Expr.Invoke> out = Collections.newSetFromMap(new IdentityHashMap<>());
    Walk.statements(f.body(), s -> {
      if (s instanceof Stmt.Loop l && l.checkpoint() != null) {
        Walk.statements(new Block(List.of(l)), inner -> {
          for (Expr e : Walk.expressions(inner)) {
            Walk.nodes(e, node -> {
              if (node instanceof Expr.Invoke call) {
                out.add(call);
              }
            });
          }
        });
      }
    });
    return out;
  }

  static final String REVERSE_SWEEP = "reverse sweep: adjoints, from the result back to the parameters";

  // ---- the method ---------------------------------------------------------------------------

  /**
   * The pieces of a reverse method, in the order they run.
   *
   * @param beforeReverse hoisted declarations, the convention's prologue and the forward sweep
   * @param seed the adjoints declared, the result's seeded
   * @param reverse the reverse sweep
   * @param returned the variable that holds the value as returned
   * @param returnPos where the method returns
   */
  record Parts(Block beforeReverse, Block seed, Block reverse, Var returned, SourcePos returnPos) {}

  /** {@code inPlace}: the method's last loop may run its adjoint in place ({@link InPlaceLayout}). */
  private Parts parts(Function f, AdjointConvention convention, boolean inPlace) {
    List<Stmt> stmts = f.body().statements();
    Stmt.Return ret = (Stmt.Return) stmts.get(stmts.size() - 1);
    Var result = (Var) ret.value();
    Block body = new Block(stmts.subList(0, stmts.size() - 1));
    if (inPlace && result.type().equals(Type.DOUBLE)) {
      inPlaceCandidate = loopBeforeTail(body);
      inPlaceResultBar = adjoints.bar(result);
    }
    Sweeps sweep = block(body);
    ReverseReadsCheck.check(sweep.reverse(), plan, controlFlow.rerunCode(), f);
    // The reverse sweep restores overwritten variables; the record needs the value as returned.
    Var returned = result;
    Block.Builder forwardEnd = new Block.Builder();
    if (plan.recorded(result) || result.role() == Var.Role.PARAMETER) {
      returned = new Var(result.name() + "Returned", result.type(), Var.Role.TEMPORARY);
      forwardEnd.add(new Stmt.Declare(returned, result, ret.pos()));
    }

    Block.Builder out = new Block.Builder();
    for (Stmt.Declare d : storage.hoistedDeclarations()) {
      out.add(d);
    }
    out.addAll(convention.prologue());
    out.add(new Stmt.Comment("forward sweep", f.pos()));
    InPlaceLayout.Layout layout = inPlaceOption == null ? null
        : InPlaceLayout.of(inPlaceOption, sweep.forward(), sweep.reverse(), convention.seed(result),
            adjoints::isAdjoint, f.pos());
    // In place, the seed is part of the forward sweep, before the loop.
    out.addAll(layout == null ? sweep.forward() : layout.forward());
    out.addAll(forwardEnd.build());
    Block seed = layout == null ? convention.seed(result) : Block.EMPTY;
    Block reverse = layout == null ? sweep.reverse() : layout.reverse();
    return new Parts(out.build(), seed, reverse, returned, ret.pos());
  }

  /**
   * The last loop of a block when only comments and assignments of doubles follow it (the tail,
   * {@code double mean = sum / n;}), null otherwise.
   */
  private static Stmt.Loop loopBeforeTail(Block b) {
    List<Stmt> stmts = b.statements();
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      if (s instanceof Stmt.Loop l) {
        return l;
      }
      boolean scalar = s instanceof Stmt.Declare d && d.var().type().equals(Type.DOUBLE)
          || s instanceof Stmt.Assign a && a.target().type().equals(Type.DOUBLE);
      if (!(s instanceof Stmt.Comment || scalar)) {
        return null;
      }
    }
    return null;
  }

  // ---- blocks -------------------------------------------------------------------------------

  private Sweeps block(Block b) {
    storage.enterBlock();
    loads.enterBlock();
    try {
      Block.Builder forward = new Block.Builder();
      List<List<Stmt>> groups = new ArrayList<>();
      List<Stmt> current = new ArrayList<>();
      Stmt.Comment currentComment = null;
      List<Stmt.Comment> comments = new ArrayList<>();
      for (int index = 0; index < b.statements().size(); index++) {
        Stmt s = b.statements().get(index);
        storage.atStatement(index);
        if (s instanceof Stmt.Comment c) {
          forward.add(c);
          groups.add(current);
          comments.add(currentComment);
          current = new ArrayList<>();
          currentComment = c;
          continue;
        }
        StatementCode st = new StatementCode();
        s.accept(new Adjoint(st));
        loads.after(s, storage.topIndex());
        forward.addAll(st.forward.build());
        List<Stmt> rev = new ArrayList<>(st.reverse.build().statements());
        rev.addAll(st.restore.build().statements());
        // Statements are reversed one by one: the group's adjoint runs the last statement's first.
        current.addAll(0, rev);
      }
      groups.add(current);
      comments.add(currentComment);
      Block.Builder reverse = new Block.Builder();
      for (int g = groups.size() - 1; g >= 0; g--) {
        List<Stmt> group = groups.get(g);
        if (group.isEmpty()) {
          continue;
        }
        Stmt.Comment c = comments.get(g);
        if (c != null) {
          reverse.add(new Stmt.Comment("adjoint of " + c.text(), c.pos()));
        }
        reverse.addAll(group);
      }
      return new Sweeps(forward.build(), reverse.build());
    } finally {
      loads.leaveBlock();
      storage.leaveBlock();
    }
  }

  /** Fills in the code of one statement: its forward sweep, its adjoint and its restores. */
  private final class Adjoint extends FlattenedStatementVisitor<Void> {
    private final StatementCode st;

    Adjoint(StatementCode st) {
      this.st = st;
    }

    @Override
    public Void visitDeclare(Stmt.Declare d) {
      if (d.init() == null) {
        storage.declareWithoutValue(d.var(), st, d.pos());
      } else {
        assignment(d, d.var(), d.init(), st, true);
      }
      return null;
    }

    @Override
    public Void visitAssign(Stmt.Assign a) {
      assignment(a, a.target(), a.value(), st, false);
      return null;
    }

    @Override
    public Void visitArrayStore(Stmt.ArrayStore store) {
      arrays.arrayStore(store, st);
      return null;
    }

    @Override
    public Void visitIf(Stmt.If i) {
      controlFlow.ifStatement(i, st);
      return null;
    }

    @Override
    public Void visitLoop(Stmt.Loop l) {
      if (l == inPlaceCandidate) {
        inPlaceOption = controlFlow.loop(l, st, inPlaceResultBar);
      } else {
        controlFlow.loop(l, st);
      }
      return null;
    }

    /** A call made for its effect has no value to differentiate: the forward sweep makes it again. */
    @Override
    public Void visitEvaluate(Stmt.Evaluate e) {
      st.forward.add(e);
      return null;
    }

    @Override
    public Void visitComment(Stmt.Comment c) {
      st.forward.add(c);
      return null;
    }

    /** Early returns are gone after {@link ExitFlattening}; the final return is the method's. */
    @Override
    public Void visitReturn(Stmt.Return r) {
      throw new IllegalStateException("unexpected statement in reverse mode: " + r);
    }
  }

  // ---- assignments --------------------------------------------------------------------------

  private void assignment(Stmt s, Var v, Expr value, StatementCode st, boolean isDeclaration) {
    SourcePos pos = s.pos();
    storage.saveBeforeOverwrite(v, value, st, pos, isDeclaration);
    boolean active = v.type().isDifferentiable() && activity.isActive(v);
    boolean useful = activity.isUseful(s);
    if (active && useful && value instanceof Expr.Invoke call && call.method().isDifferentiable()) {
      calls.call(v, call, pos, st, isDeclaration);
      return;
    }
    storage.write(v, value, pos, st, isDeclaration);
    if (!active) {
      return;
    }
    if (v.type().isArray()) {
      // Useless or not, an array keeps a shadow for the code that follows (a call whose result
      // reaches nothing gets zeros, and no derivative call).
      arrays.arrayAssignment(v, value, pos, st, useful);
    } else if (useful) {
      adjoints.markActive(v);
      scalarAdjoint(s, v, value, st);
    }
  }

  /** {@code xiBar += partial_i * vBar} for each active operand, then vBar is consumed. */
  private void scalarAdjoint(Stmt s, Var v, Expr value, StatementCode st) {
    SourcePos pos = s.pos();
    boolean selfUpdate = Walk.reads(value).contains(v) && !(value instanceof Expr.ArrayLoad);
    Var resultMarker = selfUpdate ? new Var(v.name() + "Result", Type.DOUBLE, Var.Role.TEMPORARY) : v;
    List<Linear.Term> terms = plan.linearization(s, value, resultMarker).terms();
    Var bar = adjoints.bar(v);
    Block.Builder rev = st.reverse;
    if (selfUpdate) {
      boolean usesResult = terms.stream().anyMatch(t -> Walk.reads(t.partial()).contains(resultMarker));
      if (usesResult) {
        rev.add(new Stmt.Declare(resultMarker, v, pos));
      }
      // The partials read the old value of v: restore it first.
      rev.addAll(st.restore.build());
      st.restore.clear();
    }
    Expr own = null;
    for (Linear.Term t : terms) {
      if (!activity.isActive(t.operand())) {
        continue;
      }
      if (t.operand() == v) {
        Expr partial = loads.forwarded(t.partial());
        own = own == null ? partial : Exprs.add(own, partial);
        continue;
      }
      adjoints.accumulate(t.operand(), Exprs.mul(loads.forwarded(t.partial()), bar), rev, pos);
    }
    if (selfUpdate) {
      if (own == null) {
        rev.add(new Stmt.Assign(bar, Exprs.ZERO, pos));
      } else if (!Exprs.isConst(own, 1.0)) {
        rev.add(new Stmt.Assign(bar, Exprs.mul(own, bar), pos));
      }
    } else if (plan.mayBeOverwritten(v)) {
      rev.add(new Stmt.Assign(bar, Exprs.ZERO, pos));
    }
  }
}
