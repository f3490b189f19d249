package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import dev.adjoint.processor.rules.DerivativeRules;
import dev.adjoint.processor.rules.Rule;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which variables are active: they depend on a differentiable parameter, so they need derivative
 * variables ({@code xDot}, {@code xBar}). Every other value is a constant for differentiation, and
 * no derivative code is generated for it.
 *
 * <p>The analysis is flow-insensitive (a variable is active if any assignment makes it so), which
 * is sound for loops and branches. Arrays are tracked by alias class: {@code row = m[i]} makes
 * {@code row} and {@code m} share storage, so a store of an active value into either makes both
 * active.
 */
public final class Activity {
  private final Set<Var> active = new HashSet<>();
  private final Map<Var, Var> aliasParent = new HashMap<>();
  private final Set<Var> activeClasses = new HashSet<>();
  /**
   * Array variables whose storage holds constants: @NoDerivative parameters, static fields, the
   * results of plain calls (except those known to return a new array).
   */
  private final Map<Var, String> constantStorage = new HashMap<>();

  private Usefulness usefulness;

  private Activity() {}

  public static Activity of(Function f) {
    Activity a = new Activity();
    for (Function.Parameter p : f.parameters()) {
      if (p.differentiable()) {
        a.markActive(p.var());
      }
    }
    for (Function.Parameter p : f.parameters()) {
      // An output array held constant on entry is written with values that carry derivatives.
      if (p.var().type().isArray() && !p.differentiable() && !p.output()) {
        a.constantStorage.put(p.var(), p.var().name());
      }
    }
    a.aliases(f.body());
    boolean changed = true;
    while (changed) {
      changed = a.propagate(f.body());
    }
    a.usefulness = Usefulness.of(f, a::find);
    return a;
  }

  /** Whether a variable carries a derivative. */
  public boolean isActive(Var v) {
    if (v.type().isArray()) {
      return activeClasses.contains(find(v));
    }
    return active.contains(v);
  }

  /**
   * Whether the reverse sweep needs the adjoint of an assignment or an array store: what it writes
   * may reach the result ({@link Usefulness}). The others' adjoint is 0, and 0 times an infinite partial (a dead
   * {@code cbrt(0)}, a value that overflowed after its last use) would spoil the gradient with NaN.
   */
  public boolean isUseful(Stmt s) {
    return usefulness.isUseful(s);
  }

  /** Whether an expression's value depends on a differentiable parameter. */
  public boolean isActive(Expr e) {
    if (e instanceof Var v) {
      return v.type().isDifferentiable() && isActive(v);
    }
    if (!e.type().isDifferentiable() && !(e instanceof Expr.Invoke)) {
      return false;
    }
    if (e instanceof Expr.ArrayLength || e instanceof Expr.NewArray) {
      return false;
    }
    // floor, signum and the like: derivative 0 everywhere, so their result is a constant. Treating it
    // so keeps 0 * infinity (cbrt(floor(x)) at 0) out of both modes.
    if (e instanceof Expr.MathCall m) {
      Rule rule = DerivativeRules.of(m);
      if (rule != null && rule.isPiecewiseConstant()) {
        return false;
      }
    }
    for (Expr o : Walk.operands(e)) {
      if (o.type().isDifferentiable() && isActive(o)) {
        return true;
      }
    }
    return false;
  }

  /** Whether an array variable may share storage with constant data (a static field, a @NoDerivative array). */
  public boolean holdsConstants(Var v) {
    return constantOrigin(v) != null;
  }

