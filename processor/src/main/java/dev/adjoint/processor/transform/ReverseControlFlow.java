package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.CountedLoops;
import dev.adjoint.processor.analysis.LoopCarriedState;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.analysis.TripCount;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse mode of branches and loops: a branch's adjoint runs under the decision the forward
 * sweep took (evaluated again, kept in a local, or on the tape); a loop's adjoint runs the adjoint
 * of its body as many times as it ran, recomputing its index and the values the plan recomputes.
 */
final class ReverseControlFlow {
  private final Activity activity;
  private final ReversePlan plan;
  private final SweepStorage storage;
  private final Adjoints adjoints;
  /** The forward and reverse code of a nested block, from the transform. */
  private final java.util.function.Function<Block, Sweeps> blocks;
  /** Statements of checkpointed loops' reverse sweeps that run iterations again (by identity). */
  private final Set<Stmt> rerunCode = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  ReverseControlFlow(Activity activity, ReversePlan plan, SweepStorage storage, Adjoints adjoints,
      java.util.function.Function<Block, Sweeps> blocks) {
    this.activity = activity;
    this.plan = plan;
    this.storage = storage;
    this.adjoints = adjoints;
    this.blocks = blocks;
  }

  /** The statements of the reverse sweep that run a checkpointed loop's iterations again. */
  Set<Stmt> rerunCode() {
    return rerunCode;
  }

  void ifStatement(Stmt.If i, StatementCode st) {
    Sweeps then = blocks.apply(i.then());
    Sweeps otherwise = blocks.apply(i.otherwise());
    SourcePos pos = i.pos();
    if (then.reverseIsEmpty() && otherwise.reverseIsEmpty()) {
      st.forward.add(new Stmt.If(i.condition(), then.forward(), otherwise.forward(), pos));
      return;
    }
    if (!storage.inLoop()) {
      // Outside loops each if runs at most once: its decision fits in a local.
      Var taken = storage.helper("branch", Type.BOOLEAN, i.condition(), st, pos);
      st.forward.add(new Stmt.If(taken, then.forward(), otherwise.forward(), pos));
      st.reverse.add(new Stmt.If(taken, then.reverse(), otherwise.reverse(), pos));
      return;
    }
    if (plan.conditionHoldsInReverse(i)) {
      // The reverse sweep evaluates the condition again, on values it has anyway: nothing recorded.
      st.forward.add(new Stmt.If(i.condition(), then.forward(), otherwise.forward(), pos));
      st.reverse.add(new Stmt.If(i.condition(), then.reverse(), otherwise.reverse(), pos));
      return;
    }
    Block thenForward = new Block.Builder().addAll(then.forward()).add(new Stmt.Push(Expr.Const.ofBoolean(true), pos)).build();
    Block elseForward = new Block.Builder().addAll(otherwise.forward()).add(new Stmt.Push(Expr.Const.ofBoolean(false), pos)).build();
    st.forward.add(new Stmt.If(i.condition(), thenForward, elseForward, pos));
    st.reverse.add(new Stmt.If(new Expr.TapePop(Type.BOOLEAN), then.reverse(), otherwise.reverse(), pos));
  }

  /**
   * A loop: the reverse sweep runs the adjoint of the body as many times as the loop ran, which it
   * computes again when the loop's start and bound do not change in it ({@link TripCount}) and the
   * forward sweep counts otherwise. A counted loop ({@code for (int i = a; cond; i++)} with i
   * changed nowhere else) recomputes i from its start instead of recording it.
   */
  void loop(Stmt.Loop l, StatementCode st) {
    loop(l, st, null);
  }

