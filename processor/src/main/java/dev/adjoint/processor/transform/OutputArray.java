package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.diagnostics.Message;
import dev.adjoint.processor.diagnostics.Reporter;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The result of a {@code @Differentiable} entry point that returns {@code void}: the one
 * {@code double[]} parameter it writes into, itself or through the helpers it calls. Its derivatives
 * are those of the same method returning that array at every exit, so the method is rewritten into
 * that form and differentiated as a method returning {@code double[]}: the pullback takes the
 * array's adjoint after the call and gives, for the array itself, the adjoint of the values it held
 * before (the method may read them, as in {@code out[i] += ...}), unless that parameter is held
 * constant ({@code @NoDerivative}, or left out of {@code wrt}).
 */
public final class OutputArray {
  private OutputArray() {}

  /**
   * The output parameter of {@code lowered}, decided on {@code inlined} (the same method with its
   * helpers inlined, so that their writes are seen), or null after reporting why there is none.
   * {@code sourceParameters} are the names of the Java method's parameters (the IR has a record
   * parameter's components in its place).
   */
  public static Var find(Function lowered, Function inlined, Set<String> sourceParameters, Inliner.Callees callees,
      Reporter reporter) {
    Set<Var> written = writtenParameters(inlined, callees);
    String name = lowered.name();
    if (written.isEmpty()) {
      reporter.error(lowered.pos(), Message.VOID_ENTRY_POINT, name, "writes into none of its array parameters",
          "write its result into a double[] parameter (out[i] = ...), or return it as a double or a double[]");
      return null;
    }
    if (written.size() > 1) {
      String names = written.stream().map(Var::name).collect(Collectors.joining(", "));
      reporter.error(lowered.pos(), Message.VOID_ENTRY_POINT, name,
          "writes into more than one of its array parameters (" + names + "), and a void method's result is the"
              + " one array it writes",
          "write the results into one double[] parameter, copy the other arrays into new local arrays before"
              + " writing them, or return a double[]");
      return null;
    }
    Var out = written.iterator().next();
    boolean ofRecord = !sourceParameters.contains(out.name());
    if (ofRecord) {
      reporter.error(lowered.pos(), Message.VOID_ENTRY_POINT, name,
          "writes its result into an array component of a record parameter, not into a double[] parameter",
          "pass the output array as a double[] parameter of its own, or return the result");
      return null;
    }
    if (!out.type().equals(Type.DOUBLE_ARRAY)) {
      reporter.error(lowered.pos(), Message.VOID_ENTRY_POINT, name,
          "writes its result into " + out.name() + ", a " + out.type() + ", not a double[]",
          "write the result into a double[] parameter (a matrix row by row), or return it");
      return null;
    }
    return out;
  }

  /**
   * {@code lowered} returning {@code out} wherever it ends. A body whose only {@code return} (if any)
   * is its last statement keeps its shape; one that returns early is first brought to a single exit,
   * so that no statement follows a return.
   */
  public static Function returning(Function lowered, Var out) {
    int[] returns = {0};
    Walk.statements(lowered.body(), s -> returns[0] += s instanceof Stmt.Return ? 1 : 0);
    List<Stmt> top = lowered.body().statements();
    boolean lastIsReturn = !top.isEmpty() && top.get(top.size() - 1) instanceof Stmt.Return;
    boolean singleExit = returns[0] == 0 || returns[0] == 1 && lastIsReturn;
    Function f = singleExit ? lowered : ExitFlattening.apply(lowered);
    List<Stmt> body = new ArrayList<>(f.body().statements());
    if (!body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.Return) {
      body.remove(body.size() - 1);
    }
    body.add(new Stmt.Comment("the result: " + out.name() + ", as the method leaves it", lowered.pos()));
    body.add(new Stmt.Return(out, lowered.pos()));
    List<Function.Parameter> params = new ArrayList<>();
    for (Function.Parameter p : lowered.parameters()) {
      params.add(p.var() == out ? new Function.Parameter(out, p.differentiable(), false, true) : p);
    }
    return new Function(lowered.name(), params, Type.DOUBLE_ARRAY, new Block(body), lowered.pos());
  }

  /**
   * The array parameters that stores and copies of {@code f} may write into, or calls that stayed
   * calls (a helper too large to inline, say) may, in parameter order.
   */
  private static Set<Var> writtenParameters(Function f, Inliner.Callees callees) {
    Activity aliases = Activity.of(f);
    Set<Var> targets = new LinkedHashSet<>();
    Walk.statements(f.body(), s -> {
      Var target = s instanceof Stmt.ArrayStore st ? Walk.storage(st.array())
          : s instanceof Stmt.ArrayCopy c ? Walk.storage(c.target()) : null;
      if (target != null) {
        targets.add(target);
      }
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> {
          Function callee = node instanceof Expr.Invoke call && call.method().isDifferentiable()
              ? callees.body(call.method()) : null;
          if (callee != null && ArrayWrites.writesParameter(callee, callees)) {
            ((Expr.Invoke) node).args().stream().map(Walk::storage).filter(v -> v != null).forEach(targets::add);
          }
        });
      }
    });
    Set<Var> written = new LinkedHashSet<>();
    for (Function.Parameter p : f.parameters()) {
      if (p.var().type().isArray() && targets.stream().anyMatch(t -> aliases.mayAlias(p.var(), t))) {
        written.add(p.var());
      }
    }
    return written;
  }
}
