package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a method's {@code double[]} result is always a new array that nothing else refers to once
 * the method returns. A caller may then write values that carry derivatives into it, as into an
 * array it creates itself, instead of being refused because the result might be a @NoDerivative
 * argument or a static table that the write would change behind the derivatives' back.
 *
 * <p>The answer is yes only when it is certain: every variable that may share storage with the
 * returned one ({@link Activity}'s alias classes) is a local that only ever receives a new array, a
 * copy, or the result of a call that is fresh in turn; none of them is a parameter; and none leaves
 * the method other than as the result: it is read element by element, its length taken, its
 * elements copied, or passed to a call that has no way to keep it (its other arguments hold no
 * arrays of arrays, and it returns no array). Anything else, and unknown or recursive callees, give no.
 */
public final class FreshArrayResults {
  private final Inliner.Callees callees;
  private final Set<String> visiting = new HashSet<>();

  private FreshArrayResults(Inliner.Callees callees) {
    this.callees = callees;
  }

  public static boolean returnsFresh(Function f, Inliner.Callees callees) {
    return new FreshArrayResults(callees).fresh(f);
  }

  private boolean fresh(Function f) {
    if (!f.returnType().equals(Type.DOUBLE_ARRAY) || !visiting.add(f.name() + f.parameters())) {
      return false;
    }
    Activity aliases = Activity.of(f);
    Set<Var> returned = new LinkedHashSet<>();
    boolean[] ok = {true};
    Walk.statements(f.body(), s -> {
      if (s instanceof Stmt.Return r) {
        if (r.value() instanceof Var v) {
          returned.add(v);
        } else if (!newArray(r.value())) {
          ok[0] = false;
        }
      }
    });
    if (!ok[0]) {
      return false;
    }
    Set<Var> shared = sharingStorage(f, aliases, returned);
    for (Function.Parameter p : f.parameters()) {
      if (shared.contains(p.var())) {
        return false;
      }
    }
    for (Var v : shared) {
      if (aliases.holdsConstants(v)) {
        return false;
      }
    }
    Walk.statements(f.body(), s -> ok[0] &= keepsInside(s, shared));
    return ok[0];
  }

  /** The returned variables and every variable of the method that may share storage with one. */
  private static Set<Var> sharingStorage(Function f, Activity aliases, Set<Var> returned) {
    Set<Var> all = new LinkedHashSet<>();
    f.parameters().forEach(p -> all.add(p.var()));
    all.addAll(Walk.assigned(List.of(f.body())));
    Set<Var> shared = new LinkedHashSet<>(returned);
    for (Var v : all) {
      if (v.type().isArray() && returned.stream().anyMatch(r -> aliases.mayAlias(r, v))) {
        shared.add(v);
      }
    }
    return shared;
  }

  /** A new array by construction: {@code new double[n]}, an initializer, or a copy. */
  private static boolean newArray(Expr e) {
    return e instanceof Expr.NewArray || e instanceof Expr.ArrayInit || e instanceof Expr.ArrayClone;
  }

  /** Whether statement {@code s} gives the shared storage nothing new and lets none of it out. */
  private boolean keepsInside(Stmt s, Set<Var> shared) {
    if (s instanceof Stmt.Declare d) {
      return d.init() == null || assigns(d.var(), d.init(), shared);
    }
    if (s instanceof Stmt.Assign a) {
      return assigns(a.target(), a.value(), shared);
    }
    if (s instanceof Stmt.ArrayStore st) {
      return !leaks(st.index(), shared) && !leaks(st.value(), shared) && arrayPosition(st.array(), shared);
    }
    if (s instanceof Stmt.ArrayCopy c) {
      return arrayPosition(c.source(), shared) && arrayPosition(c.target(), shared);
    }
    if (s instanceof Stmt.Return r) {
      return r.value() == null || r.value() instanceof Var v && shared.contains(v) || !leaks(r.value(), shared);
    }
    for (Expr e : Walk.expressions(s)) {
      if (leaks(e, shared)) {
        return false;
      }
    }
    return true;
  }

  private boolean assigns(Var target, Expr value, Set<Var> shared) {
    if (!shared.contains(target)) {
      return !leaks(value, shared);
    }
    return freshValue(value, shared);
  }

  /** A value a variable of the shared storage may receive. */
  private boolean freshValue(Expr value, Set<Var> shared) {
    if (value instanceof Var v) {
      return shared.contains(v);
    }
    if (value instanceof Expr.Const) {
      return true; // null
    }
    if (value instanceof Expr.Conditional c) {
      return !leaks(c.cond(), shared) && freshValue(c.ifTrue(), shared) && freshValue(c.ifFalse(), shared);
    }
    if (value instanceof Expr.ArrayClone c) {
      return arrayPosition(c.array(), shared);
    }
    if (newArray(value)) {
      return !leaks(value, shared);
    }
    if (value instanceof Expr.Invoke call) {
      Function callee = callees.body(call.method());
      return callee != null && call.args().stream().noneMatch(a -> leaks(a, shared)) && fresh(callee);
    }
    return false;
  }

  /** An array operand that is either shared storage (read or written element-wise) or lets none out. */
  private boolean arrayPosition(Expr array, Set<Var> shared) {
    return array instanceof Var v && shared.contains(v) || !leaks(array, shared);
  }

  /** Whether evaluating {@code e} could hand a reference to the shared storage to something else. */
  private boolean leaks(Expr e, Set<Var> shared) {
    if (e instanceof Var v) {
      return shared.contains(v);
    }
    if (e instanceof Expr.ArrayLoad l) {
      return !arrayPosition(l.array(), shared) || leaks(l.index(), shared);
    }
    if (e instanceof Expr.ArrayLength l) {
      return !arrayPosition(l.array(), shared);
    }
    if (e instanceof Expr.ArrayClone c) {
      return !arrayPosition(c.array(), shared);
    }
    if (e instanceof Expr.Invoke call && cannotKeepArguments(call)) {
      return call.args().stream().anyMatch(a -> !arrayPosition(a, shared));
    }
    for (Expr o : Walk.operands(e)) {
      if (leaks(o, shared)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A call that can neither return one of its array arguments nor store one into another: it
   * returns no array, and none of its arguments can hold a reference to an array.
   */
  private static boolean cannotKeepArguments(Expr.Invoke call) {
    if (call.method().returnType().isArray() || call.method().returnType().isReference()) {
      return false;
    }
    for (Type t : call.method().parameterTypes()) {
      if (t.rank() > 1 || t.isReference() && !t.isArray()) {
        return false;
      }
    }
    return true;
  }
}
