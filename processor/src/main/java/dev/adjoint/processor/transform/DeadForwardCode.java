package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes the code whose results nothing reads from an allocation-free adjoint. Such a method does
 * not return its function's value: the forward sweep's computation of the result, and of scratch
 * arrays that only it fills, is dead when the reverse sweep computes again what it needs (a
 * vector callee's {@code out[i] = ...} loop, two {@code exp} and a {@code tanh} per element).
 *
 * <p>Conservative by construction: a variable counts as read if any remaining statement anywhere in
 * the method reads it; only assignments of local variables and stores into local arrays nothing
 * else reads are removed, and only when their values call nothing (no method, no tape, no user
 * rule); a loop or branch goes when nothing is left in it and its condition calls nothing.
 */
public final class DeadForwardCode {
  private DeadForwardCode() {}

  public static Function apply(Function f) {
    Set<Var> parameters = new HashSet<>();
    for (Function.Parameter p : f.parameters()) {
      parameters.add(p.var());
    }
    Block body = f.body();
    while (true) {
      Set<Var> read = reads(body);
      // A declaration stays while anything still assigns or stores into its variable.
      Set<Var> mentioned = new HashSet<>(read);
      Walk.statements(body, s -> {
        if (s instanceof Stmt.Assign a) {
          mentioned.add(a.target());
        } else if (s instanceof Stmt.ArrayStore store && Walk.storage(store.array()) != null) {
          mentioned.add(Walk.storage(store.array()));
        }
      });
      Block pruned = prune(body, read, mentioned, parameters, true);
      if (pruned.statements().equals(body.statements())) {
        return new Function(f.name(), f.parameters(), f.returnType(), body, f.pos());
      }
      body = pruned;
    }
  }

  // ---- what is read -----------------------------------------------------------------------------

  /** Every variable some statement reads; the array a store writes into is not read by the store. */
  private static Set<Var> reads(Block body) {
    Set<Var> out = new HashSet<>();
    Walk.statements(body, s -> {
      if (s instanceof Stmt.ArrayStore store) {
        out.addAll(Walk.reads(store.index()));
        out.addAll(Walk.reads(store.value()));
        Var storage = Walk.storage(store.array());
        Set<Var> place = Walk.reads(store.array());
        place.remove(storage);
        out.addAll(place);
        return;
      }
      for (Expr e : Walk.expressions(s)) {
        out.addAll(Walk.reads(e));
      }
    });
    return out;
  }

  // ---- removing ---------------------------------------------------------------------------------

  private static Block prune(Block b, Set<Var> read, Set<Var> mentioned, Set<Var> parameters, boolean topLevel) {
    List<Stmt> kept = new ArrayList<>();
    List<Stmt> all = b.statements();
    for (int index = 0; index < all.size(); index++) {
      Stmt s = all.get(index);
      List<Stmt> later = topLevel ? all.subList(index + 1, all.size()) : null;
      Stmt p = pruneOne(s, read, mentioned, parameters, later);
      if (p == null) {
        // The comments that stood for the removed statement go with it.
        while (!kept.isEmpty() && kept.get(kept.size() - 1) instanceof Stmt.Comment) {
          kept.remove(kept.size() - 1);
        }
      } else {
        kept.add(p);
      }
    }
    return new Block(kept);
  }

  /**
   * The statement with its dead parts removed, or null when nothing of it is left. {@code later}:
   * the statements after it, for a statement of the method's outermost block (null otherwise).
   */
  private static Stmt pruneOne(Stmt s, Set<Var> read, Set<Var> mentioned, Set<Var> parameters,
      List<Stmt> later) {
    if (s instanceof Stmt.Declare d) {
      boolean dead = !mentioned.contains(d.var()) && (d.init() == null || callsNothing(d.init()));
      return dead ? null : s;
    }
    if (s instanceof Stmt.Assign a) {
      boolean dead = !read.contains(a.target()) && !parameters.contains(a.target()) && callsNothing(a.value());
      return dead ? null : s;
    }
    if (s instanceof Stmt.ArrayStore store) {
      Var storage = Walk.storage(store.array());
      boolean dead = storage != null && !read.contains(storage) && !parameters.contains(storage)
          && callsNothing(store.index()) && callsNothing(store.value()) && callsNothing(store.array());
      return dead ? null : s;
    }
    if (s instanceof Stmt.If i) {
      Block then = prune(i.then(), read, mentioned, parameters, false);
      Block otherwise = prune(i.otherwise(), read, mentioned, parameters, false);
      if (isEmpty(then) && isEmpty(otherwise) && callsNothing(i.condition())) {
        return null;
      }
      return new Stmt.If(i.condition(), then, otherwise, i.pos());
    }
    if (s instanceof Stmt.Loop l) {
      Block init = prune(l.init(), read, mentioned, parameters, false);
      Block header = prune(l.header(), read, mentioned, parameters, false);
      Block body = prune(l.body(), read, mentioned, parameters, false);
      Block update = prune(l.update(), read, mentioned, parameters, false);
      Stmt.Loop pruned = new Stmt.Loop(l.kind(), init, header, l.condition(), body, update, l.id(), l.sourceLabel(),
          l.pos(), l.checkpoint());
      if (later != null && effectFree(pruned, read, parameters) && unreadAfter(pruned, later)) {
        return null;
      }
      return new Stmt.Loop(l.kind(), init, header, l.condition(), body, update, l.id(), l.sourceLabel(), l.pos(),
          l.checkpoint());
    }
    // Calls made for their effect, pushes, returns, repeats, copies, comments: kept.
    return s;
  }

  /**
   * Whether a statement does nothing but assign variables and store into arrays nothing reads, with
   * values that call nothing: no call, no tape, no store into an array something reads.
   */
  private static boolean effectFree(Stmt s, Set<Var> read, Set<Var> parameters) {
    if (s instanceof Stmt.Comment) {
      return true;
    }
    if (s instanceof Stmt.Declare d) {
      return d.init() == null || callsNothing(d.init());
    }
    if (s instanceof Stmt.Assign a) {
      return !parameters.contains(a.target()) && callsNothing(a.value());
    }
    if (s instanceof Stmt.ArrayStore store) {
      Var storage = Walk.storage(store.array());
      return storage != null && !read.contains(storage) && !parameters.contains(storage)
          && callsNothing(store.index()) && callsNothing(store.value()) && callsNothing(store.array());
    }
    if (s instanceof Stmt.If i) {
      return callsNothing(i.condition()) && effectFree(i.then(), read, parameters)
          && effectFree(i.otherwise(), read, parameters);
    }
    if (s instanceof Stmt.Loop l) {
      return l.checkpoint() == null && callsNothing(l.condition()) && effectFree(l.init(), read, parameters)
          && effectFree(l.header(), read, parameters) && effectFree(l.body(), read, parameters)
          && effectFree(l.update(), read, parameters);
    }
    return false;
  }

  private static boolean effectFree(Block b, Set<Var> read, Set<Var> parameters) {
    for (Stmt s : b.statements()) {
      if (!effectFree(s, read, parameters)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether no later statement reads a variable the loop assigns before setting it afresh: the
   * reverse sweep sets a counted index and the values it recomputes at the start of each reversed
   * iteration, before it reads them.
   */
  private static boolean unreadAfter(Stmt.Loop l, List<Stmt> later) {
    for (Var v : Walk.assigned(List.of(l.init(), l.header(), l.body(), l.update()))) {
      for (Stmt s : later) {
        Use use = firstUse(s, v);
        if (use == Use.READ) {
          return false;
        }
        if (use == Use.SET) {
          break;
        }
      }
    }
    return true;
  }

  /** What a statement does first with a variable: reads it, sets it without reading it, or neither. */
  private enum Use {
    READ, SET, NONE
  }

  private static Use firstUse(Stmt s, Var v) {
    if (s instanceof Stmt.Declare d) {
      return d.init() != null && Walk.reads(d.init()).contains(v) ? Use.READ : d.var() == v ? Use.SET : Use.NONE;
    }
    if (s instanceof Stmt.Assign a) {
      return Walk.reads(a.value()).contains(v) ? Use.READ : a.target() == v ? Use.SET : Use.NONE;
    }
    if (s instanceof Stmt.If i) {
      if (Walk.reads(i.condition()).contains(v)) {
        return Use.READ;
      }
      Use then = firstUse(i.then(), v);
      Use otherwise = firstUse(i.otherwise(), v);
      if (then == Use.READ || otherwise == Use.READ) {
        return Use.READ;
      }
      return then == Use.SET && otherwise == Use.SET ? Use.SET : Use.NONE;
    }
    if (s instanceof Stmt.Loop l) {
      Use init = firstUse(l.init(), v);
      if (init != Use.NONE) {
        return init;
      }
      if (Walk.reads(l.condition()).contains(v)) {
        return Use.READ;
      }
      // The rest may run no time: it can read v, but not set it for what follows.
      for (Block b : List.of(l.header(), l.body(), l.update())) {
        Use inner = firstUse(b, v);
        if (inner != Use.NONE) {
          return inner == Use.READ ? Use.READ : Use.NONE;
        }
      }
      return Use.NONE;
    }
    if (s instanceof Stmt.Repeat r) {
      if (Walk.reads(r.count()).contains(v)) {
        return Use.READ;
      }
      return firstUse(r.body(), v) == Use.READ ? Use.READ : Use.NONE;
    }
    for (Expr e : Walk.expressions(s)) {
      if (Walk.reads(e).contains(v)) {
        return Use.READ;
      }
    }
    return Use.NONE;
  }

  /** The first use of a variable in a block's statements, in order. */
  private static Use firstUse(Block b, Var v) {
    for (Stmt s : b.statements()) {
      Use use = firstUse(s, v);
      if (use != Use.NONE) {
        return use;
      }
    }
    return Use.NONE;
  }

  private static boolean isEmpty(Block b) {
    return b.statements().stream().allMatch(s -> s instanceof Stmt.Comment);
  }

  /** Whether evaluating an expression calls no method, reads no tape and runs no user rule. */
  private static boolean callsNothing(Expr e) {
    boolean[] pure = {true};
    Walk.nodes(e, node -> pure[0] &= !(node instanceof Expr.Invoke || node instanceof Expr.InvokeInstance
        || node instanceof Expr.InvokeDerivative || node instanceof Expr.TapePop
        || node instanceof Expr.MathCall m && (m.rule() != null || m.method().equals("random"))));
    return pure[0];
  }
}
