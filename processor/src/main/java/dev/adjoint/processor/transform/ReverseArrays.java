package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.Linear;
import dev.adjoint.processor.rules.Linearization;
import java.util.HashSet;
import java.util.Set;

/**
 * The reverse mode of array values: an array assignment points the target's shadow at its new
 * storage (aliases share the source's shadow; copies and packs add their adjoint back), and a store
 * into an element scatters the element's adjoint into the stored value's operands.
 */
final class ReverseArrays {
  private final Activity activity;
  private final ReversePlan plan;
  private final SweepStorage storage;
  private final Adjoints adjoints;
  /** Shadows declared in the prologue (those of array parameters). */
  private final Set<Var> parameterShadows = new HashSet<>();

  ReverseArrays(Activity activity, ReversePlan plan, SweepStorage storage, Adjoints adjoints) {
    this.activity = activity;
    this.plan = plan;
    this.storage = storage;
    this.adjoints = adjoints;
  }

  /** Notes the shadow of an array parameter, declared in the prologue. */
  void addParameterShadow(Var bar) {
    parameterShadows.add(bar);
  }

  /**
   * {@code a = <array>}: the shadow follows the primal in the forward sweep; copies add back in
   * reverse. An assignment that is not {@code useful} (nothing on the way to the result reads the
   * array) keeps its shadow, for the code that follows, and adds nothing back.
   */
  void arrayAssignment(Var v, Expr value, SourcePos pos, StatementCode st, boolean useful) {
    Var bar = adjoints.bar(v);
    Block.Builder rev = useful ? st.reverse : new Block.Builder();
    Expr shadowValue = Linearization.storage(value).accept(new ArrayAdjoint(v, value, bar, rev, pos));
    shadowAssign(v, bar, shadowValue, pos, st);
  }

  /**
   * The shadow an array assignment gives its target, and the reverse-sweep code of the copies it
   * makes: aliases share the source's shadow, copies and packs get zeros and add their adjoint back.
   */
  private final class ArrayAdjoint implements Linear.Visitor<Expr> {
    private final Var target;
    private final Expr value;
    private final Var bar;
    private final Block.Builder rev;
    private final SourcePos pos;

    ArrayAdjoint(Var target, Expr value, Var bar, Block.Builder rev, SourcePos pos) {
      this.target = target;
      this.value = value;
      this.bar = bar;
      this.rev = rev;
      this.pos = pos;
    }

    @Override
    public Expr variable(Var v) {
      return aliased();
    }

    @Override
    public Expr alias(Linear.Alias a) {
      return aliased();
    }

    private Expr aliased() {
      return activity.isActive(value) ? adjoints.shadow(value) : new Expr.ZerosLike(target);
    }

    @Override
    public Expr copy(Linear.Copy c) {
      if (activity.isActive(c.source())) {
        rev.add(RuntimeCalls.addTo(adjoints.shadow(c.source()), bar, pos));
      }
      return new Expr.ZerosLike(target);
    }

    @Override
    public Expr pack(Linear.Pack p) {
      for (int i = 0; i < p.elements().size(); i++) {
        adjoints.scatter(p.elements().get(i), new Expr.ArrayLoad(bar, Expr.Const.ofInt(i), Type.DOUBLE), rev, pos);
      }
      return new Expr.ZerosLike(target);
    }

    @Override
    public Expr fresh() {
      // null stays null; a new array's shadow is a new array of the same shape.
      boolean sameShape = value instanceof Expr.NewArray || value instanceof Expr.Const c && c.value() == null;
      return sameShape ? value : new Expr.ZerosLike(target);
    }
  }

  /** Points the shadow at its new storage, saving the old shadow when the array variable is reassigned. */
  void shadowAssign(Var v, Var bar, Expr shadowValue, SourcePos pos, StatementCode st) {
    boolean reassigned = plan.mayBeOverwritten(v) && !plan.recomputed(v);
    if (plan.recomputed(v)) {
      storage.hoist(bar, pos);
      st.forward.add(new Stmt.Assign(bar, shadowValue, pos));
    } else if (reassigned) {
      if (!parameterShadows.contains(bar)) {
        storage.hoist(bar, pos);
      }
      st.forward.add(new Stmt.Push(bar, pos));
      st.forward.add(new Stmt.Assign(bar, shadowValue, pos));
      st.restore.add(new Stmt.Assign(bar, new Expr.TapePop(bar.type()), pos));
    } else if (storage.nested() && !plan.isTopLevel(v)) {
      storage.hoist(bar, pos);
      st.forward.add(new Stmt.Assign(bar, shadowValue, pos));
    } else {
      st.forward.add(new Stmt.Declare(bar, shadowValue, pos));
    }
  }

  void arrayStore(Stmt.ArrayStore store, StatementCode st) {
    Var stored = Walk.storage(store.array());
    SourcePos pos = store.pos();
    // An element that nothing reads on the way to the result has adjoint 0: scattering it would
    // only turn an infinite partial into NaN.
    boolean uselessElement = !store.value().type().isArray() && !activity.isUseful(store);
    if (stored == null || !activity.isActive(stored) || uselessElement) {
      st.forward.add(store);
      return;
    }
    Expr index = store.index();
    if (!(index instanceof Expr.Atom)) {
      index = storage.helper("index", Type.INT, index, st, pos);
    }
    st.forward.add(new Stmt.ArrayStore(store.array(), index, store.value(), pos));
    Expr barArray = adjoints.shadow(store.array());
    if (store.value().type().isArray()) {
      // A row stored into a matrix: the matrix's shadow row follows it; the old one comes back in reverse.
      Expr oldRow = new Expr.ArrayLoad(barArray, index, Type.DOUBLE_ARRAY);
      st.forward.add(new Stmt.Push(oldRow, pos));
      Expr rowShadow = adjoints.shadowOrZero(store.value());
      st.forward.add(new Stmt.ArrayStore(barArray, index, rowShadow, pos));
      st.restore.add(new Stmt.ArrayStore(barArray, index, new Expr.TapePop(Type.DOUBLE_ARRAY), pos));
      return;
    }
    Expr element = new Expr.ArrayLoad(barArray, index, Type.DOUBLE);
    adjoints.scatter(plan.linearization(store, store.value(), store.value()), element, st.reverse, pos);
    st.reverse.add(new Stmt.ArrayStore(barArray, index, Exprs.ZERO, pos));
  }

}
