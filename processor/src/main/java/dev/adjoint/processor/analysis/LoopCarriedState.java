package dev.adjoint.processor.analysis;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
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
 * The loop-carried state of a {@code @Checkpointed} loop: what one iteration reads of what an
 * earlier iteration wrote, so what a snapshot must hold for iterations to be run again from it.
 * That is every variable declared before the loop (the loop variable included) that the loop's
 * header, body or update assigns, and the elements of every array declared before the loop that
 * they write into, directly, through an alias made in the body, or by passing it to a method.
 * Variables the loop only reads keep their values through it and need no snapshot.
 *
 * @param scalars the variables assigned, in order of first assignment
 * @param arrays the arrays whose elements are written, in order of first write
 */
public record LoopCarriedState(List<Var> scalars, List<Var> arrays) {

  /** The state of a loop; {@link #problem} must have found none. */
  public static LoopCarriedState of(Stmt.Loop loop, Activity activity) {
    Set<Var> local = declaredInside(loop);
    Set<Var> scalars = new LinkedHashSet<>();
    Set<Var> written = new LinkedHashSet<>();
    Set<Var> mentioned = new LinkedHashSet<>();
    for (Block part : parts(loop)) {
      Walk.statements(part, s -> {
        if (s instanceof Stmt.Assign a && !local.contains(a.target()) && !a.target().type().isArray()) {
          scalars.add(a.target());
        }
        if (s instanceof Stmt.ArrayStore st) {
          addStorage(st.array(), written);
        }
        if (s instanceof Stmt.ArrayCopy c) {
          addStorage(c.target(), written);
        }
        for (Expr e : Walk.expressions(s)) {
          for (Var v : Walk.reads(e)) {
            if (v.type().isArray()) {
              mentioned.add(v);
            }
          }
          Walk.nodes(e, node -> {
            if (node instanceof Expr.Invoke call && !call.method().isDifferentiable()) {
              // A method that is not differentiated may write into an array it is given.
              for (Expr arg : call.args()) {
                addStorage(arg, written);
              }
            }
          });
        }
      });
    }
    Set<Var> arrays = new LinkedHashSet<>();
    for (Var w : written) {
      if (!local.contains(w)) {
        arrays.add(w);
      }
      // An alias made in the body (a row of a matrix, one of two arrays) writes into what it aliases.
      for (Var v : mentioned) {
        if (!local.contains(v) && v != w && activity.mayAlias(w, v)) {
          arrays.add(v);
        }
      }
    }
    return new LoopCarriedState(List.copyOf(scalars), List.copyOf(arrays));
  }

  /**
   * Why the loop cannot be checkpointed, as a description and what to do instead, or null. A
   * snapshot restores values and array elements, not which array a variable points to; an instance
   * method may change its object, which a recomputed iteration would do again.
   */
  public static String[] problem(Stmt.Loop loop) {
    Set<Var> local = declaredInside(loop);
    String[][] found = {null};
    Walk.statements(loop.header(), s -> {
      Var assigned = s instanceof Stmt.Assign a ? a.target() : s instanceof Stmt.Declare d ? d.var() : null;
      if (found[0] == null && assigned != null && assigned.type().isDifferentiable()) {
        found[0] = new String[] {"loop whose condition computes " + assigned.name() + ", a value with a derivative,"
            + " which the reverse sweep of its last test would need", "compute it in the body (before the loop and"
            + " at the end of each iteration) and test a variable in the condition"};
      }
    });
    for (Block part : parts(loop)) {
      Walk.statements(part, s -> {
        if (found[0] != null) {
          return;
        }
        if (s instanceof Stmt.Assign a && !local.contains(a.target())) {
          Type t = a.target().type();
          if (t.isArray()) {
            found[0] = new String[] {"loop assigns the array variable " + a.target().name() + ", declared before it,"
                + " which a snapshot cannot restore",
                "copy into the array instead (System.arraycopy, or element by element), or do not checkpoint this loop"};
          } else if (!supportedScalar(t)) {
            found[0] = new String[] {"loop assigns " + a.target().name() + " of type " + t + ", declared before it,"
                + " which a snapshot cannot hold", "keep only double, int, long and boolean variables changing"
                + " from one iteration to the next, or do not checkpoint this loop"};
          }
        }
        if (s instanceof Stmt.ArrayStore st && st.value().type().isArray()) {
          Var target = Walk.storage(st.array());
          if (target != null && !local.contains(target)) {
            found[0] = new String[] {"loop stores rows into the matrix " + target.name() + ", declared before it,"
                + " which a snapshot cannot restore", "copy into the rows instead, or do not checkpoint this loop"};
          }
        }
        for (Expr e : Walk.expressions(s)) {
          Walk.nodes(e, node -> {
            if (found[0] == null && node instanceof Expr.InvokeInstance call) {
              found[0] = new String[] {"loop calls " + call.method() + " on an object, which a recomputed iteration"
                  + " would call again", "make the call before the loop (draw random numbers into an array first),"
                  + " or do not checkpoint this loop"};
            }
          });
        }
      });
    }
    return found[0];
  }

  private static boolean supportedScalar(Type t) {
    return t.equals(Type.DOUBLE) || t.equals(Type.INT) || t.equals(Type.LONG) || t.equals(Type.BOOLEAN);
  }

  private static List<Block> parts(Stmt.Loop loop) {
    return List.of(loop.header(), loop.body(), loop.update());
  }

  private static Set<Var> declaredInside(Stmt.Loop loop) {
    Set<Var> local = new HashSet<>();
    for (Block part : parts(loop)) {
      Walk.statements(part, s -> {
        if (s instanceof Stmt.Declare d) {
          local.add(d.var());
        }
      });
    }
    return local;
  }

  private static void addStorage(Expr array, Set<Var> out) {
    Var v = array.type().isArray() ? Walk.storage(array) : null;
    if (v != null) {
      out.add(v);
    }
  }

  /** @return every checkpointed loop of a body, outermost first */
  public static List<Stmt.Loop> checkpointedLoops(Block body) {
    List<Stmt.Loop> out = new ArrayList<>();
    Walk.statements(body, s -> {
      if (s instanceof Stmt.Loop l && l.checkpoint() != null) {
        out.add(l);
      }
    });
    return out;
  }
}
