package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ComputedValues;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Forward mode (tangents): after each statement that computes an active value, a statement computes
 * its tangent, {@code yDot = sum(partial_i * xiDot)}, with the partials from the rule table. The
 * control flow of the source is kept as it is. IR to IR: the result is the tangent method as a
 * {@link Function}.
 */
public final class ForwardTransform {
  private final Activity activity;
  private final DerivativeNames dots = new DerivativeNames("Dot");
  private final ReturnShape returnShape;
  /** Math calls the partials read from variables that already hold them. */
  private final ComputedValues computed;

  /** What the transformed method returns, given the original's returned value. */
  @FunctionalInterface
  interface ReturnShape {
    Expr of(Expr value, ForwardTransform transform);
  }

  /**
   * The tangent methods of derivative code that the input calls (forward over reverse: a gradient that
   * calls a callee's allocation-free adjoint), by the called method's name; empty for source methods.
   */
  private final Map<String, CallTangent> callTangents;

  /**
   * The tangent method of a generated derivative method: its name, the record it returns (null when it
   * returns nothing), and for each argument of the original call whether its tangent follows it.
   */
  public record CallTangent(String method, Type record, List<Boolean> dotted) {
    public CallTangent {
      dotted = List.copyOf(dotted);
    }
  }

  private ForwardTransform(Activity activity, ReturnShape returnShape, Map<String, CallTangent> callTangents,
      ComputedValues computed) {
    this.activity = activity;
    this.computed = computed;
    this.returnShape = returnShape;
    this.callTangents = callTangents;
  }

  /**
   * The tangent method of {@code f}: each differentiable parameter {@code p} is followed by
   * {@code pDot}, and it returns {@code new recordType(value, tangent)}.
   */
  public static Function apply(Function f, Activity activity, String name, Type recordType) {
    ReturnShape valueAndTangent = (value, t) -> new Expr.NewRecord(recordType, List.of(value, t.tangentOrZero(value)));
    return apply(f, activity, name, recordType, valueAndTangent);
  }

  /**
   * The tangent of a method whose result is built by {@code returnShape} from the original's
   * returned value and the tangents it can ask the transform for ({@link #tangentOrZero(Expr)}).
   */
  static Function apply(Function f, Activity activity, String name, Type recordType, ReturnShape returnShape) {
    return apply(f, activity, name, recordType, returnShape, Map.of(), true);
  }

  /**
   * The general form. {@code copyWrittenTangents} false: the tangents of array parameters the method
   * writes are the caller's own arrays, which it adds into (a callee's adjoint, whose shadow
   * parameters accumulate), instead of copies.
   */
  static Function apply(Function f, Activity activity, String name, Type recordType, ReturnShape returnShape,
      Map<String, CallTangent> callTangents, boolean copyWrittenTangents) {
    ForwardTransform t = new ForwardTransform(activity, returnShape, callTangents, ComputedValues.of(f.body()));
    List<Function.Parameter> params = new ArrayList<>();
    Block.Builder prologue = new Block.Builder();
    Set<Var> written = copyWrittenTangents ? arraysWritten(f, activity) : Set.of();
    for (Function.Parameter p : f.parameters()) {
      params.add(new Function.Parameter(p.var(), p.differentiable(), false, p.output()));
      if (p.differentiable()) {
        Var dot = t.dots.of(p.var());
        params.add(new Function.Parameter(dot, false, true));
        if (written.contains(p.var())) {
          // The method writes into this array: work on a copy of the caller's tangent array.
          prologue.add(new Stmt.Assign(dot, new Expr.ArrayClone(dot), f.pos()));
        }
      } else if (p.var().type().equals(Type.DOUBLE) && activity.isActive(p.var())) {
        // A constant parameter that is later assigned a value with a derivative: it starts at zero.
        prologue.add(new Stmt.Declare(t.dots.of(p.var()), Exprs.ZERO, f.pos()));
      } else if (p.output() && activity.isActive(p.var())) {
        // An output array whose values on entry are held constant: their tangents are zeros.
        prologue.add(new Stmt.Declare(t.dots.of(p.var()), new Expr.ZerosLike(p.var()), f.pos()));
      }
    }
    Block body = t.block(f.body());
    return new Function(name, params, recordType, prologue.addAll(body).build(), f.pos());
  }

