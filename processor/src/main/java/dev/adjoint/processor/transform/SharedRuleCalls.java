package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.ChildBlocks;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Rewrite;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call of a {@code @DerivativeOf} partials method per use of its target. A partials method of
 * several {@code double} parameters returns all of them in one {@code double[]}, but the
 * linearization reads each partial from a call of its own ({@code dWeighted(a, b)[0]},
 * {@code dWeighted(a, b)[1]}): a user's special function evaluated once per partial. This gives
 * such a call a local, declared before the first statement that reads it, which that statement
 * and the following ones of its block read for as long as the call's arguments keep their values.
 */
public final class SharedRuleCalls {
  private final Set<String> partialsMethods;

  private SharedRuleCalls(Set<String> partialsMethods) {
    this.partialsMethods = partialsMethods;
  }

  /** {@code f} with each repeated call of a {@code double[]} partials method made once. */
  public static Function apply(Function f) {
    Set<String> methods = new HashSet<>();
    Walk.statements(f.body(), s -> {
      for (Expr top : Walk.expressions(s)) {
        Walk.nodes(top, node -> {
          if (node instanceof Expr.MathCall m && m.rule() != null && m.rule().doubleParameters() > 1) {
            methods.add(m.rule().partialsOwner() + "." + m.rule().partialsMethod());
          }
        });
      }
    });
    if (methods.isEmpty()) {
      return f;
    }
    SharedRuleCalls sharing = new SharedRuleCalls(methods);
    return new Function(f.name(), f.parameters(), f.returnType(), sharing.block(f.body()), f.pos());
  }

  private Block block(Block b) {
    Block.Builder out = new Block.Builder();
    Map<Expr.Invoke, Var> available = new HashMap<>();
    List<Stmt> statements = b.statements();
    for (int i = 0; i < statements.size(); i++) {
      Stmt s = statements.get(i);
      if (!Walk.children(s).isEmpty()) {
        // Control flow: what its blocks share stays inside them, and nothing is shared across it.
        available.clear();
        out.add(ChildBlocks.map(s, this::block));
        continue;
      }
      for (Expr.Invoke call : partialsCalls(s)) {
        if (!available.containsKey(call) && uses(call, statements, i) > 1) {
          Var local = new Var("partials", Type.DOUBLE_ARRAY, Var.Role.TEMPORARY);
          out.add(new Stmt.Declare(local, call, s.pos()));
          available.put(call, local);
        }
      }
      out.add(available.isEmpty() ? s : Rewrite.ofCalls(c -> available.containsKey(c) ? available.get(c) : c).stmt(s));
      available.keySet().removeIf(call -> changesArguments(s, call));
    }
    return out.build();
  }

  /** The distinct calls of partials methods in a statement. */
  private Set<Expr.Invoke> partialsCalls(Stmt s) {
    Set<Expr.Invoke> calls = new LinkedHashSet<>();
    for (Expr top : Walk.expressions(s)) {
      Walk.nodes(top, node -> {
        if (node instanceof Expr.Invoke call
            && partialsMethods.contains(call.method().owner() + "." + call.method().name())) {
          calls.add(call);
        }
      });
    }
    return calls;
  }

  /** How often {@code call} is made from statement {@code from} on, while its arguments stay as they are. */
  private int uses(Expr.Invoke call, List<Stmt> statements, int from) {
    int count = 0;
    for (int j = from; j < statements.size(); j++) {
      Stmt s = statements.get(j);
      if (!Walk.children(s).isEmpty()) {
        break;
      }
      for (Expr top : Walk.expressions(s)) {
        int[] n = {0};
        Walk.nodes(top, node -> n[0] += node.equals(call) ? 1 : 0);
        count += n[0];
      }
      if (changesArguments(s, call)) {
        break; // the statement reads the call before it assigns
      }
    }
    return count;
  }

  /** Whether a statement assigns a variable, or writes into an array, that the call's arguments read. */
  private static boolean changesArguments(Stmt s, Expr.Invoke call) {
    Set<Var> read = Walk.reads(call);
    if (s instanceof Stmt.Declare d) {
      return read.contains(d.var());
    }
    if (s instanceof Stmt.Assign a) {
      return read.contains(a.target());
    }
    if (s instanceof Stmt.ArrayStore store) {
      return read.contains(Walk.storage(store.array())) || Walk.storage(store.array()) == null;
    }
    // Calls and copies may write into any array they are given; pushes and comments change nothing.
    return s instanceof Stmt.Evaluate || s instanceof Stmt.ArrayCopy;
  }
}
