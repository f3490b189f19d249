package dev.adjoint.processor.transform;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Several pullbacks of a vector function from one forward sweep: the forward sweep runs once, then
 * the reverse sweep once per row of {@code resultBars}, each row with fresh adjoints.
 *
 * <p>Why: a Jacobian by reverse mode takes one pullback per output, and each pullback on its own
 * runs the forward sweep again. Bundle adjustment's 2 x 15 block per observation is two pullbacks
 * of the same forward sweep.
 *
 * <p>When: only when a second run of the reverse sweep starts from the state the first one started
 * from. Scalar adjoints are declared in each row, and every shadow array is cleared between rows,
 * so what matters is the primal state. {@link #check} refuses a reverse sweep that
 *
 * <ul>
 *   <li>takes arrays or other objects off the tape (the tape drops its reference as it pops one),
 *       hands the tape to a callee, or runs anything but the statements the reverse sweep is made of
 *       (kept callees' adjoints and array updates);
 *   <li>writes an element of a primal array (a restored old value), or
 *   <li>reads a variable declared before it that it also assigns, before assigning it (a value it
 *       recomputes would be the first row's, not the forward sweep's);
 *   <li>or a shadow array is made where the row loop cannot see it (inside a loop or a branch of
 *       the forward sweep), so it could not be cleared.
 * </ul>
 *
 * A variable declared before the reverse sweep that it reads before it sets it (a value it
 * recomputes or restores) is kept as the forward sweep left it, and set back at the start of each
 * row. Anything else the reverse sweep reads is left as the forward sweep left it. Numbers and
 * branch bits it takes off the tape are there again for each row: the tape is marked when the
 * forward sweep ends and rewound at the start of each row ({@code Tape.mark}, {@code Tape.rewind}).
 * When the sweep is refused, the caller generates one pullback per row instead.
 */
final class SharedForwardSweep {
  private static final int ROW_LOOP_ID = 2_000_000;

  private SharedForwardSweep() {}

  static ReverseTransform.Rows assemble(Function f, String name, Type recordType, ReverseTransform.Parts parts,
      AdjointConvention convention, Adjoints adjoints) {
    Verdict verdict = check(parts, adjoints);
    if (verdict.whyNot() != null) {
      return new ReverseTransform.Rows(null, null, verdict.whyNot());
    }
    Function single = method(f, name, recordType, parts, convention, adjoints, verdict, null);
    PairedRows pairing = new PairedRows(v -> adjoints.holdsAdjoints(v) || v == convention.resultBar());
    Function paired = method(f, name, recordType, parts, convention, adjoints, verdict, pairing);
    return new ReverseTransform.Rows(single, paired, null);
  }

  /**
   * The pullbacks method: the forward sweep, then a loop over the rows that runs the reverse sweep
   * for one row at a time, or (with {@code pairing}) for two rows at a time, each adjoint statement
   * twice; null when the statements cannot be paired.
   */
  private static Function method(Function f, String name, Type recordType, ReverseTransform.Parts parts,
      AdjointConvention convention, Adjoints adjoints, Verdict verdict, PairedRows pairing) {
    Block beforeReverse = parts.beforeReverse();
    Block sweep = new Block.Builder().addAll(parts.seed()).addAll(parts.reverse()).build();
    if (pairing != null) {
      beforeReverse = pairing.pair(beforeReverse);
      sweep = beforeReverse == null ? null : pairing.pair(sweep);
      if (sweep == null) {
        return null;
      }
    }
    int step = pairing == null ? 1 : 2;
    SourcePos pos = f.pos();
    Block.Builder out = new Block.Builder();
    out.addAll(beforeReverse);
    boolean pops = popsTheTape(sweep);
    if (pops) {
      out.add(new Stmt.Comment("where the tape stands after the forward sweep: each row takes the same values off it", pos));
      out.add(tapeCall("mark", pos));
    }
    Block.Builder reset = new Block.Builder();
    for (Var v : verdict.exposed()) {
      Var atEnd = new Var(v.name() + "AfterForward", v.type(), Var.Role.TEMPORARY);
      out.add(new Stmt.Declare(atEnd, v, pos));
      reset.add(new Stmt.Assign(v, atEnd, pos));
    }
    Var resultBars = convention.resultBars();
    Expr rowCount = new Expr.ArrayLength(resultBars);
    List<Expr> components = new ArrayList<>();
    components.add(parts.returned());
    List<Var> rowsOf = new ArrayList<>();
    for (Function.Parameter p : f.differentiableParameters()) {
      Var rows = new Var(adjoints.bar(p.var()).name() + "s", rowsType(p.var().type()), Var.Role.TEMPORARY);
      out.add(new Stmt.Declare(rows, new Expr.NewArray(rows.type(), List.of(rowCount)), pos));
      rowsOf.add(rows);
      components.add(rows);
    }
    Var row = new Var("row", Type.INT, Var.Role.TEMPORARY);
    Expr secondRow = plus(row, 1);
    Expr hasSecondRow = new Expr.Binary(Expr.BinaryOp.LT, secondRow, rowCount, Type.BOOLEAN);
    Block.Builder body = new Block.Builder();
    Var resultBar = convention.resultBar();
    if (pairing == null) {
      body.add(new Stmt.Comment(ReverseTransform.REVERSE_SWEEP + ", for this row of resultBars", pos));
      body.add(new Stmt.Declare(resultBar, new Expr.ArrayLoad(resultBars, row, Type.DOUBLE_ARRAY), pos));
    } else {
      body.add(new Stmt.Comment(ReverseTransform.REVERSE_SWEEP
          + ", for this row of resultBars and the next (Row2), side by side; a last row alone is paired with zeros", pos));
      body.add(new Stmt.Declare(resultBar, new Expr.ArrayLoad(resultBars, row, Type.DOUBLE_ARRAY), pos));
      body.add(new Stmt.Declare(pairing.twin(resultBar), new Expr.Conditional(hasSecondRow,
          new Expr.ArrayLoad(resultBars, secondRow, Type.DOUBLE_ARRAY), new Expr.ZerosLike(resultBar),
          Type.DOUBLE_ARRAY), pos));
    }
    if (pops) {
      body.add(tapeCall("rewind", pos));
    }
    if (!verdict.exposed().isEmpty()) {
      body.add(new Stmt.Comment("what the reverse sweep reads before it sets it, as the forward sweep left it", pos));
      body.addAll(reset.build());
    }
    body.addAll(sweep);
    body.add(new Stmt.Comment(pairing == null
        ? "this row's adjoints handed over, and every shadow array cleared when another row follows"
        : "these rows' adjoints handed over, and every shadow array cleared when another pair follows", pos));
    List<Function.Parameter> differentiable = f.differentiableParameters();
    Block.Builder second = new Block.Builder();
    for (int i = 0; i < differentiable.size(); i++) {
      Var bar = adjoints.bar(differentiable.get(i).var());
      body.add(new Stmt.ArrayStore(rowsOf.get(i), row, handedOver(bar), pos));
      if (pairing != null) {
        second.add(new Stmt.ArrayStore(rowsOf.get(i), secondRow, handedOver(pairing.twin(bar)), pos));
      }
    }
    if (pairing != null) {
      body.add(new Stmt.If(hasSecondRow, second.build(), Block.EMPTY, pos));
    }
    Block.Builder clear = new Block.Builder();
    for (Var shadow : shadowsInScope(parts.beforeReverse(), adjoints)) {
      clear.add(RuntimeCalls.zero(shadow, pos));
      if (pairing != null) {
        clear.add(RuntimeCalls.zero(pairing.twin(shadow), pos));
      }
    }
    Expr another = new Expr.Binary(Expr.BinaryOp.LT, plus(row, step), rowCount, Type.BOOLEAN);
    body.add(new Stmt.If(another, clear.build(), Block.EMPTY, pos));
    out.add(new Stmt.Comment(pairing == null
        ? "one reverse sweep per row of resultBars, all from the forward sweep above"
        : "one reverse sweep per two rows of resultBars, all from the forward sweep above", pos));
    out.add(new Stmt.Loop(Stmt.LoopKind.FOR,
        new Block(List.of(new Stmt.Declare(row, Expr.Const.ofInt(0), pos))),
        Block.EMPTY,
        new Expr.Binary(Expr.BinaryOp.LT, row, rowCount, Type.BOOLEAN),
        body.build(),
        new Block(List.of(new Stmt.Assign(row, plus(row, step), pos))),
        ROW_LOOP_ID, null, pos));
    if (pops) {
      out.add(new Stmt.If(new Expr.Binary(Expr.BinaryOp.EQ, rowCount, Expr.Const.ofInt(0), Type.BOOLEAN),
          new Block(List.of(new Stmt.Comment("no row took the forward sweep's entries off the tape", pos),
              tapeCall("clear", pos))),
          Block.EMPTY, pos));
    }
    out.add(new Stmt.Return(new Expr.NewRecord(recordType, components), parts.returnPos()));
    return new Function(name, convention.parameters(), recordType, out.build(), pos);
  }

  /** A row's adjoint of a parameter as handed over: a copy of an array, which the next row clears. */
  private static Expr handedOver(Var bar) {
    return bar.type().isArray() ? new Expr.ArrayClone(bar) : bar;
  }

  private static Expr plus(Var v, int k) {
    return new Expr.Binary(Expr.BinaryOp.ADD, v, Expr.Const.ofInt(k), Type.INT);
  }

  /** {@code tape.mark()}, {@code tape.rewind()} or {@code tape.clear()}. */
  private static Stmt tapeCall(String method, SourcePos pos) {
    return new Stmt.Evaluate(new Expr.InvokeInstance(Var.TAPE, method, List.of(), Type.VOID, pos), pos);
  }

  private static boolean popsTheTape(Block b) {
    boolean[] found = {false};
    Walk.statements(b, s -> {
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> found[0] |= node instanceof Expr.TapePop);
      }
    });
    return found[0];
  }

  /** One entry per row: {@code double[]} for a double, {@code double[][]} for a double[], and so on. */
  private static Type rowsType(Type t) {
    switch (t.kind()) {
      case DOUBLE:
        return Type.DOUBLE_ARRAY;
      case DOUBLE_ARRAY:
        return Type.DOUBLE_MATRIX;
      default:
        TypeName matrix = ArrayTypeName.of(ArrayTypeName.of(TypeName.DOUBLE));
        return Type.constant(ArrayTypeName.of(matrix));
    }
  }

  /**
   * The shadow arrays declared at the top of the method, where the row loop sees them, that may hold
   * storage of their own: a shadow only ever set to another shadow (or a row of one) is cleared
   * with it.
   */
  private static Set<Var> shadowsInScope(Block beforeReverse, Adjoints adjoints) {
    Set<Var> declared = new LinkedHashSet<>();
    for (Var v : topLevelDeclarations(beforeReverse)) {
      if (v.type().isArray() && adjoints.isAdjoint(v)) {
        declared.add(v);
      }
    }
    Set<Var> owning = new HashSet<>();
    Walk.statements(beforeReverse, s -> {
      if (s instanceof Stmt.Declare d && declared.contains(d.var()) && !isAlias(d.init(), adjoints)) {
        owning.add(d.var());
      } else if (s instanceof Stmt.Assign a && declared.contains(a.target()) && !isAlias(a.value(), adjoints)) {
        owning.add(a.target());
      }
    });
    declared.retainAll(owning);
    return declared;
  }

  /** The variables declared at the top of the method, in order. */
  static Set<Var> topLevelDeclarations(Block beforeReverse) {
    Set<Var> out = new LinkedHashSet<>();
    for (Stmt s : beforeReverse.statements()) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.var());
      }
    }
    return out;
  }

  /** Null, another shadow, or a row of one: no storage of its own. */
  private static boolean isAlias(Expr value, Adjoints adjoints) {
    if (value == null || value instanceof Expr.Const c && c.value() == null) {
      return true;
    }
    Var storage = Walk.storage(value);
    return (value instanceof Var || value instanceof Expr.ArrayLoad) && storage != null && adjoints.isAdjoint(storage);
  }

  /**
   * What the reverse sweep needs to run once per row: why it cannot (or null), and the variables
   * declared before it that it reads before it sets them (each row starts them again at the values
   * the forward sweep left).
   */
  record Verdict(String whyNot, Set<Var> exposed) {}

  static Verdict check(ReverseTransform.Parts parts, Adjoints adjoints) {
    Set<Var> topLevel = topLevelDeclarations(parts.beforeReverse());
    String[] why = {null};
    Walk.statements(parts.beforeReverse(), s -> {
      if (why[0] == null && s instanceof Stmt.Declare d && d.var().type().isArray() && adjoints.isAdjoint(d.var())
          && !topLevel.contains(d.var())) {
        why[0] = "the shadow " + d.var().name() + " is made inside a loop or a branch";
      }
    });
    if (why[0] != null) {
      return new Verdict(why[0], Set.of());
    }
    Set<Var> declaredInReverse = new HashSet<>();
    Block seedAndReverse = new Block.Builder().addAll(parts.seed()).addAll(parts.reverse()).build();
    Walk.statements(seedAndReverse, s -> {
      if (s instanceof Stmt.Declare d) {
        declaredInReverse.add(d.var());
      } else if (s instanceof Stmt.Repeat r) {
        declaredInReverse.add(r.counter());
      }
    });
    Set<Var> assignedInReverse = new HashSet<>();
    Walk.statements(seedAndReverse, s -> {
      if (s instanceof Stmt.Assign a && !declaredInReverse.contains(a.target())) {
        assignedInReverse.add(a.target());
      }
    });
    if (assignedInReverse.contains(parts.returned())) {
      return new Verdict("the reverse sweep sets " + parts.returned().name() + ", the value returned", Set.of());
    }
    Check check = new Check(adjoints, declaredInReverse, assignedInReverse);
    check.block(seedAndReverse, new HashSet<>());
    return new Verdict(check.why, check.exposed);
  }

  /**
   * A walk of the reverse sweep in execution order, with the variables it has surely assigned so
   * far: a read of a variable it assigns somewhere must come after such an assignment.
   */
  private static final class Check {
    private final Adjoints adjoints;
    private final Set<Var> local;
    private final Set<Var> assigned;
    private final Set<Var> exposed = new LinkedHashSet<>();
    private String why;

    Check(Adjoints adjoints, Set<Var> local, Set<Var> assigned) {
      this.adjoints = adjoints;
      this.local = local;
      this.assigned = assigned;
    }

    void block(Block b, Set<Var> set) {
      Statements visitor = new Statements(set);
      for (Stmt s : b.statements()) {
        if (why != null) {
          return;
        }
        s.accept(visitor);
      }
    }

    /**
     * One statement of a block, {@code set} the variables surely assigned before it. Nested blocks
     * start from a copy: what a branch or a loop body assigns may not have run.
     */
    private final class Statements implements Stmt.Visitor<Void> {
      private final Set<Var> set;

      Statements(Set<Var> set) {
        this.set = set;
      }

      @Override
      public Void visitDeclare(Stmt.Declare d) {
        if (d.init() != null) {
          reads(d.init(), set);
        }
        return null;
      }

      @Override
      public Void visitAssign(Stmt.Assign a) {
        reads(a.value(), set);
        set.add(a.target());
        return null;
      }

      @Override
      public Void visitArrayStore(Stmt.ArrayStore store) {
        writes(store.array(), "an element of");
        reads(store.array(), set);
        reads(store.index(), set);
        reads(store.value(), set);
        return null;
      }

      @Override
      public Void visitArrayCopy(Stmt.ArrayCopy copy) {
        writes(copy.target(), "the elements of");
        reads(copy.source(), set);
        reads(copy.target(), set);
        return null;
      }

      @Override
      public Void visitIf(Stmt.If i) {
        reads(i.condition(), set);
        block(i.then(), new HashSet<>(set));
        block(i.otherwise(), new HashSet<>(set));
        return null;
      }

      @Override
      public Void visitRepeat(Stmt.Repeat r) {
        reads(r.count(), set);
        block(r.body(), new HashSet<>(set));
        return null;
      }

      @Override
      public Void visitLoop(Stmt.Loop l) {
        block(l.init(), set);
        Set<Var> inside = new HashSet<>(set);
        block(l.header(), inside);
        reads(l.condition(), inside);
        block(l.body(), inside);
        block(l.update(), inside);
        return null;
      }

      @Override
      public Void visitEvaluate(Stmt.Evaluate e) {
        if (e.value() instanceof Expr.Invoke call && RuntimeCalls.isArrayUpdate(call)) {
          writes(call.args().get(0), "the elements of");
        } else if (!(e.value() instanceof Expr.InvokeDerivative)) {
          fail("the reverse sweep evaluates " + e.value());
        }
        reads(e.value(), set);
        return null;
      }

      @Override
      public Void visitComment(Stmt.Comment c) {
        return null;
      }

      @Override
      public Void visitPush(Stmt.Push p) {
        fail("the reverse sweep records values on the tape");
        return null;
      }

      @Override
      public Void visitBreak(Stmt.Break b) {
        fail("the reverse sweep has a jump");
        return null;
      }

      @Override
      public Void visitContinue(Stmt.Continue c) {
        fail("the reverse sweep has a jump");
        return null;
      }

      @Override
      public Void visitReturn(Stmt.Return r) {
        fail("the reverse sweep has a return");
        return null;
      }
    }

    /** Writing into an array is fine for a shadow or an array made in this row. */
    private void writes(Expr array, String what) {
      Var storage = Walk.storage(array);
      if (storage == null || !(adjoints.isAdjoint(storage) || local.contains(storage))) {
        fail("the reverse sweep writes " + what + " " + array);
      }
    }

    private void reads(Expr e, Set<Var> set) {
      Walk.nodes(e, node -> {
        if (node instanceof Expr.TapePop pop && pop.type().isReference()) {
          fail("the reverse sweep takes " + pop.type() + " values off the tape");
        } else if (node == Var.TAPE) {
          fail("the reverse sweep hands the tape to a callee");
        } else if (node instanceof Expr.Invoke call && !RuntimeCalls.isArrayUpdate(call)) {
          fail("the reverse sweep calls " + call.method().name());
        } else if (node instanceof Expr.InvokeInstance call) {
          fail("the reverse sweep calls " + call.method());
        } else if (node instanceof Var v && assigned.contains(v) && !set.contains(v)) {
          exposed.add(v);
        }
      });
    }

    private void fail(String reason) {
      if (why == null) {
        why = reason;
      }
    }
  }
}