  /** Array parameters whose storage the method writes into. */
  static Set<Var> arraysWritten(Function f, Activity activity) {
    Set<Var> written = new HashSet<>();
    Walk.statements(f.body(), s -> {
      if (s instanceof Stmt.ArrayStore st || s instanceof Stmt.ArrayCopy) {
        for (Function.Parameter p : f.parameters()) {
          if (p.var().type().isArray()) {
            written.add(p.var());
          }
        }
      }
    });
    return written;
  }

  private Block block(Block b) {
    Block.Builder out = new Block.Builder();
    WithTangents statements = new WithTangents(out);
    for (Stmt s : b.statements()) {
      s.accept(statements);
    }
    return out.build();
  }

  /** Each statement followed by the statements that compute its tangents, in one block. */
  private final class WithTangents implements Stmt.Visitor<Void> {
    private final Block.Builder out;

    WithTangents(Block.Builder out) {
      this.out = out;
    }

    @Override
    public Void visitDeclare(Stmt.Declare d) {
      declare(d, out);
      return null;
    }

    @Override
    public Void visitAssign(Stmt.Assign a) {
      assign(a, out);
      return null;
    }

    @Override
    public Void visitArrayStore(Stmt.ArrayStore st) {
      out.add(st);
      Var target = Walk.storage(st.array());
      boolean active = target != null && activity.isActive(target);
      if (isTangentPop(st.value())) {
        // A restore from the tape (forward over reverse): the element's tangent was pushed with it.
        out.add(active
            ? new Stmt.ArrayStore(tangent(st.array(), st.array()), st.index(), st.value(), st.pos())
            : new Stmt.Evaluate(st.value(), st.pos()));
      } else if (active) {
        Expr tangentArray = tangent(st.array(), st.array());
        Expr tangent = tangentOrZero(st.value());
        if (!tangent.equals(new Expr.ArrayLoad(tangentArray, st.index(), st.value().type()))) {
          // a[i] += c with a constant c leaves aDot[i] as it is.
          out.add(new Stmt.ArrayStore(tangentArray, st.index(), tangent, st.pos()));
        }
      }
      return null;
    }

    @Override
    public Void visitArrayCopy(Stmt.ArrayCopy c) {
      out.add(c);
      Var target = Walk.storage(c.target());
      if (target != null && activity.isActive(target)) {
        out.add(new Stmt.ArrayCopy(tangentOrZero(c.source()), tangent(c.target(), c.target()), c.pos()));
      }
      return null;
    }

    @Override
    public Void visitIf(Stmt.If i) {
      out.add(new Stmt.If(i.condition(), block(i.then()), block(i.otherwise()), i.pos()));
      return null;
    }

    @Override
    public Void visitLoop(Stmt.Loop l) {
      out.add(new Stmt.Loop(l.kind(), block(l.init()), block(l.header()), l.condition(), block(l.body()),
          block(l.update()), l.id(), l.sourceLabel(), l.pos()));
      return null;
    }

    @Override
    public Void visitReturn(Stmt.Return r) {
      out.add(new Stmt.Return(returnShape.of(r.value(), ForwardTransform.this), r.pos()));
      return null;
    }

    /** Control flow stays as it is. */
    @Override
    public Void visitBreak(Stmt.Break b) {
      return keep(b);
    }

    @Override
    public Void visitContinue(Stmt.Continue c) {
      return keep(c);
    }

    /**
     * A call for its effect computes no value, so no tangent; except the runtime's array updates that
     * a reverse sweep makes ({@code target += source * scale}), whose tangents are updates too.
     */
    @Override
    public Void visitEvaluate(Stmt.Evaluate e) {
      if (e.value() instanceof Expr.InvokeDerivative call && tangentOf(call) != null
          && call.args().stream().anyMatch(activity::isActive)) {
        // A callee's adjoint that returns nothing: its tangent adds into the shadows and their tangents.
        out.add(new Stmt.Evaluate(derivativeCallTangent(call), e.pos()));
        return null;
      }
      out.add(e);
      if (e.value() instanceof Expr.Invoke call && RuntimeCalls.isArrayUpdate(call)) {
        arrayUpdateTangent(call, e.pos(), out);
      }
      return null;
    }

