package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.CountedLoops;
import dev.adjoint.processor.analysis.TripCount;
import dev.adjoint.processor.analysis.LoopCarriedState;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.GeneralRule;
import dev.adjoint.processor.rules.Linear;
import dev.adjoint.processor.rules.Linearization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private final DerivativeNames bars = new DerivativeNames("Bar");
  private final Map<Var, Stmt.Declare> hoisted = new LinkedHashMap<>();
  private final Set<Var> activeScalars = new LinkedHashSet<>();
  /** Shadows declared in the prologue (those of array parameters). */
  private final Set<Var> parameterShadows = new HashSet<>();
  private int loopDepth;
  private int blockDepth;
  /** Index of the top-level statement being transformed. */
  private int topIndex;
  /** Statements of checkpointed loops' reverse sweeps that run iterations again (by identity). */
  private final Set<Stmt> rerunCode = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private ReverseTransform(Activity activity, ReversePlan plan) {
    this.activity = activity;
    this.plan = plan;
  }

  /**
   * The gradient ({@code vector} false: returns {@code record(value, xBar...)}) or pullback
   * ({@code vector} true: takes {@code resultBar}) method of a flattened function.
   */
  public static Function apply(Function f, Activity activity, String name, Type recordType, boolean vector) {
    return run(f, activity, name, recordType, vector);
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
    return run(f, activity, name, null, vector);
  }

  /** {@code recordType} null: the allocation-free form. */
  private static Function run(Function f, Activity activity, String name, Type recordType, boolean vector) {
    ReversePlan plan = ReversePlan.of(f, activity);
    return new ReverseTransform(activity, plan).build(f, name, recordType, vector);
  }

  /**
   * Whether the reverse sweep may name a variable, so that its declaration must be where the reverse
   * sweep sees it. Recomputed array aliases are set again at each reversed iteration of their loop,
   * which the first pass may not see.
   */
  private boolean visibleToReverse(Var v) {
    return plan.readInReverse(v) || v.type().isArray() && plan.recomputed(v) && activity.isActive(v);
  }

  // ---- the method ---------------------------------------------------------------------------

  private Function build(Function f, String name, Type recordType, boolean vector) {
    List<Stmt> stmts = f.body().statements();
    Stmt.Return ret = (Stmt.Return) stmts.get(stmts.size() - 1);
    Var result = (Var) ret.value();
    Block body = new Block(stmts.subList(0, stmts.size() - 1));

    boolean accumulating = recordType == null;
    List<Function.Parameter> params = new ArrayList<>(f.parameters());
    Block.Builder prologue = new Block.Builder();
    for (Function.Parameter p : f.parameters()) {
      if (p.var().type().isArray() && activity.isActive(p.var())) {
        if (accumulating) {
          // The caller's shadow: partials are added into it, as into any shadow.
          params.add(new Function.Parameter(bars.of(p.var()), false, true));
        } else {
          prologue.add(new Stmt.Declare(bars.of(p.var()), new Expr.ZerosLike(p.var()), f.pos()));
        }
        parameterShadows.add(bars.of(p.var()));
      }
      if (p.var().type().equals(Type.DOUBLE) && activity.isActive(p.var())) {
        activeScalars.add(p.var());
      }
    }
    List<Var> scalarParameters = f.differentiableParameters().stream().map(Function.Parameter::var)
        .filter(v -> !v.type().isArray()).toList();
    Var scalarBarsParam = null;
    if (accumulating && scalarParameters.size() > 1) {
      // Several double parameters: their adjoints go into the caller's array, one entry each in order.
      scalarBarsParam = new Var("scalarBars", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
      params.add(new Function.Parameter(scalarBarsParam, false, true));
    }
    Var resultBarParam = null;
    if (vector || accumulating) {
      resultBarParam = new Var("resultBar", vector ? Type.DOUBLE_ARRAY : Type.DOUBLE, Var.Role.PARAMETER);
      params.add(new Function.Parameter(resultBarParam, false, true));
    }
    Pair sweep = block(body);
    ReverseReadsCheck.check(sweep.reverse, plan, rerunCode, f);
    // The reverse sweep restores overwritten variables; the record needs the value as returned.
    Var returned = result;
    Block.Builder forwardEnd = new Block.Builder();
    if (plan.recorded(result) || result.role() == Var.Role.PARAMETER) {
      returned = new Var(result.name() + "Returned", result.type(), Var.Role.TEMPORARY);
      forwardEnd.add(new Stmt.Declare(returned, result, ret.pos()));
    }

    Block.Builder out = new Block.Builder();
    for (Stmt.Declare d : hoisted.values()) {
      out.add(d);
    }
    out.addAll(prologue.build());
    out.add(new Stmt.Comment("forward sweep", f.pos()));
    out.addAll(sweep.forward);
    out.addAll(forwardEnd.build());
    out.add(new Stmt.Comment("reverse sweep: adjoints, from the result back to the parameters", f.pos()));
    boolean seeded = activity.isActive(result);
    for (Var v : activeScalars) {
      // The result's adjoint starts at 1 (d result / d result), or at the caller's resultBar.
      Expr seed = accumulating ? resultBarParam : Exprs.ONE;
      Expr initial = seeded && !vector && v == result ? seed : Exprs.ZERO;
      out.add(new Stmt.Declare(bars.of(v), initial, f.pos()));
    }
    if (seeded && vector) {
      out.add(RuntimeCalls.addTo(bars.of(result), resultBarParam, f.pos()));
    }
    out.addAll(sweep.reverse);
    if (accumulating) {
      if (scalarBarsParam != null) {
        for (int j = 0; j < scalarParameters.size(); j++) {
          out.add(new Stmt.ArrayStore(scalarBarsParam, Expr.Const.ofInt(j), bars.of(scalarParameters.get(j)),
              ret.pos()));
        }
      }
      Var scalar = scalarParameters.size() == 1 ? scalarParameters.get(0) : null;
      out.add(new Stmt.Return(scalar == null ? Exprs.NOTHING : bars.of(scalar), ret.pos()));
      return new Function(name, params, scalar == null ? Type.VOID : Type.DOUBLE, out.build(), f.pos());
    }
    List<Expr> components = new ArrayList<>();
    components.add(returned);
    for (Function.Parameter p : f.differentiableParameters()) {
      components.add(bars.of(p.var()));
    }
    out.add(new Stmt.Return(new Expr.NewRecord(recordType, components), ret.pos()));
    return new Function(name, params, recordType, out.build(), f.pos());
  }

  // ---- blocks -------------------------------------------------------------------------------

  /** The forward-sweep and reverse-sweep code of a piece of IR. */
  private record Pair(Block forward, Block reverse) {
    boolean reverseIsEmpty() {
      return reverse.statements().stream().allMatch(s -> s instanceof Stmt.Comment);
    }
  }

  private Pair block(Block b) {
    blockDepth++;
    try {
      Block.Builder forward = new Block.Builder();
      List<List<Stmt>> groups = new ArrayList<>();
      List<Stmt> current = new ArrayList<>();
      Stmt.Comment currentComment = null;
      List<Stmt.Comment> comments = new ArrayList<>();
      for (int index = 0; index < b.statements().size(); index++) {
        Stmt s = b.statements().get(index);
        if (blockDepth == 1) {
          topIndex = index;
        }
        if (s instanceof Stmt.Comment c) {
          forward.add(c);
          groups.add(current);
          comments.add(currentComment);
          current = new ArrayList<>();
          currentComment = c;
          continue;
        }
        Statement st = new Statement();
        s.accept(new Adjoint(st));
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
      return new Pair(forward.build(), reverse.build());
    } finally {
      blockDepth--;
    }
  }

  /**
   * The code one statement contributes: forward sweep, its adjoint, and the restores that follow the
   * adjoint. Restores are kept in the reverse of the order of their pushes: the tape is a stack.
   */
  private static final class Statement {
    final Block.Builder forward = new Block.Builder();
    final Block.Builder reverse = new Block.Builder();
    final Restores restore = new Restores();
  }

  /** Restore statements, the latest first. */
  private static final class Restores {
    private final java.util.LinkedList<Stmt> list = new java.util.LinkedList<>();

    void add(Stmt s) {
      list.addFirst(s);
    }

    void addAll(Block b) {
      List<Stmt> items = new ArrayList<>(b.statements());
      java.util.Collections.reverse(items);
      for (Stmt s : items) {
        add(s);
      }
    }

    Block build() {
      return new Block(list);
    }

    void clear() {
      list.clear();
    }
  }

  /** Fills in the code of one statement: its forward sweep, its adjoint and its restores. */
  private final class Adjoint implements Stmt.Visitor<Void> {
    private final Statement st;

    Adjoint(Statement st) {
      this.st = st;
    }

    @Override
    public Void visitDeclare(Stmt.Declare d) {
      if (d.init() == null) {
        declareWithoutValue(d.var(), st, d.pos());
      } else {
        assignment(d.var(), d.init(), d.pos(), st, true);
      }
      return null;
    }

    @Override
    public Void visitAssign(Stmt.Assign a) {
      assignment(a.target(), a.value(), a.pos(), st, false);
      return null;
    }

    @Override
    public Void visitArrayStore(Stmt.ArrayStore store) {
      arrayStore(store, st);
      return null;
    }

    @Override
    public Void visitIf(Stmt.If i) {
      ifStatement(i, st);
      return null;
    }

    @Override
    public Void visitLoop(Stmt.Loop l) {
      loop(l, st);
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

    /** Jumps and early returns are gone after {@link ExitFlattening}; the final return is the method's. */
    @Override
    public Void visitBreak(Stmt.Break b) {
      return unexpected(b);
    }

    @Override
    public Void visitContinue(Stmt.Continue c) {
      return unexpected(c);
    }

    @Override
    public Void visitReturn(Stmt.Return r) {
      return unexpected(r);
    }

    /** Not made by the frontend: only the forward transform copies arrays. */
    @Override
    public Void visitArrayCopy(Stmt.ArrayCopy c) {
      return unexpected(c);
    }

    /** Made by this transform only. */
    @Override
    public Void visitPush(Stmt.Push p) {
      return unexpected(p);
    }

    @Override
    public Void visitRepeat(Stmt.Repeat r) {
      return unexpected(r);
    }

    private Void unexpected(Stmt s) {
      throw new IllegalStateException("unexpected statement in reverse mode: " + s);
    }
  }

  // ---- declarations and the tape ------------------------------------------------------------

  /**
   * Writes {@code v = value} in the forward sweep, declaring v there when the reverse sweep can see
   * that spot, or at the top of the method otherwise.
   */
  private void declare(Var v, Expr value, Statement st, SourcePos pos) {
    boolean visibleLater = visibleToReverse(v) || !plan.isPrimal(v);
    if (blockDepth > 1 && visibleLater && !plan.isTopLevel(v)) {
      hoisted.putIfAbsent(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
      st.forward.add(new Stmt.Assign(v, value, pos));
    } else if (hoisted.containsKey(v)) {
      st.forward.add(new Stmt.Assign(v, value, pos));
    } else {
      st.forward.add(new Stmt.Declare(v, value, pos));
    }
  }

  /**
   * {@code double y;}: where the declaration moves to the top of the method it writes nothing here
   * (writing a default would overwrite a value the reverse sweep restores); in place it gets a
   * default so javac sees it assigned on every path the reverse sweep may read it.
   */
  private void declareWithoutValue(Var v, Statement st, SourcePos pos) {
    boolean visibleLater = visibleToReverse(v) || !plan.isPrimal(v);
    if (blockDepth > 1 && visibleLater && !plan.isTopLevel(v) || hoisted.containsKey(v)) {
      hoisted.putIfAbsent(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
      return;
    }
    st.forward.add(new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
  }

  /** A variable made by this transform, read by the reverse sweep; saved on the tape inside loops. */
  private Var helper(String name, Type type, Expr value, Statement st, SourcePos pos) {
    Var v = new Var(name, type, Var.Role.TEMPORARY);
    if (loopDepth > 0) {
      hoisted.put(v, new Stmt.Declare(v, RuntimeCalls.defaultValue(type), pos));
      st.forward.add(new Stmt.Push(v, pos));
      st.forward.add(new Stmt.Assign(v, value, pos));
      st.restore.add(new Stmt.Assign(v, new Expr.TapePop(type), pos));
    } else {
      declare(v, value, st, pos);
    }
    return v;
  }

  private void saveBeforeOverwrite(Var v, Expr value, Statement st, SourcePos pos, boolean isDeclaration) {
    // A declaration outside loops runs once: there is no earlier value to save.
    boolean firstValue = isDeclaration && loopDepth == 0 && v.role() != Var.Role.PARAMETER;
    Expr inverse = inverseStep(v, value);
    if (plan.recorded(v) && !firstValue && inverse != null) {
      // i += c on an integer is undone exactly by i -= c: nothing to record.
      st.restore.add(new Stmt.Assign(v, inverse, pos));
      return;
    }
    if (plan.recorded(v) && !firstValue) {
      if (loopDepth == 0) {
        // Outside loops the assignment runs at most once: a local keeps the old value, no tape.
        Var saved = helper(v.name() + "Before", v.type(), v, st, pos);
        st.restore.add(new Stmt.Assign(v, saved, pos));
      } else {
        st.forward.add(new Stmt.Push(v, pos));
        st.restore.add(new Stmt.Assign(v, new Expr.TapePop(v.type()), pos));
      }
    }
  }

  /** For {@code v = v + c} or {@code v = v - c} on an integer v and constant c, the expression that undoes it. */
  private static Expr inverseStep(Var v, Expr value) {
    if (!v.type().isIntegral() || !(value instanceof Expr.Binary b) || b.left() != v
        || !(b.right() instanceof Expr.Const)) {
      return null;
    }
    if (b.op() == Expr.BinaryOp.ADD) {
      return new Expr.Binary(Expr.BinaryOp.SUB, v, b.right(), v.type());
    }
    if (b.op() == Expr.BinaryOp.SUB) {
      return new Expr.Binary(Expr.BinaryOp.ADD, v, b.right(), v.type());
    }
    return null;
  }

  // ---- assignments --------------------------------------------------------------------------

  private void assignment(Var v, Expr value, SourcePos pos, Statement st, boolean isDeclaration) {
    saveBeforeOverwrite(v, value, st, pos, isDeclaration);
    boolean active = v.type().isDifferentiable() && activity.isActive(v);
    if (active && value instanceof Expr.Invoke call && call.method().isDifferentiable()) {
      if (Walk.reads(call).contains(v)) {
        // The frontend gives such calls a temporary: the adjoint below would mix up the argument's
        // adjoint and the result's. Never a silent wrong derivative: an internal error instead.
        throw new IllegalStateException("the call " + call.method().name() + " reads " + v + ", which it assigns");
      }
      if (call.method().derivatives().rule() != null) {
        ruleCall(v, call, pos, st, isDeclaration);
      } else if (v.type().isArray()) {
        vectorCall(v, call, pos, st, isDeclaration);
      } else {
        scalarCall(v, call, pos, st, isDeclaration);
      }
      return;
    }
    write(v, value, pos, st, isDeclaration);
    if (!active || !v.type().isArray() && !activity.isUseful(v)) {
      return;
    }
    if (v.type().isArray()) {
      arrayAssignment(v, value, pos, st);
    } else {
      activeScalars.add(v);
      scalarAdjoint(v, value, pos, st);
    }
  }

  private void write(Var v, Expr value, SourcePos pos, Statement st, boolean isDeclaration) {
    if (isDeclaration) {
      declare(v, value, st, pos);
    } else {
      st.forward.add(new Stmt.Assign(v, value, pos));
    }
  }

  /** {@code xiBar += partial_i * vBar} for each active operand, then vBar is consumed. */
  private void scalarAdjoint(Var v, Expr value, SourcePos pos, Statement st) {
    boolean selfUpdate = Walk.reads(value).contains(v) && !(value instanceof Expr.ArrayLoad);
    Var resultMarker = selfUpdate ? new Var(v.name() + "Result", Type.DOUBLE, Var.Role.TEMPORARY) : v;
    List<Linear.Term> terms = Linearization.scalar(value, resultMarker).terms();
    Var bar = bars.of(v);
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
        own = own == null ? t.partial() : Exprs.add(own, t.partial());
        continue;
      }
      accumulate(t.operand(), Exprs.mul(t.partial(), bar), rev, pos);
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

  /** The transpose of a linearization: {@code operandBar += partial * adjoint} for each active operand. */
  private void scatter(Linear.Sum linear, Expr adjoint, Block.Builder rev, SourcePos pos) {
    for (Linear.Term t : linear.terms()) {
      if (activity.isActive(t.operand())) {
        accumulate(t.operand(), Exprs.mul(t.partial(), adjoint), rev, pos);
      }
    }
  }

  /** {@code placeBar += contribution}, where the place is a double variable or an array element. */
  private void accumulate(Expr place, Expr contribution, Block.Builder rev, SourcePos pos) {
    if (place instanceof Var v) {
      activeScalars.add(v);
    }
    Expr bar = shadow(place);
    if (bar instanceof Expr.ArrayLoad element) {
      rev.add(new Stmt.ArrayStore(element.array(), element.index(), Exprs.add(element, contribution), pos));
    } else {
      Var scalar = (Var) bar;
      rev.add(new Stmt.Assign(scalar, Exprs.add(scalar, contribution), pos));
    }
  }

  /** The shadow of an array or a place: {@code aBar} for {@code a}, {@code mBar[i]} for {@code m[i]}. */
  private Expr shadow(Expr array) {
    return Linearization.storage(array).accept(shadows);
  }

  private Expr shadowOrZero(Expr array) {
    return activity.isActive(array) ? shadow(array) : Linearization.zero(array);
  }

  /** Shadows alias as their primals do; fresh storage has a shadow of its own, made where it is assigned. */
  private final Linear.Visitor<Expr> shadows = new DerivativeStorage(bars, this::shadowOrZero) {
    @Override
    public Expr copy(Linear.Copy c) {
      throw new IllegalStateException("no shadow for a copy of " + c.source());
    }

    @Override
    public Expr pack(Linear.Pack p) {
      throw new IllegalStateException("no shadow for a new " + p.type());
    }

    @Override
    public Expr fresh() {
      throw new IllegalStateException("no shadow for fresh storage");
    }
  };

  // ---- arrays -------------------------------------------------------------------------------

  /** {@code a = <array>}: the shadow follows the primal in the forward sweep; copies add back in reverse. */
  private void arrayAssignment(Var v, Expr value, SourcePos pos, Statement st) {
    Var bar = bars.of(v);
    Expr shadowValue = Linearization.storage(value).accept(new ArrayAdjoint(v, value, bar, st.reverse, pos));
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
      return activity.isActive(value) ? shadow(value) : new Expr.ZerosLike(target);
    }

    @Override
    public Expr copy(Linear.Copy c) {
      if (activity.isActive(c.source())) {
        rev.add(RuntimeCalls.addTo(shadow(c.source()), bar, pos));
      }
      return new Expr.ZerosLike(target);
    }

    @Override
    public Expr pack(Linear.Pack p) {
      for (int i = 0; i < p.elements().size(); i++) {
        scatter(p.elements().get(i), new Expr.ArrayLoad(bar, Expr.Const.ofInt(i), Type.DOUBLE), rev, pos);
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
  private void shadowAssign(Var v, Var bar, Expr shadowValue, SourcePos pos, Statement st) {
    boolean reassigned = plan.mayBeOverwritten(v) && !plan.recomputed(v);
    if (plan.recomputed(v)) {
      hoisted.putIfAbsent(bar, new Stmt.Declare(bar, RuntimeCalls.defaultValue(bar.type()), pos));
      st.forward.add(new Stmt.Assign(bar, shadowValue, pos));
    } else if (reassigned) {
      if (!parameterShadows.contains(bar)) {
        hoisted.putIfAbsent(bar, new Stmt.Declare(bar, RuntimeCalls.defaultValue(bar.type()), pos));
      }
      st.forward.add(new Stmt.Push(bar, pos));
      st.forward.add(new Stmt.Assign(bar, shadowValue, pos));
      st.restore.add(new Stmt.Assign(bar, new Expr.TapePop(bar.type()), pos));
    } else if (blockDepth > 1 && !plan.isTopLevel(v)) {
      hoisted.putIfAbsent(bar, new Stmt.Declare(bar, RuntimeCalls.defaultValue(bar.type()), pos));
      st.forward.add(new Stmt.Assign(bar, shadowValue, pos));
    } else {
      st.forward.add(new Stmt.Declare(bar, shadowValue, pos));
    }
  }

  private void arrayStore(Stmt.ArrayStore store, Statement st) {
    Var storage = Walk.storage(store.array());
    SourcePos pos = store.pos();
    if (storage == null || !activity.isActive(storage)) {
      st.forward.add(store);
      return;
    }
    Expr index = store.index();
    if (!(index instanceof Expr.Atom)) {
      index = helper("index", Type.INT, index, st, pos);
    }
    st.forward.add(new Stmt.ArrayStore(store.array(), index, store.value(), pos));
    Expr barArray = shadow(store.array());
    if (store.value().type().isArray()) {
      // A row stored into a matrix: the matrix's shadow row follows it; the old one comes back in reverse.
      Expr oldRow = new Expr.ArrayLoad(barArray, index, Type.DOUBLE_ARRAY);
      st.forward.add(new Stmt.Push(oldRow, pos));
      Expr rowShadow = shadowOrZero(store.value());
      st.forward.add(new Stmt.ArrayStore(barArray, index, rowShadow, pos));
      st.restore.add(new Stmt.ArrayStore(barArray, index, new Expr.TapePop(Type.DOUBLE_ARRAY), pos));
      return;
    }
    Expr element = new Expr.ArrayLoad(barArray, index, Type.DOUBLE);
    scatter(Linearization.scalar(store.value(), store.value()), element, st.reverse, pos);
    st.reverse.add(new Stmt.ArrayStore(barArray, index, Exprs.ZERO, pos));
  }

  // ---- calls of other differentiable methods ------------------------------------------------

  /** {@code v = g(args)}: the forward sweep keeps g's gradient record; the reverse sweep scales it by vBar. */
  private void scalarCall(Var v, Expr.Invoke call, SourcePos pos, Statement st, boolean isDeclaration) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    if (plan.hasAdjointFor(call)) {
      // The reverse sweep calls the callee's allocation-free adjoint, which adds its partials
      // straight into this method's adjoints: no record per call, and a form that second order
      // can differentiate again. Arrays that change before the reverse sweep reaches the call are
      // copied at the call (what a recorded gradient would hold anyway).
      List<Expr> args = argumentsAtCall(call, st, pos);
      write(v, call, pos, st, isDeclaration);
      activeScalars.add(v);
      adjointCall(call, args, bars.of(v), st, pos);
      if (plan.mayBeOverwritten(v)) {
        st.reverse.add(new Stmt.Assign(bars.of(v), Exprs.ZERO, pos));
      }
      return;
    }
    Type recordType = Type.record(sig.gradientRecord());
    Expr gradient = new Expr.InvokeDerivative(sig.companion(), sig.gradientMethod(), call.args(), recordType);
    Var record;
    if (loopDepth > 0 && plan.argumentsStable(call, topIndex)) {
      // Inside a loop, keeping every call's gradient record until the reverse sweep costs memory
      // and cache misses; when the arguments are still there then, the gradient is computed there.
      write(v, call, pos, st, isDeclaration);
      record = new Var(v.name() + "Gradient", recordType, Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(record, gradient, pos));
    } else {
      record = helper(v.name() + "Gradient", recordType, gradient, st, pos);
      write(v, new Expr.RecordGet(record, "value", Type.DOUBLE), pos, st, isDeclaration);
    }
    activeScalars.add(v);
    Var bar = bars.of(v);
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!sig.differentiable().get(i) || !activity.isActive(arg)) {
        continue;
      }
      Expr partial = new Expr.RecordGet(record, sig.componentNames().get(i), arg.type());
      if (arg.type().isArray()) {
        st.reverse.add(RuntimeCalls.addScaled(shadow(arg), partial, bar, pos));
      } else {
        scatter(Linearization.scalar(arg, arg), Exprs.mul(partial, bar), st.reverse, pos);
      }
    }
    if (plan.mayBeOverwritten(v)) {
      st.reverse.add(new Stmt.Assign(bar, Exprs.ZERO, pos));
    }
  }

  /**
   * {@code aBar += g$adjoint(args, xBar, ..., resultBar)} in the reverse sweep: the callee adds
   * into the shadows of the active array arguments and returns the adjoint of its active double
   * argument, if any. {@code calleeArgs} are the arguments the callee is to see (copies where
   * needed); the shadows are those of the call's own arguments.
   */
  private void adjointCall(Expr.Invoke call, List<Expr> calleeArgs, Expr resultBar, Statement st, SourcePos pos) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    List<Expr> args = new ArrayList<>(calleeArgs);
    List<Expr> scalarArgs = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr original = call.args().get(i);
      if (!sig.differentiable().get(i)) {
        continue;
      }
      if (original.type().isArray()) {
        args.add(shadow(original));
      } else {
        scalarArgs.add(original);
      }
    }
    Var scalarBars = null;
    if (scalarArgs.size() > 1) {
      // One array per call site, made once per call of this method: the callee writes its double
      // arguments' adjoints into it, so nothing is allocated per call.
      scalarBars = new Var(call.method().name() + "ScalarBars", Type.DOUBLE_ARRAY, Var.Role.TEMPORARY);
      hoisted.put(scalarBars, new Stmt.Declare(scalarBars,
          new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(Expr.Const.ofInt(scalarArgs.size()))), pos));
      args.add(scalarBars);
    }
    args.add(resultBar);
    Type returned = scalarArgs.size() == 1 ? Type.DOUBLE : Type.VOID;
    Expr adjoint = new Expr.InvokeDerivative(sig.companion(), sig.adjointMethod(), args, returned);
    if (scalarArgs.size() == 1) {
      Var partial = new Var("adjoint", Type.DOUBLE, Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(partial, adjoint, pos));
      scatter(Linearization.scalar(scalarArgs.get(0), scalarArgs.get(0)), partial, st.reverse, pos);
      return;
    }
    st.reverse.add(new Stmt.Evaluate(adjoint, pos));
    for (int j = 0; j < scalarArgs.size(); j++) {
      Expr partial = new Expr.ArrayLoad(scalarBars, Expr.Const.ofInt(j), Type.DOUBLE);
      scatter(Linearization.scalar(scalarArgs.get(j), scalarArgs.get(j)), partial, st.reverse, pos);
    }
  }

  /**
   * The arguments a call's derivative in the reverse sweep is to see: the call's arguments as they
   * were at the call. An array argument that something writes into later is copied at the call;
   * one whose elements stay as they are is not, and only its reference is kept where the variable
   * may be pointed at another array before the reverse sweep. Scalars are read where they are: the
   * reverse sweep restores what it reads.
   */
  private List<Expr> argumentsAtCall(Expr.Invoke call, Statement st, SourcePos pos) {
    List<Expr> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      switch (plan.argumentAtCall(arg, topIndex)) {
        case AS_IS -> args.add(arg);
        case KEEP_REFERENCE -> args.add(helper(((Var) arg).name() + "AtCall", arg.type(), arg, st, pos));
        case COPY -> args.add(helper(((Var) arg).name() + "AtCall", arg.type(), new Expr.ArrayClone(arg), st, pos));
      }
    }
    return args;
  }

  /**
   * {@code v = g(args)} for a vector g: the reverse sweep calls g's pullback with vBar, on the
   * arguments as they were at the call ({@link #argumentsAtCall}).
   */
  private void vectorCall(Var v, Expr.Invoke call, SourcePos pos, Statement st, boolean isDeclaration) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    List<Expr> args = argumentsAtCall(call, st, pos);
    // The call itself gets the caller's arrays, exactly as the original makes it; the copies are for
    // the pullback in the reverse sweep.
    write(v, call, pos, st, isDeclaration);
    Var bar = bars.of(v);
    shadowAssign(v, bar, new Expr.ZerosLike(v), pos, st);
    if (plan.hasAdjointFor(call)) {
      adjointCall(call, args, bar, st, pos);
      return;
    }
    Type recordType = Type.record(sig.pullbackRecord());
    List<Expr> pullbackArgs = new ArrayList<>(args);
    pullbackArgs.add(bar);
    Var record = new Var(v.name() + "Pullback", recordType, Var.Role.TEMPORARY);
    st.reverse.add(new Stmt.Declare(record,
        new Expr.InvokeDerivative(sig.companion(), sig.pullbackMethod(), pullbackArgs, recordType), pos));
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!sig.differentiable().get(i) || !activity.isActive(arg)) {
        continue;
      }
      Expr partial = new Expr.RecordGet(record, sig.componentNames().get(i), arg.type());
      if (arg.type().isArray()) {
        st.reverse.add(RuntimeCalls.addTo(shadow(arg), partial, pos));
      } else {
        scatter(Linearization.scalar(arg, arg), partial, st.reverse, pos);
      }
    }
  }

  /**
   * {@code v = g(args)} where a user's general-form {@code @DerivativeOf} rule gives g's derivatives:
   * the reverse sweep calls its pullback, {@code gPullback(args, vBar, xBar...)}, on the arguments as
   * they were at the call. The pullback adds into the shadows of the array arguments (a scratch array
   * of zeros for one that carries no derivative) and returns the adjoints of the double arguments.
   */
  private void ruleCall(Var v, Expr.Invoke call, SourcePos pos, Statement st, boolean isDeclaration) {
    GeneralRule rule = call.method().derivatives().rule();
    List<Expr> args = argumentsAtCall(call, st, pos);
    write(v, call, pos, st, isDeclaration);
    Var bar = bars.of(v);
    if (v.type().isArray()) {
      shadowAssign(v, bar, new Expr.ZerosLike(v), pos, st);
    } else {
      activeScalars.add(v);
    }
    List<Expr> pullbackArgs = new ArrayList<>(args);
    pullbackArgs.add(bar);
    List<Expr> scalars = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr original = call.args().get(i);
      if (!rule.differentiable().get(i)) {
        continue;
      }
      if (!original.type().isArray()) {
        scalars.add(original);
      } else {
        pullbackArgs.add(activity.isActive(original) ? shadow(original) : new Expr.ZerosLike(args.get(i)));
      }
    }
    Type returned = rule.pullbackReturnType();
    Expr pullback = new Expr.InvokeDerivative(rule.pullback().owner(), rule.pullback().name(), pullbackArgs, returned);
    if (returned.equals(Type.VOID)) {
      st.reverse.add(new Stmt.Evaluate(pullback, pos));
    } else {
      Var adjoints = new Var(scalars.size() == 1 ? "adjoint" : "adjoints", returned, Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(adjoints, pullback, pos));
      for (int k = 0; k < scalars.size(); k++) {
        Expr adjoint = scalars.size() == 1 ? adjoints : new Expr.ArrayLoad(adjoints, Expr.Const.ofInt(k), Type.DOUBLE);
        scatter(Linearization.scalar(scalars.get(k), scalars.get(k)), adjoint, st.reverse, pos);
      }
    }
    if (!v.type().isArray() && plan.mayBeOverwritten(v)) {
      st.reverse.add(new Stmt.Assign(bar, Exprs.ZERO, pos));
    }
  }

  // ---- control flow -------------------------------------------------------------------------

  private void ifStatement(Stmt.If i, Statement st) {
    Pair then = block(i.then());
    Pair otherwise = block(i.otherwise());
    SourcePos pos = i.pos();
    if (then.reverseIsEmpty() && otherwise.reverseIsEmpty()) {
      st.forward.add(new Stmt.If(i.condition(), then.forward, otherwise.forward, pos));
      return;
    }
    if (loopDepth == 0) {
      // Outside loops each if runs at most once: its decision fits in a local.
      Var taken = helper("branch", Type.BOOLEAN, i.condition(), st, pos);
      st.forward.add(new Stmt.If(taken, then.forward, otherwise.forward, pos));
      st.reverse.add(new Stmt.If(taken, then.reverse, otherwise.reverse, pos));
      return;
    }
    if (plan.conditionHoldsInReverse(i)) {
      // The reverse sweep evaluates the condition again, on values it has anyway: nothing recorded.
      st.forward.add(new Stmt.If(i.condition(), then.forward, otherwise.forward, pos));
      st.reverse.add(new Stmt.If(i.condition(), then.reverse, otherwise.reverse, pos));
      return;
    }
    Block thenForward = new Block.Builder().addAll(then.forward).add(new Stmt.Push(Expr.Const.ofBoolean(true), pos)).build();
    Block elseForward = new Block.Builder().addAll(otherwise.forward).add(new Stmt.Push(Expr.Const.ofBoolean(false), pos)).build();
    st.forward.add(new Stmt.If(i.condition(), thenForward, elseForward, pos));
    st.reverse.add(new Stmt.If(new Expr.TapePop(Type.BOOLEAN), then.reverse, otherwise.reverse, pos));
  }

  /**
   * A loop: the reverse sweep runs the adjoint of the body as many times as the loop ran, which it
   * computes again when the loop's start and bound do not change in it ({@link TripCount}) and the
   * forward sweep counts otherwise. A counted loop ({@code for (int i = a; cond; i++)} with i
   * changed nowhere else) recomputes i from its start instead of recording it.
   */
  private void loop(Stmt.Loop l, Statement st) {
    SourcePos pos = l.pos();
    Var counter = CountedLoops.counter(l);
    Pair init = block(l.init());
    loopDepth++;
    Pair header = block(l.header());
    Pair body = block(l.body());
    Pair update = block(l.update());
    loopDepth--;
    if (init.reverseIsEmpty() && header.reverseIsEmpty() && body.reverseIsEmpty() && update.reverseIsEmpty()) {
      st.forward.add(new Stmt.Loop(l.kind(), init.forward, header.forward, l.condition(), body.forward, update.forward,
          l.id(), l.sourceLabel(), pos));
      return;
    }
    if (l.checkpoint() != null && loopDepth == 0) {
      checkpointedLoop(l, counter != null, init, new CheckpointedLoopCode.Parts(header.forward, header.reverse,
          body.forward, body.reverse, update.forward, update.reverse), st);
      return;
    }
    Expr trips;
    Expr start = null;
    if (plan.tripCount(l) instanceof TripCount.Recomputed again) {
      // Start and bound do not change in the loop: the reverse sweep computes both again, and the
      // forward sweep runs the loop as written, recording nothing.
      trips = again.trips();
      Var startAgain = new Var(counter.name() + "Start", counter.type(), Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(startAgain, again.start(), pos));
      start = startAgain;
      st.forward.add(new Stmt.Loop(l.kind(), init.forward, header.forward, l.condition(), body.forward,
          update.forward, l.id(), l.sourceLabel(), pos));
    } else {
      Var counted = helper("trips", Type.INT, Expr.Const.ofInt(0), st, pos);
      trips = counted;
      Block.Builder initForward = new Block.Builder().addAll(init.forward);
      if (counter != null) {
        Statement startSt = new Statement();
        start = helper(counter.name() + "Start", counter.type(), counter, startSt, pos);
        initForward.addAll(startSt.forward.build());
        st.restore.addAll(startSt.restore.build());
      }
      Block.Builder bodyForward = new Block.Builder()
          .add(new Stmt.Assign(counted, new Expr.Binary(Expr.BinaryOp.ADD, counted, Expr.Const.ofInt(1), Type.INT),
              pos))
          .addAll(body.forward);
      st.forward.add(new Stmt.Loop(l.kind(), initForward.build(), header.forward, l.condition(), bodyForward.build(),
          update.forward, l.id(), l.sourceLabel(), pos));
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
      iteration.addAll(update.reverse).addAll(body.reverse).addAll(header.reverse);
      st.reverse.addAll(header.reverse);
    } else {
      iteration.addAll(header.reverse).addAll(body.reverse);
    }
    st.reverse.add(new Stmt.Repeat(k, trips, iteration.build(), pos));
    st.reverse.addAll(init.reverse);
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
        out.add(new Stmt.Assign(bars.of(v), shadow(def.getValue()), l.pos()));
      }
    }
    return out.build();
  }

  /**
   * A {@code @Checkpointed} loop outside other loops ({@link CheckpointedLoopCode}): its forward
   * sweep records nothing; its adjoint runs the iterations again from snapshots, one recorded at a time.
   */
  private void checkpointedLoop(Stmt.Loop l, boolean counted, Pair init, CheckpointedLoopCode.Parts parts,
      Statement st) {
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
    Var trips = helper("trips", Type.INT, Expr.Const.ofInt(0), st, pos);
    Var snapshots = helper("snapshots", CheckpointedLoopCode.SNAPSHOTS, CheckpointedLoopCode.newStore(state, pos), st,
        pos);
    CheckpointedLoopCode code = new CheckpointedLoopCode(l, state, snapshots);
    st.forward.addAll(code.forward(init.forward, parts, trips));
    st.reverse.addAll(code.reverse(parts, trips, l.checkpoint().snapshots(), counted, rematerialized(l), rerunCode));
    st.reverse.addAll(init.reverse);
  }
}
