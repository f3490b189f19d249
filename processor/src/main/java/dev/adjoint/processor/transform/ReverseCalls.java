package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.ReversePlan;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.GeneralRule;
import dev.adjoint.processor.rules.Linearization;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The reverse mode of a call of a differentiable method that stays a call: the reverse sweep calls
 * the callee's allocation-free adjoint (or its gradient or pullback record, or a user's pullback
 * rule) on the arguments as they were at the call, and scatters what it returns into the adjoints
 * of the call's active arguments.
 */
final class ReverseCalls {
  private final Activity activity;
  private final ReversePlan plan;
  private final SweepStorage storage;
  private final Adjoints adjoints;
  private final ReverseArrays arrays;

  /** The calls whose callee's adjoint is split ({@link SplitAdjoint}): its forward part records what its reverse part reads. */
  private final Predicate<Expr.Invoke> split;

  ReverseCalls(Activity activity, ReversePlan plan, SweepStorage storage, Adjoints adjoints, ReverseArrays arrays,
      Predicate<Expr.Invoke> split) {
    this.split = split;
    this.activity = activity;
    this.plan = plan;
    this.storage = storage;
    this.adjoints = adjoints;
    this.arrays = arrays;
  }

  /** {@code v = g(args)} for a differentiable g whose call stays a call. */
  void call(Var v, Expr.Invoke call, SourcePos pos, StatementCode st, boolean isDeclaration) {
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
  }