    @Override
    public Void visitComment(Stmt.Comment c) {
      return keep(c);
    }

    /**
     * Made by the reverse transform only (forward over reverse): a value with a derivative goes on
     * the tape after its tangent, so that the pop of the value comes first, then that of its tangent.
     */
    @Override
    public Void visitPush(Stmt.Push p) {
      Type type = p.value().type();
      if (type.isDifferentiable()) {
        // An array without a derivative has no tangent storage: null stands for it (its pop is dropped).
        boolean noStorage = type.isArray() && !activity.isActive(p.value());
        out.add(new Stmt.Push(noStorage ? new Expr.Const(type, null) : tangentOrZero(p.value()), p.pos()));
      }
      return keep(p);
    }

    /** Made by the reverse transform only: a loop's reverse sweep, whose body gets tangents. */
    @Override
    public Void visitRepeat(Stmt.Repeat r) {
      out.add(new Stmt.Repeat(r.counter(), r.count(), block(r.body()), r.pos()));
      return null;
    }

    private Void keep(Stmt s) {
      out.add(s);
      return null;
    }
  }

  private void declare(Stmt.Declare d, Block.Builder out) {
    Var v = d.var();
    if (isTangentPop(d.init())) {
      out.add(d);
      out.add(activity.isActive(v) ? new Stmt.Declare(dots.of(v), d.init(), d.pos()) : new Stmt.Evaluate(d.init(), d.pos()));
      return;
    }
    if (!v.type().isDifferentiable() || !activity.isActive(v)) {
      out.add(d);
      return;
    }
    Var dot = dots.of(v);
    if (d.init() == null) {
      out.add(d);
      out.add(new Stmt.Declare(dot, null, d.pos()));
      return;
    }
    if (d.init() instanceof Expr.InvokeDerivative call && tangentOf(call) != null) {
      Var record = derivativeCallTangent(v, call, out, d.pos());
      out.add(new Stmt.Declare(v, new Expr.RecordGet(record, "value", v.type()), d.pos()));
      out.add(new Stmt.Declare(dot, new Expr.RecordGet(record, "tangent", v.type()), d.pos()));
      return;
    }
    if (d.init() instanceof Expr.Invoke call && isRuleCall(call)) {
      out.add(d);
      out.add(new Stmt.Declare(dot, ruleTangent(call), d.pos()));
      return;
    }
    if (d.init() instanceof Expr.Invoke call && call.method().isDifferentiable()) {
      Var record = callTangent(v, call, out, d);
      out.add(new Stmt.Declare(v, new Expr.RecordGet(record, "value", v.type()), d.pos()));
      out.add(new Stmt.Declare(dot, new Expr.RecordGet(record, "tangent", v.type()), d.pos()));
      return;
    }
    out.add(d);
    out.add(new Stmt.Declare(dot, tangentOrZero(d.init(), v, d), d.pos()));
  }

