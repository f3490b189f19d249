package dev.adjoint.processor.transform;

import com.palantir.javapoet.ClassName;
import dev.adjoint.processor.analysis.LoopCarriedState;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.ChildBlocks;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reverse-mode code of a {@code @Checkpointed} loop. The forward sweep runs the loop without
 * recording anything, counting its iterations, after a snapshot of the loop-carried state
 * ({@link LoopCarriedState}) in slot 0 and followed by one of the arrays' contents at the end. The
 * reverse sweep follows {@code dev.adjoint.spi.Revolve}'s schedule for that many iterations: it
 * restores snapshots, runs iterations without recording (advance), takes snapshots, and turns: runs
 * one iteration recording it, as the plain reverse mode would, then that iteration's adjoint, which
 * pops what it pushed. The tape never holds more than one iteration.
 *
 * <p>Running one iteration "without recording" is the loop's own forward-sweep code with its pushes
 * left out: the same statements, so both kinds of run compute the same values bit for bit.
 */
final class CheckpointedLoopCode {
  static final Type SNAPSHOTS = Type.constant(ClassName.get("dev.adjoint.spi", "Snapshots"));
  static final Type REVOLVE = Type.constant(ClassName.get("dev.adjoint.spi", "Revolve"));
  private static final String REVOLVE_CLASS = "dev.adjoint.spi.Revolve";
  private static final String SNAPSHOTS_CLASS = "dev.adjoint.spi.Snapshots";

  /** The loop's parts, each as forward-sweep code (with pushes) and its adjoint. */
  record Parts(Block header, Block headerAdjoint, Block body, Block bodyAdjoint, Block update, Block updateAdjoint) {}

  private final Stmt.Loop loop;
  private final LoopCarriedState state;
  private final Var snapshots;
  private final SourcePos pos;

  CheckpointedLoopCode(Stmt.Loop loop, LoopCarriedState state, Var snapshots) {
    this.loop = loop;
    this.state = state;
    this.snapshots = snapshots;
    this.pos = loop.pos();
  }

  /** {@code Snapshots.of(doubles, integers, arrays)}: the store, sized for the state. */
  static Expr newStore(LoopCarriedState state, SourcePos pos) {
    int doubles = (int) state.scalars().stream().filter(v -> v.type().equals(Type.DOUBLE)).count();
    int integers = state.scalars().size() - doubles;
    return staticCall(SNAPSHOTS_CLASS, "of", SNAPSHOTS, pos, Expr.Const.ofInt(doubles),
        Expr.Const.ofInt(integers),
        Expr.Const.ofInt(state.arrays().size()));
  }

  /**
   * The forward sweep: the loop with its initialiser, the snapshot before the first iteration, and
   * the iterations counted in {@code trips}, recording nothing; then the arrays' contents at its end.
   */
  Block forward(Block init, Parts parts, Var trips) {
    Block.Builder out = new Block.Builder();
    out.add(new Stmt.Comment("checkpointed loop: it records nothing here; the reverse sweep runs its iterations"
        + " again from snapshots", pos));
    Block.Builder initWithSnapshot = new Block.Builder().addAll(init).addAll(save(Expr.Const.ofInt(0), false));
    Block.Builder body = new Block.Builder()
        .add(new Stmt.Assign(trips, new Expr.Binary(Expr.BinaryOp.ADD, trips, Expr.Const.ofInt(1), Type.INT), pos))
        .addAll(withoutPushes(parts.body()));
    out.add(new Stmt.Loop(loop.kind(), initWithSnapshot.build(), withoutPushes(parts.header()), loop.condition(),
        body.build(), withoutPushes(parts.update()), loop.id(), loop.sourceLabel(), pos));
    out.addAll(save(exitSlot(), true));
    return out.build();
  }