  /** {@code v = g(args)}: the forward sweep keeps g's gradient record; the reverse sweep scales it by vBar. */
  private void scalarCall(Var v, Expr.Invoke call, SourcePos pos, StatementCode st, boolean isDeclaration) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    if (plan.hasAdjointFor(call)) {
      // The reverse sweep calls the callee's allocation-free adjoint, which adds its partials
      // straight into this method's adjoints: no record per call, and a form that second order
      // can differentiate again. Arrays that change before the reverse sweep reaches the call are
      // copied at the call (what a recorded gradient would hold anyway).
      List<Expr> args = argumentsAtCall(call, st, pos);
      // Split: the callee's forward part computes the value and records on this method's tape what
      // its reverse part reads, so that the reverse sweep does not run the callee's forward sweep again.
      boolean splitCall = split.test(call);
      storage.write(v, splitCall ? forwardPart(call) : call, pos, st, isDeclaration);
      adjoints.markActive(v);
      adjointCall(call, splitCall, args, adjoints.bar(v), st, pos);
      if (plan.mayBeOverwritten(v)) {
        st.reverse.add(new Stmt.Assign(adjoints.bar(v), Exprs.ZERO, pos));
      }
      return;
    }
    Type recordType = Type.record(sig.gradientRecord());
    Expr gradient = new Expr.InvokeDerivative(sig.companion(), sig.gradientMethod(), call.args(), recordType);
    Var record;
    if (storage.inLoop() && plan.argumentsStable(call, storage.topIndex())) {
      // Inside a loop, keeping every call's gradient record until the reverse sweep costs memory
      // and cache misses; when the arguments are still there then, the gradient is computed there.
      storage.write(v, call, pos, st, isDeclaration);
      record = new Var(v.name() + "Gradient", recordType, Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(record, gradient, pos));
    } else {
      record = storage.helper(v.name() + "Gradient", recordType, gradient, st, pos);
      storage.write(v, new Expr.RecordGet(record, "value", Type.DOUBLE), pos, st, isDeclaration);
    }
    adjoints.markActive(v);
    Var bar = adjoints.bar(v);
    scatterRecord(call, record, bar, st, pos);
    if (plan.mayBeOverwritten(v)) {
      st.reverse.add(new Stmt.Assign(bar, Exprs.ZERO, pos));
    }
  }

  /** The call of the forward part of the callee's split adjoint, in place of the call itself. */
  private static Expr forwardPart(Expr.Invoke call) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    List<Expr> args = new ArrayList<>(call.args());
    args.add(Var.TAPE);
    return new Expr.InvokeDerivative(sig.companion(), SplitAdjoint.forwardName(sig.adjointMethod()), args,
        call.method().returnType());
  }

  /**
   * {@code aBar += g$adjoint(args, xBar, ..., resultBar)} in the reverse sweep: the callee adds
   * into the shadows of the active array arguments and returns the adjoint of its active double
   * argument, if any. {@code calleeArgs} are the arguments the callee is to see (copies where
   * needed); the shadows are those of the call's own arguments. {@code splitPart}: the reverse part
   * of the callee's split adjoint, which also takes this method's tape, instead of the whole adjoint.
   */
  private void adjointCall(Expr.Invoke call, boolean splitPart, List<Expr> calleeArgs, Expr resultBar,
      StatementCode st, SourcePos pos) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    List<Expr> args = new ArrayList<>(calleeArgs);
    List<Expr> scalarArgs = new ArrayList<>();
    for (int i = 0; i < call.args().size(); i++) {
      Expr original = call.args().get(i);
      if (!sig.differentiable().get(i)) {
        continue;
      }
      if (original.type().isArray()) {
        args.add(adjoints.shadow(original));
      } else {
        scalarArgs.add(original);
      }
    }
    Var scalarBars = null;
    if (scalarArgs.size() > 1) {
      // One array per call site, made once per call of this method: the callee writes its double
      // arguments' adjoints into it, so nothing is allocated per call.
      scalarBars = new Var(call.method().name() + "ScalarBars", Type.DOUBLE_ARRAY, Var.Role.TEMPORARY);
      storage.hoist(scalarBars, new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(Expr.Const.ofInt(scalarArgs.size()))), pos);
      adjoints.markBuffer(scalarBars);
      args.add(scalarBars);
    }
    args.add(resultBar);
    String method = sig.adjointMethod();
    if (splitPart) {
      args.add(Var.TAPE);
      method = SplitAdjoint.reverseName(method);
    }
    Type returned = scalarArgs.size() == 1 ? Type.DOUBLE : Type.VOID;
    Expr adjoint = new Expr.InvokeDerivative(sig.companion(), method, args, returned);
    if (scalarArgs.size() == 1) {
      Var partial = new Var("adjoint", Type.DOUBLE, Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(partial, adjoint, pos));
      adjoints.scatter(Linearization.scalar(scalarArgs.get(0), scalarArgs.get(0)), partial, st.reverse, pos);
      return;
    }
    st.reverse.add(new Stmt.Evaluate(adjoint, pos));
    for (int j = 0; j < scalarArgs.size(); j++) {
      Expr partial = new Expr.ArrayLoad(scalarBars, Expr.Const.ofInt(j), Type.DOUBLE);
      adjoints.scatter(Linearization.scalar(scalarArgs.get(j), scalarArgs.get(j)), partial, st.reverse, pos);
    }
  }

  /**
   * The arguments a call's derivative in the reverse sweep is to see: the call's arguments as they
   * were at the call. An array argument that something writes into later is copied at the call;
   * one whose elements stay as they are is not, and only its reference is kept where the variable
   * may be pointed at another array before the reverse sweep. Scalars are read where they are: the
   * reverse sweep restores what it reads.
   */
  private List<Expr> argumentsAtCall(Expr.Invoke call, StatementCode st, SourcePos pos) {
    List<Expr> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      switch (plan.argumentAtCall(arg, storage.topIndex())) {
        case AS_IS -> args.add(arg);
        case KEEP_REFERENCE -> args.add(storage.helper(((Var) arg).name() + "AtCall", arg.type(), arg, st, pos));
        case COPY -> args.add(storage.helper(((Var) arg).name() + "AtCall", arg.type(), new Expr.ArrayClone(arg), st, pos));
      }
    }
    return args;
  }

  /**
   * {@code v = g(args)} for a vector g: the reverse sweep calls g's pullback with vBar, on the
   * arguments as they were at the call ({@link #argumentsAtCall}).
   */
  private void vectorCall(Var v, Expr.Invoke call, SourcePos pos, StatementCode st, boolean isDeclaration) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    List<Expr> args = argumentsAtCall(call, st, pos);
    Var bar = adjoints.bar(v);
    if (plan.hasAdjointFor(call) && split.test(call)) {
      // The old shadow is saved before the forward part runs: what the callee records must lie above
      // everything this statement pushes, since its reverse part pops before this statement's restores.
      StatementCode shadow = new StatementCode();
      arrays.shadowAssign(v, bar, new Expr.ZerosLike(v), pos, shadow);
      List<Stmt> shadowCode = shadow.forward.build().statements();
      int saves = 0;
      while (saves < shadowCode.size() && shadowCode.get(saves) instanceof Stmt.Push) {
        st.forward.add(shadowCode.get(saves++));
      }
      storage.write(v, forwardPart(call), pos, st, isDeclaration);
      st.forward.addAll(new Block(shadowCode.subList(saves, shadowCode.size())));
      st.restore.addAll(shadow.restore.build());
      adjointCall(call, true, args, bar, st, pos);
      return;
    }
    // The call itself gets the caller's arrays, exactly as the original makes it; the copies are for
    // the pullback in the reverse sweep.
    storage.write(v, call, pos, st, isDeclaration);
    arrays.shadowAssign(v, bar, new Expr.ZerosLike(v), pos, st);
    if (plan.hasAdjointFor(call)) {
      adjointCall(call, false, args, bar, st, pos);
      return;
    }
    Type recordType = Type.record(sig.pullbackRecord());
    List<Expr> pullbackArgs = new ArrayList<>(args);
    pullbackArgs.add(bar);
    Var record = new Var(v.name() + "Pullback", recordType, Var.Role.TEMPORARY);
    st.reverse.add(new Stmt.Declare(record,
        new Expr.InvokeDerivative(sig.companion(), sig.pullbackMethod(), pullbackArgs, recordType), pos));
    scatterRecord(call, record, null, st, pos);
  }

  /**
   * Adds the components of a callee's gradient or pullback record into the adjoints of the call's
   * active arguments: scaled by {@code scale} (the result's adjoint, for a gradient record), or as
   * they are ({@code scale} null: a pullback record, which has the result's adjoint in it).
   */
  private void scatterRecord(Expr.Invoke call, Var record, Expr scale, StatementCode st, SourcePos pos) {
    MethodRef.DerivativeSignature sig = call.method().derivatives();
    for (int i = 0; i < call.args().size(); i++) {
      Expr arg = call.args().get(i);
      if (!sig.differentiable().get(i) || !activity.isActive(arg)) {
        continue;
      }
      Expr partial = new Expr.RecordGet(record, sig.componentNames().get(i), arg.type());
      if (arg.type().isArray()) {
        st.reverse.add(scale == null ? RuntimeCalls.addTo(adjoints.shadow(arg), partial, pos)
            : RuntimeCalls.addScaled(adjoints.shadow(arg), partial, scale, pos));
      } else {
        adjoints.scatter(Linearization.scalar(arg, arg), scale == null ? partial : Exprs.mul(partial, scale),
            st.reverse, pos);
      }
    }
  }

  /**
   * {@code v = g(args)} where a user's general-form {@code @DerivativeOf} rule gives g's derivatives:
   * the reverse sweep calls its pullback, {@code gPullback(args, vBar, xBar...)}, on the arguments as
   * they were at the call. The pullback adds into the shadows of the array arguments (a scratch array
   * of zeros for one that carries no derivative) and returns the adjoints of the double arguments.
   */
  private void ruleCall(Var v, Expr.Invoke call, SourcePos pos, StatementCode st, boolean isDeclaration) {
    GeneralRule rule = call.method().derivatives().rule();
    List<Expr> args = argumentsAtCall(call, st, pos);
    storage.write(v, call, pos, st, isDeclaration);
    Var bar = adjoints.bar(v);
    if (v.type().isArray()) {
      arrays.shadowAssign(v, bar, new Expr.ZerosLike(v), pos, st);
    } else {
      adjoints.markActive(v);
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
        pullbackArgs.add(activity.isActive(original) ? adjoints.shadow(original) : new Expr.ZerosLike(args.get(i)));
      }
    }
    Type returned = rule.pullbackReturnType();
    Expr pullback = new Expr.InvokeDerivative(rule.pullback().owner(), rule.pullback().name(), pullbackArgs, returned);
    if (returned.equals(Type.VOID)) {
      st.reverse.add(new Stmt.Evaluate(pullback, pos));
    } else {
      Var returnedAdjoints = new Var(scalars.size() == 1 ? "adjoint" : "adjoints", returned, Var.Role.TEMPORARY);
      st.reverse.add(new Stmt.Declare(returnedAdjoints, pullback, pos));
      for (int k = 0; k < scalars.size(); k++) {
        Expr adjoint = scalars.size() == 1 ? returnedAdjoints : new Expr.ArrayLoad(returnedAdjoints, Expr.Const.ofInt(k), Type.DOUBLE);
        adjoints.scatter(Linearization.scalar(scalars.get(k), scalars.get(k)), adjoint, st.reverse, pos);
      }
    }
    if (!v.type().isArray() && plan.mayBeOverwritten(v)) {
      st.reverse.add(new Stmt.Assign(bar, Exprs.ZERO, pos));
    }
  }

}