  private void assign(Stmt.Assign a, Block.Builder out) {
    Var v = a.target();
    if (isTangentPop(a.value())) {
      out.add(a);
      out.add(activity.isActive(v) ? new Stmt.Assign(dots.of(v), a.value(), a.pos()) : new Stmt.Evaluate(a.value(), a.pos()));
      return;
    }
    if (!v.type().isDifferentiable() || !activity.isActive(v)) {
      out.add(a);
      return;
    }
    Var dot = dots.of(v);
    if (a.value() instanceof Expr.InvokeDerivative call && tangentOf(call) != null) {
      Var record = derivativeCallTangent(v, call, out, a.pos());
      out.add(new Stmt.Assign(v, new Expr.RecordGet(record, "value", v.type()), a.pos()));
      out.add(new Stmt.Assign(dot, new Expr.RecordGet(record, "tangent", v.type()), a.pos()));
      return;
    }
    if (a.value() instanceof Expr.Invoke call && isRuleCall(call)) {
      Stmt tangent = new Stmt.Assign(dot, ruleTangent(call), a.pos());
      // y = g(y): the tangent reads the old y and yDot, so it goes first.
      boolean selfUpdate = Walk.reads(call).contains(v);
      out.add(selfUpdate ? tangent : a);
      out.add(selfUpdate ? a : tangent);
      return;
    }
    if (a.value() instanceof Expr.Invoke call && call.method().isDifferentiable()) {
      Var record = callTangent(v, call, out, a);
      out.add(new Stmt.Assign(v, new Expr.RecordGet(record, "value", v.type()), a.pos()));
      out.add(new Stmt.Assign(dot, new Expr.RecordGet(record, "tangent", v.type()), a.pos()));
      return;
    }
    if (Walk.reads(a.value()).contains(v)) {
      // v = v * y: the tangent reads the old v, so it is computed before v changes. It reads only old
      // values itself (the result, where a rule needs it, is the expression again), so it can go first.
      Expr tangent = tangentOrZero(a.value(), a.value());
      if (Walk.reads(tangent).contains(v)) {
        out.add(new Stmt.Assign(dot, tangent, a.pos()));
        out.add(a);
      } else {
        out.add(a);
        out.add(new Stmt.Assign(dot, tangentOrZero(a.value(), v), a.pos()));
      }
      return;
    }
    out.add(a);
    Expr tangent = tangentOrZero(a.value(), v, a);
    if (!tangent.equals(dot)) {
      // v += c with a constant c leaves vDot as it is.
      out.add(new Stmt.Assign(dot, tangent, a.pos()));
    }
  }

  private CallTangent tangentOf(Expr.InvokeDerivative call) {
    return callTangents.get(call.name());
  }