  /**
   * The reverse sweep: the schedule's actions until it is done, then the arrays as the loop left
   * them, for the adjoints of the statements before it.
   *
   * @param counted whether the loop variable is counted: a turn then leaves out the update, so
   *     that the adjoint of the body sees the iteration's own value of it
   * @param rematerialized statements that set again the values the adjoint recomputes instead of recording
   */
  Block reverse(Parts parts, Var trips, int snapshotCount, boolean counted, Block rematerialized, Set<Stmt> rerun) {
    Var schedule = new Var("schedule", REVOLVE, Var.Role.TEMPORARY);
    Var action = new Var("action", Type.INT, Var.Role.TEMPORARY);
    Var takeSlot = new Var("slot", Type.INT, Var.Role.TEMPORARY);
    Var restoreSlot = new Var("slot", Type.INT, Var.Role.TEMPORARY);
    Block.Builder out = new Block.Builder();
    out.add(new Stmt.Declare(schedule, staticCall(REVOLVE_CLASS, "of", REVOLVE, pos, trips, Expr.Const.ofInt(snapshotCount),
        instanceCall(snapshots, "bytesPerSnapshot", Type.LONG)), pos));

    Block.Builder advance = new Block.Builder();
    Var k = new Var("advanced", Type.INT, Var.Role.TEMPORARY);
    Block.Builder oneStep = new Block.Builder()
        .addAll(withoutPushes(parts.header())).addAll(withoutPushes(parts.body())).addAll(withoutPushes(parts.update()));
    advance.add(new Stmt.Comment("advance: iterations run again, recording nothing", pos));
    advance.add(rerun(rerun, new Stmt.Loop(Stmt.LoopKind.FOR, new Block(List.of(new Stmt.Declare(k, Expr.Const.ofInt(0), pos))),
        Block.EMPTY, new Expr.Binary(Expr.BinaryOp.LT, k, instanceCall(schedule, "steps", Type.INT), Type.BOOLEAN),
        oneStep.build(), new Block(List.of(new Stmt.Assign(k,
            new Expr.Binary(Expr.BinaryOp.ADD, k, Expr.Const.ofInt(1), Type.INT), pos))),
        1_000_000 + 2 * loop.id(), null, pos)));

    Block.Builder take = new Block.Builder()
        .add(new Stmt.Declare(takeSlot, instanceCall(schedule, "slot", Type.INT), pos))
        .addAll(save(takeSlot, false));
    Block.Builder restore = new Block.Builder()
        .add(new Stmt.Declare(restoreSlot, instanceCall(schedule, "slot", Type.INT), pos))
        .addAll(restore(restoreSlot, false));

    Block.Builder turn = new Block.Builder();
    turn.add(new Stmt.Comment("turn: the next iteration to reverse, recorded, then its adjoint", pos));
    Block.Builder recorded = new Block.Builder().addAll(parts.header()).addAll(parts.body());
    if (!counted) {
      recorded.addAll(parts.update());
    }
    for (Stmt s : recorded.build().statements()) {
      turn.add(rerun(rerun, s));
    }
    turn.addAll(rematerialized);
    if (!counted) {
      turn.addAll(parts.updateAdjoint());
    }
    turn.addAll(parts.bodyAdjoint()).addAll(parts.headerAdjoint());

    Stmt chain = new Stmt.If(is(action, "RESTORE"), restore.build(), turn.build(), pos);
    chain = new Stmt.If(is(action, "TAKE_SNAPSHOT"), take.build(), new Block(List.of(chain)), pos);
    chain = new Stmt.If(is(action, "ADVANCE"), advance.build(), new Block(List.of(chain)), pos);
    Block header = new Block(List.of(new Stmt.Declare(action, instanceCall(schedule, "next", Type.INT), pos)));
    Expr notDone = new Expr.Binary(Expr.BinaryOp.NE, action, field("DONE"), Type.BOOLEAN);
    out.add(new Stmt.Loop(Stmt.LoopKind.WHILE, Block.EMPTY, header, notDone, new Block(List.of(chain)), Block.EMPTY,
        1_000_001 + 2 * loop.id(), null, pos));
    out.addAll(restore(exitSlot(), true));
    out.add(new Stmt.Evaluate(instanceCall(snapshots, "release", Type.VOID), pos));
    return out.build();
  }

