package dev.adjoint.processor.transform;

import dev.adjoint.processor.analysis.Activity;
import dev.adjoint.processor.analysis.StableLoads;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.SourcePos;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.rules.Linear;
import dev.adjoint.processor.rules.Linearization;
import java.util.Set;

/**
 * The adjoints of the reverse sweep: {@code xBar} for a double, shadow arrays that alias exactly as
 * their primals do, and the transpose of a linearization, {@code operandBar += partial * adjoint}.
 */
final class Adjoints {
  private final Activity activity;
  private final DerivativeNames bars = new DerivativeNames("Bar");
  private final Set<Var> activeScalars = new java.util.LinkedHashSet<>();
  private final Set<Var> buffers = new java.util.HashSet<>();

  private final StableLoads loads;

  Adjoints(Activity activity, StableLoads loads) {
    this.activity = activity;
    this.loads = loads;
  }

  /** The adjoint of a variable: {@code xBar} for {@code x}. */
  Var bar(Var v) {
    return bars.of(v);
  }

  /** Whether a variable is an adjoint: {@code xBar}, or the shadow {@code aBar} of an array. */
  boolean isAdjoint(Var v) {
    return bars.isDerivative(v);
  }

  /**
   * Notes an array that a kept callee's adjoint writes its double arguments' adjoints into: it
   * holds adjoints without being one ({@link #holdsAdjoints}).
   */
  void markBuffer(Var v) {
    buffers.add(v);
  }

  /** Whether a variable holds adjoints: an adjoint, or a callee's buffer of them. */
  boolean holdsAdjoints(Var v) {
    return isAdjoint(v) || buffers.contains(v);
  }

  /** Notes a double variable with an adjoint, declared (at zero) at the start of the reverse sweep. */
  void markActive(Var v) {
    activeScalars.add(v);
  }

  /** The double variables with adjoints, in the order they were first met. */
  Set<Var> activeScalars() {
    return activeScalars;
  }

  /** The transpose of a linearization: {@code operandBar += partial * adjoint} for each active operand. */
  void scatter(Linear.Sum linear, Expr adjoint, Block.Builder rev, SourcePos pos) {
    for (Linear.Term t : linear.terms()) {
      if (activity.isActive(t.operand())) {
        accumulate(t.operand(), Exprs.mul(loads.forwarded(t.partial()), adjoint), rev, pos);
      }
    }
  }

  /** {@code placeBar += contribution}, where the place is a double variable or an array element. */
  void accumulate(Expr place, Expr contribution, Block.Builder rev, SourcePos pos) {
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
  Expr shadow(Expr array) {
    return Linearization.storage(array).accept(shadows);
  }

  Expr shadowOrZero(Expr array) {
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

}