  /** What constant data an array variable may share storage with, or null. */
  public String constantOrigin(Var v) {
    for (Map.Entry<Var, String> e : constantStorage.entrySet()) {
      if (find(e.getKey()) == find(v)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Whether two array variables may share storage (one is, or is a row of, the other). */
  public boolean mayAlias(Var a, Var b) {
    return find(a) == find(b);
  }

  /** A representative of the arrays that may share storage with {@code a}: equal for arrays that may alias. */
  public Var aliasRoot(Var a) {
    return find(a);
  }

  private void markActive(Var v) {
    if (v.type().isArray()) {
      activeClasses.add(find(v));
    } else {
      active.add(v);
    }
  }

  // ---- array aliasing -----------------------------------------------------------------------

  private Var find(Var v) {
    Var p = aliasParent.getOrDefault(v, v);
    if (p == v) {
      return v;
    }
    Var root = find(p);
    aliasParent.put(v, root);
    return root;
  }

  private void union(Var a, Var b) {
    Var ra = find(a);
    Var rb = find(b);
    if (ra != rb) {
      boolean activeAfter = activeClasses.remove(ra) | activeClasses.remove(rb);
      aliasParent.put(ra, rb);
      if (activeAfter) {
        activeClasses.add(rb);
      }
    }
  }

  private void aliases(Block body) {
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Declare d && d.var().type().isArray() && d.init() != null) {
        alias(d.var(), d.init());
      } else if (s instanceof Stmt.Assign a && a.target().type().isArray()) {
        alias(a.target(), a.value());
      } else if (s instanceof Stmt.ArrayStore st && st.value().type().isArray()) {
        Var target = Walk.storage(st.array());
        Var source = Walk.storage(st.value());
        if (target != null && source != null) {
          union(target, source);
        }
      }
    });
  }

  private void alias(Var target, Expr value) {
    if (value instanceof Expr.StaticField f) {
      constantStorage.put(target, f.owner().substring(f.owner().lastIndexOf('.') + 1) + "." + f.field());
    }
    if (value instanceof Expr.Invoke i && !i.method().isDifferentiable() && !i.method().freshResult()) {
      constantStorage.put(target, "the result of " + i.method().name() + "(...)");
    }
    if (value instanceof Expr.InvokeInstance i) {
      constantStorage.put(target, "the result of " + i.method() + "(...)");
    }
    if (value instanceof Expr.Conditional c) {
      alias(target, c.ifTrue());
      alias(target, c.ifFalse());
      return;
    }
    Var source = Walk.storage(value);
    if (source != null) {
      union(target, source);
    }
  }

  // ---- propagation --------------------------------------------------------------------------

  private boolean propagate(Block body) {
    boolean[] changed = {false};
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        changed[0] |= flow(d.var(), d.init());
        changed[0] |= d.init() instanceof Expr.InvokeDerivative call && callMayWriteArguments(call.args());
      } else if (s instanceof Stmt.Assign a) {
        changed[0] |= flow(a.target(), a.value());
        changed[0] |= a.value() instanceof Expr.InvokeDerivative call && callMayWriteArguments(call.args());
      } else if (s instanceof Stmt.ArrayStore st) {
        Var target = Walk.storage(st.array());
        if (target != null && isActive(st.value()) && !isActive(target)) {
          markActive(target);
          changed[0] = true;
        }
      } else if (s instanceof Stmt.ArrayCopy c) {
        Var target = Walk.storage(c.target());
        if (target != null && isActive(c.source()) && !isActive(target)) {
          markActive(target);
          changed[0] = true;
        }
      } else if (s instanceof Stmt.Evaluate e && e.value() instanceof Expr.Invoke call) {
        changed[0] |= callMayWriteArguments(call.args());
      } else if (s instanceof Stmt.Evaluate e && e.value() instanceof Expr.InvokeDerivative call) {
        changed[0] |= callMayWriteArguments(call.args());
      }
    });
    return changed[0];
  }

  /**
   * A call made for its effect may write what its other arguments carry into its array arguments
   * (the reverse sweep's {@code Shapes.addTo(xBar, ...)}, a void helper, a callee's adjoint that adds
   * into the caller's shadows), so with any argument active, every array argument is.
   */
  private boolean callMayWriteArguments(List<Expr> args) {
    if (args.stream().noneMatch(this::isActive)) {
      return false;
    }
    boolean changed = false;
    for (Expr arg : args) {
      Var target = arg.type().isArray() && arg.type().isDifferentiable() ? Walk.storage(arg) : null;
      // Constant data (a @NoDerivative parameter, a static table) is only read: the calls above write
      // into shadows and results, never into it.
      if (target != null && !isActive(target) && !holdsConstants(target)) {
        markActive(target);
        changed = true;
      }
    }
    return changed;
  }

  private boolean flow(Var target, Expr value) {
    if (!target.type().isDifferentiable() || isActive(target) || !isActive(value)) {
      return false;
    }
    markActive(target);
    return true;
  }
}