  /**
   * Notes a statement that runs an iteration again: the reverse transform does not take what it
   * assigns for values the adjoint reads (it reads its own copies of them).
   */
  private static Stmt rerun(Set<Stmt> rerun, Stmt s) {
    rerun.add(s);
    return s;
  }

  /** Statements that copy the state (or, {@code arraysOnly}, the arrays' contents) into a slot. */
  private Block save(Expr slot, boolean arraysOnly) {
    Block.Builder out = new Block.Builder();
    int[] index = new int[2];
    if (!arraysOnly) {
      for (Var v : state.scalars()) {
        int i = v.type().equals(Type.DOUBLE) ? index[0]++ : index[1]++;
        out.add(new Stmt.Evaluate(instanceCall(snapshots, "put" + typeName(v.type()), Type.VOID, slot,
            Expr.Const.ofInt(i), v), pos));
      }
    }
    for (int i = 0; i < state.arrays().size(); i++) {
      out.add(new Stmt.Evaluate(instanceCall(snapshots, "putArray", Type.VOID, slot, Expr.Const.ofInt(i),
          state.arrays().get(i)), pos));
    }
    return out.build();
  }

  /** Statements that set the state (or the arrays' contents) from a slot. */
  private Block restore(Expr slot, boolean arraysOnly) {
    Block.Builder out = new Block.Builder();
    int[] index = new int[2];
    if (!arraysOnly) {
      for (Var v : state.scalars()) {
        int i = v.type().equals(Type.DOUBLE) ? index[0]++ : index[1]++;
        out.add(new Stmt.Assign(v, instanceCall(snapshots, "get" + typeName(v.type()), v.type(), slot,
            Expr.Const.ofInt(i)), pos));
      }
    }
    for (int i = 0; i < state.arrays().size(); i++) {
      out.add(new Stmt.Evaluate(instanceCall(snapshots, "getArray", Type.VOID, slot, Expr.Const.ofInt(i),
          state.arrays().get(i)), pos));
    }
    return out.build();
  }

  private static String typeName(Type t) {
    String java = t.toString();
    return Character.toUpperCase(java.charAt(0)) + java.substring(1);
  }

  private Expr exitSlot() {
    return new Expr.StaticField(SNAPSHOTS_CLASS, "EXIT", Type.INT, false);
  }

  private static Expr field(String name) {
    return new Expr.StaticField(REVOLVE_CLASS, name, Type.INT, false);
  }

  private static Expr is(Var action, String name) {
    return new Expr.Binary(Expr.BinaryOp.EQ, action, field(name), Type.BOOLEAN);
  }

  private Expr instanceCall(Var receiver, String method, Type type, Expr... args) {
    return new Expr.InvokeInstance(receiver, method, List.of(args), type, pos);
  }

  private static Expr staticCall(String owner, String name, Type type, SourcePos pos, Expr... args) {
    List<Type> types = new ArrayList<>();
    for (Expr a : args) {
      types.add(a.type());
    }
    return new Expr.Invoke(new MethodRef(owner, name, types, type, null), List.of(args), pos);
  }

  /** Whether an expression is a call on a checkpoint store or schedule (second order refuses those). */
  static boolean isCheckpointing(Expr e) {
    return e instanceof Expr.InvokeInstance call
        && (call.receiver().type().equals(SNAPSHOTS) || call.receiver().type().equals(REVOLVE));
  }

  /** The code without its tape pushes: a run that records nothing. */
  static Block withoutPushes(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      if (!(s instanceof Stmt.Push)) {
        out.add(ChildBlocks.map(s, CheckpointedLoopCode::withoutPushes));
      }
    }
    return out.build();
  }
}