  /** {@code owner.gAdjointTangent(a, aDot, aBar, aBarDot, ...)}: the call with each dotted argument's tangent after it. */
  private Expr derivativeCallTangent(Expr.InvokeDerivative call) {
    CallTangent tangent = tangentOf(call);
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      args.add(arg);
      if (tangent.dotted().get(i)) {
        args.add(tangentOrZero(arg));
      }
    }
    return new Expr.InvokeDerivative(call.owner(), tangent.method(), args, tangent.record() == null ? Type.VOID : tangent.record());
  }

  private Var derivativeCallTangent(Var target, Expr.InvokeDerivative call, Block.Builder out,
      SourcePos pos) {
    CallTangent tangent = tangentOf(call);
    Var r = new Var(target.name() + "Tangent", tangent.record(), Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(r, derivativeCallTangent(call), pos));
    return r;
  }

  /** {@code GTangent yAt = gTangent(a, aDot, n);} for a call of another differentiable method. */
  private Var callTangent(Var target, Expr.Invoke call, Block.Builder out, Stmt at) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      args.add(arg);
      if (sig.differentiable().get(i)) {
        args.add(tangentOrZero(arg));
      }
    }
    Type record = Type.record(sig.tangentRecord());
    Var r = new Var(target.name() + "Tangent", record, Var.Role.TEMPORARY);
    out.add(new Stmt.Declare(r, new Expr.InvokeDerivative(sig.companion(), sig.tangentMethod(), args, record), at.pos()));
    return r;
  }

  private static boolean isRuleCall(Expr.Invoke call) {
    return call.method().isDifferentiable() && call.method().derivatives().rule() != null;
  }

  /**
   * {@code gTangent(a, n, aDot)}: a user's general-form tangent rule, called with the call's arguments
   * and then the tangent of each differentiable one (zeros for those that carry none).
   */
  private Expr ruleTangent(Expr.Invoke call) {
    GeneralRule rule = call.method().derivatives().rule();
    List<Expr> args = new ArrayList<>(call.args());
    for (int i = 0; i < call.args().size(); i++) {
      if (rule.differentiable().get(i)) {
        args.add(tangentOrZero(call.args().get(i)));
      }
    }
    return new Expr.InvokeDerivative(rule.tangent().owner(), rule.tangent().name(), args, rule.returnType());
  }

  /**
   * A pop of a value with a derivative: its tangent is the next pop ({@link WithTangents#visitPush}).
   * A pop is a value without operands, so the linearization would give it a zero tangent.
   */
  private static boolean isTangentPop(Expr e) {
    return e instanceof Expr.TapePop pop && pop.type().isDifferentiable();
  }

  /**
   * {@code target += source * scale} gives {@code targetDot += sourceDot * scale + source * scaleDot};
   * {@code target += source} gives {@code targetDot += sourceDot}.
   */
  private void arrayUpdateTangent(Expr.Invoke call, SourcePos pos, Block.Builder out) {
    Expr target = call.args().get(0);
    Expr source = call.args().get(1);
    Var storage = Walk.storage(target);
    if (storage == null || !activity.isActive(storage)) {
      return;
    }
    Expr targetDot = tangent(target, target);
    Expr scale = call.args().size() > 2 ? call.args().get(2) : null;
    if (activity.isActive(source)) {
      Expr sourceDot = tangentOrZero(source);
      out.add(scale == null ? RuntimeCalls.addTo(targetDot, sourceDot, pos) : RuntimeCalls.addScaled(targetDot, sourceDot, scale, pos));
    }
    if (scale != null && activity.isActive(scale)) {
      out.add(RuntimeCalls.addScaled(targetDot, source, tangentOrZero(scale), pos));
    }
  }

  /** The tangent of an expression, zero where it has none. */
  Expr tangentOrZero(Expr e) {
    return tangentOrZero(e, e);
  }

  /**
   * The tangent of an expression, zero where it has none; {@code result} is an expression for its
   * value (the assigned variable, or the expression itself) for rules that reuse it.
   */
  private Expr tangentOrZero(Expr e, Expr result) {
    return tangentOrZero(e, result, null);
  }

  /**
   * The tangent of statement {@code at}'s value (null: of an expression outside any statement's
   * value), its partials reading the {@code Math} calls that variables already hold there.
   */
  private Expr tangentOrZero(Expr e, Expr result, Stmt at) {
    Expr t = activity.isActive(e) ? tangent(e, result, at) : null;
    return t != null ? t : Linearization.zero(e);
  }

  /** The tangent of an active expression, or null where it has none (a sum without active terms). */
  private Expr tangent(Expr e, Expr result) {
    return tangent(e, result, null);
  }

  /** The same, for statement {@code at}'s value (null: none), with the Math calls held there reused. */
  private Expr tangent(Expr e, Expr result, Stmt at) {
    return e.type().isArray() ? Linearization.storage(e).accept(tangents)
        : sum(computed.reusing(at, Linearization.scalar(e, result)));
  }

  /** {@code sum(partial_i * operandDot_i)} over the active operands, or null when there are none. */
  private Expr sum(Linear.Sum linear) {
    Expr sum = null;
    for (Linear.Term t : linear.terms()) {
      if (!activity.isActive(t.operand())) {
        continue;
      }
      Expr term = Exprs.mul(t.partial(), Linearization.storage(t.operand()).accept(tangents));
      sum = sum == null ? term : Exprs.add(sum, term);
    }
    return sum;
  }

  /** The tangent storage of arrays and places: the linear structural operations applied to tangents. */
  private final Linear.Visitor<Expr> tangents = new DerivativeStorage(dots, this::tangentOrZero) {
    @Override
    public Expr copy(Linear.Copy c) {
      return new Expr.ArrayClone(tangentOrZero(c.source()));
    }

    @Override
    public Expr pack(Linear.Pack p) {
      List<Expr> elements = new ArrayList<>();
      for (Linear.Sum element : p.elements()) {
        Expr t = sum(element);
        elements.add(t == null ? Exprs.ZERO : t);
      }
      return new Expr.ArrayInit(p.type(), elements);
    }

    @Override
    public Expr fresh() {
      return null;
    }
  };
}
