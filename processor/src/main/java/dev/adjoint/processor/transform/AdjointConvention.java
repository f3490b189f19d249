package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * How a reverse-mode method takes its adjoints and gives them back, in one of two forms.
 *
 * <ul>
 *   <li>The record form (the gradient and pullback entry points users call): f's parameters (and
 *       {@code resultBar} for a vector f); shadows of array parameters start at zeros; it returns
 *       {@code record(value, xBar...)}.
 *   <li>The allocation-free form (for callers in generated code): f's parameters, then {@code pBar}
 *       for each differentiable array parameter (partials are added into it), then, with several
 *       differentiable double parameters, a {@code double[] scalarBars} into which their adjoints
 *       are written in order, then {@code resultBar}; it returns the adjoint of f's one
 *       differentiable double parameter, if it has exactly one.
 *   <li>The rows form (the pullbacks entry point of a vector f): f's parameters, then
 *       {@code double[][] resultBars}; the reverse sweep runs once per row, each time with
 *       {@code rowBar} a local holding that row ({@link SharedForwardSweep} assembles it).
 * </ul>
 */
final class AdjointConvention {
  private final Function f;
  private final Activity activity;
  private final Adjoints adjoints;
  private final Type recordType;
  private final boolean vector;
  private final List<Function.Parameter> parameters;
  private final Block.Builder prologue = new Block.Builder();
  private final List<Var> scalarParameters;
  private final Var scalarBars;
  private final Var resultBar;
  private final Var resultBars;

  /** {@code recordType} null: the allocation-free form. */
  AdjointConvention(Function f, Activity activity, Adjoints adjoints, ReverseArrays arrays, Type recordType,
      boolean vector) {
    this(f, activity, adjoints, arrays, recordType, vector, false);
  }

  /** {@code rows}: the rows form, which takes {@code double[][] resultBars} (a vector f, a record type). */
  AdjointConvention(Function f, Activity activity, Adjoints adjoints, ReverseArrays arrays, Type recordType,
      boolean vector, boolean rows) {
    this.f = f;
    this.activity = activity;
    this.adjoints = adjoints;
    this.recordType = recordType;
    this.vector = vector;
    this.parameters = new ArrayList<>(f.parameters());
    for (Function.Parameter p : f.parameters()) {
      if (p.var().type().isArray() && activity.isActive(p.var())) {
        if (accumulating()) {
          // The caller's shadow: partials are added into it, as into any shadow.
          parameters.add(new Function.Parameter(adjoints.bar(p.var()), false, true));
        } else {
          prologue.add(new Stmt.Declare(adjoints.bar(p.var()), new Expr.ZerosLike(p.var()), f.pos()));
        }
        arrays.addParameterShadow(adjoints.bar(p.var()));
      }
      if (p.var().type().equals(Type.DOUBLE) && activity.isActive(p.var())) {
        adjoints.markActive(p.var());
      }
    }
    this.scalarParameters = f.differentiableParameters().stream().map(Function.Parameter::var)
        .filter(v -> !v.type().isArray()).toList();
    if (accumulating() && scalarParameters.size() > 1) {
      // Several double parameters: their adjoints go into the caller's array, one entry each in order.
      scalarBars = new Var("scalarBars", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
      parameters.add(new Function.Parameter(scalarBars, false, true));
    } else {
      scalarBars = null;
    }
    if (rows) {
      resultBars = new Var("resultBars", Type.DOUBLE_MATRIX, Var.Role.PARAMETER);
      parameters.add(new Function.Parameter(resultBars, false, true));
      resultBar = new Var("rowBar", Type.DOUBLE_ARRAY, Var.Role.TEMPORARY);
    } else if (vector || accumulating()) {
      resultBars = null;
      resultBar = new Var("resultBar", vector ? Type.DOUBLE_ARRAY : Type.DOUBLE, Var.Role.PARAMETER);
      parameters.add(new Function.Parameter(resultBar, false, true));
    } else {
      resultBars = null;
      resultBar = null;
    }
  }

  /** In the rows form: the parameter {@code resultBars}, and the local {@code rowBar} each row sets. */
  Var resultBars() {
    return resultBars;
  }

  Var resultBar() {
    return resultBar;
  }

  private boolean accumulating() {
    return recordType == null;
  }

  List<Function.Parameter> parameters() {
    return parameters;
  }

  /** What runs before the forward sweep: the shadows of array parameters, in the record form. */
  Block prologue() {
    return prologue.build();
  }

  /**
   * The start of the reverse sweep: every adjoint declared at zero, the result's at 1 (d result /
   * d result) or at the caller's resultBar.
   */
  Block seed(Var result) {
    Block.Builder out = new Block.Builder();
    boolean seeded = activity.isActive(result);
    for (Var v : adjoints.activeScalars()) {
      Expr seed = accumulating() ? resultBar : Exprs.ONE;
      Expr initial = seeded && !vector && v == result ? seed : Exprs.ZERO;
      out.add(new Stmt.Declare(adjoints.bar(v), initial, f.pos()));
    }
    if (seeded && vector) {
      out.add(RuntimeCalls.addTo(adjoints.bar(result), resultBar, f.pos()));
    }
    return out.build();
  }

  /** The end of the method: the adjoints handed back, from {@code returned}, the value as returned. */
  Block epilogue(Var returned, SourcePos pos) {
    Block.Builder out = new Block.Builder();
    if (accumulating()) {
      if (scalarBars != null) {
        for (int j = 0; j < scalarParameters.size(); j++) {
          out.add(new Stmt.ArrayStore(scalarBars, Expr.Const.ofInt(j), adjoints.bar(scalarParameters.get(j)), pos));
        }
      }
      Var scalar = singleScalar();
      out.add(new Stmt.Return(scalar == null ? Exprs.NOTHING : adjoints.bar(scalar), pos));
      return out.build();
    }
    List<Expr> components = new ArrayList<>();
    components.add(returned);
    for (Function.Parameter p : f.differentiableParameters()) {
      components.add(adjoints.bar(p.var()));
    }
    out.add(new Stmt.Return(new Expr.NewRecord(recordType, components), pos));
    return out.build();
  }

  Type returnType() {
    if (!accumulating()) {
      return recordType;
    }
    return singleScalar() == null ? Type.VOID : Type.DOUBLE;
  }

  private Var singleScalar() {
    return scalarParameters.size() == 1 ? scalarParameters.get(0) : null;
  }
}