  /**
   * A loop, reversed as usual; when {@code inPlaceResultBar}, the adjoint of the method's result, is
   * given, also the loop with each iteration's adjoint inside it ({@link InPlaceLoopAdjoint}) when
   * its iterations are independent in reverse, or null. The caller picks one.
   */
  InPlaceLoopAdjoint.Option loop(Stmt.Loop l, StatementCode st, Var inPlaceResultBar) {
    SourcePos pos = l.pos();
    Var counter = CountedLoops.counter(l);
    Sweeps init = blocks.apply(l.init());
    storage.enterLoop();
    Sweeps header = blocks.apply(l.header());
    Sweeps body = blocks.apply(l.body());
    Sweeps update = blocks.apply(l.update());
    storage.leaveLoop();
    if (init.reverseIsEmpty() && header.reverseIsEmpty() && body.reverseIsEmpty() && update.reverseIsEmpty()) {
      st.forward.add(new Stmt.Loop(l.kind(), init.forward(), header.forward(), l.condition(), body.forward(), update.forward(),
          l.id(), l.sourceLabel(), pos));
      return null;
    }
    if (l.checkpoint() != null && !storage.inLoop()) {
      checkpointedLoop(l, counter != null, init, new CheckpointedLoopCode.Parts(header.forward(), header.reverse(),
          body.forward(), body.reverse(), update.forward(), update.reverse()), st);
      return null;
    }
    Stmt.Loop inPlace = null;
    if (inPlaceResultBar != null && !storage.inLoop() && plan.tripCount(l) instanceof TripCount.Recomputed) {
      // No value is recomputed: each one the adjoint reads still holds what this iteration gave it
      // (the recomputed ones are defined once, at the top of the body, from values that stay).
      inPlace = InPlaceLoopAdjoint.fuse(l, init, header, body, update, body.reverse(), adjoints::isAdjoint,
          inPlaceResultBar);
    }
    int reverseFrom = st.reverse.build().statements().size();
    Expr trips;
    Expr start = null;
    if (plan.tripCount(l) instanceof TripCount.Recomputed again) {
      // Start and bound do not change in the loop: the reverse sweep computes both again, and the
      // forward sweep runs the loop as written, recording nothing.
      trips = again.trips();
      Var startAgain = new Var(counter.name() + "Start", counter.type(), Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(startAgain, again.start(), pos));
      start = startAgain;
      st.forward.add(new Stmt.Loop(l.kind(), init.forward(), header.forward(), l.condition(), body.forward(),
          update.forward(), l.id(), l.sourceLabel(), pos));
    } else {
      Var counted = storage.helper("trips", Type.INT, Expr.Const.ofInt(0), st, pos);
      trips = counted;
      Block.Builder initForward = new Block.Builder().addAll(init.forward());
      if (counter != null) {
        StatementCode startSt = new StatementCode();
        start = storage.helper(counter.name() + "Start", counter.type(), counter, startSt, pos);
        initForward.addAll(startSt.forward.build());
        st.restore.addAll(startSt.restore.build());
      }
      Block.Builder bodyForward = new Block.Builder()
          .add(new Stmt.Assign(counted, new Expr.Binary(Expr.BinaryOp.ADD, counted, Expr.Const.ofInt(1), Type.INT),
              pos))
          .addAll(body.forward());
      st.forward.add(new Stmt.Loop(l.kind(), initForward.build(), header.forward(), l.condition(), bodyForward.build(),
          update.forward(), l.id(), l.sourceLabel(), pos));
    }

    Block.Builder iteration = new Block.Builder();
    Var k = new Var("iteration", Type.INT, Var.Role.TEMPORARY);
    if (counter != null) {
      Expr value = new Expr.Binary(Expr.BinaryOp.SUB,
          new Expr.Binary(Expr.BinaryOp.ADD, start, k, Type.INT), Expr.Const.ofInt(1), Type.INT);
      iteration.add(new Stmt.Assign(counter, value, pos));
    }
    iteration.addAll(rematerialized(l));
    if (l.kind().testFirst()) {
      iteration.addAll(update.reverse()).addAll(body.reverse()).addAll(header.reverse());
      st.reverse.addAll(header.reverse());
    } else {
      iteration.addAll(header.reverse()).addAll(body.reverse());
    }
    st.reverse.add(new Stmt.Repeat(k, trips, iteration.build(), pos));
    st.reverse.addAll(init.reverse());
    if (inPlace == null) {
      return null;
    }
    List<Stmt> built = st.forward.build().statements();
    List<Stmt> reversed = st.reverse.build().statements();
    return new InPlaceLoopAdjoint.Option(built.get(built.size() - 1), reversed.subList(reverseFrom, reversed.size()),
        inPlace, body.reverse());
  }

  /** The values of a loop's iteration that its adjoint recomputes instead of recording them. */
  private Block rematerialized(Stmt.Loop l) {
    Block.Builder out = new Block.Builder();
    for (Map.Entry<Var, Expr> def : plan.recomputedDefinitions(l).entrySet()) {
      Var v = def.getKey();
      boolean activeArray = v.type().isArray() && activity.isActive(v);
      if (plan.readInReverse(v) || activeArray) {
        out.add(new Stmt.Assign(v, def.getValue(), l.pos()));
      }
      if (activeArray) {
        // The alias's shadow is recomputed with it: it points into the same shadow storage again.
        out.add(new Stmt.Assign(adjoints.bar(v), adjoints.shadow(def.getValue()), l.pos()));
      }
    }
    return out.build();
  }

  /**
   * A {@code @Checkpointed} loop outside other loops ({@link CheckpointedLoopCode}): its forward
   * sweep records nothing; its adjoint runs the iterations again from snapshots, one recorded at a time.
   */
  private void checkpointedLoop(Stmt.Loop l, boolean counted, Sweeps init, CheckpointedLoopCode.Parts parts,
      StatementCode st) {
    SourcePos pos = l.pos();
    Walk.statements(l.header(), s -> {
      // Each iteration's condition is reversed with it; the last test, which ends the loop, is not, so it
      // must have no adjoint (LoopCarriedState.problem refuses conditions that assign such values).
      if (s instanceof Stmt.Assign a && a.target().type().isDifferentiable() && activity.isActive(a.target())
          || s instanceof Stmt.Declare d && d.var().type().isDifferentiable() && activity.isActive(d.var())) {
        throw new IllegalStateException("the condition of the checkpointed loop at line " + pos.line()
            + " assigns a value with a derivative");
      }
    });
    LoopCarriedState state = LoopCarriedState.of(l, activity);
    Var trips = storage.helper("trips", Type.INT, Expr.Const.ofInt(0), st, pos);
    Var snapshots = storage.helper("snapshots", CheckpointedLoopCode.SNAPSHOTS, CheckpointedLoopCode.newStore(state, pos), st,
        pos);
    CheckpointedLoopCode code = new CheckpointedLoopCode(l, state, snapshots);
    st.forward.addAll(code.forward(init.forward(), parts, trips));
    st.reverse.addAll(code.reverse(parts, trips, l.checkpoint().snapshots(), counted, rematerialized(l), rerunCode));
    st.reverse.addAll(init.reverse());
  }
}
