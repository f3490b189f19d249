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
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A callee's allocation-free adjoint cut in two (Tapenade's split mode, Enzyme's augmented primal):
 * a forward part, which the caller's forward sweep calls instead of the callee itself, computes the
 * value and pushes onto the caller's tape what the reverse sweep reads; a reverse part, which the
 * caller's reverse sweep calls, pops it and runs only the reverse sweep.
 *
 * <p>Why: the adjoint in one piece runs the callee's forward sweep again inside the caller's reverse
 * sweep, after the caller's forward sweep ran the callee once for its value. A callee called once
 * per data point (GMM's scaled distance, 25,000 times a gradient) then costs two forward sweeps and
 * one reverse sweep; split, it costs one of each.
 *
 * <p>What the callee records for itself (branch decisions, overwritten values) goes on the caller's
 * tape too, below what the forward part pushes at its end, and the reverse part pops it in order.
 *
 * <p>What is recorded: the variables the reverse sweep reads before it assigns them, by value for
 * numbers and by reference for arrays. A reference is enough only for an array the callee made
 * itself ({@code new}, a copy, a shadow) and never stored anywhere: nothing else can change it
 * between the two parts. Where the reverse sweep reads anything else (an array that may alias an
 * argument, a record), or the callee checkpoints a loop, or its forward sweep assigns a parameter or
 * reads the caller's adjoints, it is not split: the forward part is the callee's
 * original body and the reverse part calls the adjoint in one piece, so that the caller's code is the
 * same either way and its derivatives are right either way.
 */
public final class SplitAdjoint {
  private SplitAdjoint() {}

  /**
   * The allocation-free adjoint's pieces, as the reverse transform made them with no loop run in
   * place: its parameters and return type, and its code in order.
   */
  record Pieces(Block beforeReverse, Block seed, Block reverse, Block epilogue, Var returned,
      List<Function.Parameter> parameters, Type returnType) {}

  /**
   * The two parts.
   *
   * @param whole when it is split, the allocation-free adjoint in one piece made of the same code, with
   *     no loop run in place: callers that call it (second order, other adjoints) then get derivatives
   *     equal to the bit to those of callers of the parts; null when it is not split
   * @param whyNotSplit why the reverse part runs the whole adjoint, or null when it is split
   */
  public record Parts(Function forward, Function reverse, Function whole, String whyNotSplit) {}

  /** The forward part of the allocation-free adjoint named {@code adjoint}. */
  public static String forwardName(String adjoint) {
    return adjoint + "Forward";
  }

  /** The reverse part of the allocation-free adjoint named {@code adjoint}. */
  public static String reverseName(String adjoint) {
    return adjoint + "Reverse";
  }

  /** The names of the parts of split adjoints, forward and reverse, that {@code f} calls (it gives them its tape). */
  public static Set<String> splitAdjointsCalled(Function f) {
    Set<String> out = new HashSet<>();
    Walk.statements(f.body(), s -> {
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> {
          if (node instanceof Expr.InvokeDerivative d && d.args().contains(Var.TAPE)) {
            out.add(d.name());
          }
        });
      }
    });
    return out;
  }

  /**
   * The parts of the allocation-free adjoint {@code adjoint} of the flattened, specialised callee
   * {@code flat} (returning a double or a double[]), in the class {@code companion}.
   */
  public static Parts of(Function flat, Activity activity, String companion, String adjoint) {
    Pieces made = ReverseTransform.adjointPieces(flat, activity);
    Block sunk = sinkable(made.beforeReverse());
    Pieces p = new Pieces(without(made.beforeReverse(), sunk), made.seed(), made.reverse(), made.epilogue(),
        made.returned(), made.parameters(), made.returnType());
    Block after = new Block.Builder().addAll(sunk).addAll(p.seed()).addAll(p.reverse()).addAll(p.epilogue()).build();
    Set<Var> parameters = new HashSet<>();
    p.parameters().forEach(q -> parameters.add(q.var()));
    Set<Var> exposed = new LinkedHashSet<>();
    new Exposure(new HashSet<>(), exposed).block(after);
    exposed.removeAll(parameters);
    // Locals that only ever hold a parameter (an inlined callee's parameters) are declared again.
    List<Stmt.Declare> aliases = parameterAliases(flat, p.beforeReverse(), after);
    Set<Var> aliased = new HashSet<>();
    aliases.forEach(d -> aliased.add(d.var()));
    exposed.removeAll(aliased);
    String why = whyNot(flat, p, after, parameters, exposed);
    if (why != null) {
      return unsplit(flat, p, companion, adjoint, why);
    }
    List<Var> recorded = new ArrayList<>(exposed);
    return new Parts(
        new Function(forwardName(adjoint), withTape(flat.parameters()), flat.returnType(),
            forwardPart(p, recorded, flat.pos()), flat.pos()),
        new Function(reverseName(adjoint), withTape(p.parameters()), p.returnType(),
            reversePart(p, after, recorded, aliases, flat.pos()), flat.pos()),
        new Function(adjoint, made.parameters(), made.returnType(), whole(made, flat.pos()), flat.pos()),
        null);
  }

  private static List<Function.Parameter> withTape(List<Function.Parameter> parameters) {
    List<Function.Parameter> out = new ArrayList<>(parameters);
    out.add(new Function.Parameter(Var.TAPE, false, true));
    return out;
  }

  /** The forward sweep, then the pushes of what the reverse sweep reads, then the value. */
  private static Block forwardPart(Pieces p, List<Var> recorded, SourcePos pos) {
    Block.Builder forward = new Block.Builder().addAll(p.beforeReverse());
    if (!recorded.isEmpty()) {
      forward.add(new Stmt.Comment("for the reverse part: what its reverse sweep reads before it assigns it", pos));
    }
    for (Var v : recorded) {
      forward.add(new Stmt.Push(v, pos));
    }
    forward.add(new Stmt.Return(p.returned(), pos));
    return forward.build();
  }

  /**
   * The pops of what the forward part recorded, in reverse order; the parameters' aliases; the
   * forward sweep's other variables that the reverse sweep assigns before it reads them, at their
   * defaults; then the reverse sweep ({@code after}).
   */
  private static Block reversePart(Pieces p, Block after, List<Var> recorded, List<Stmt.Declare> aliases,
      SourcePos pos) {
    Block.Builder reverse = new Block.Builder();
    if (!recorded.isEmpty()) {
      reverse.add(new Stmt.Comment("what the forward part recorded, in the reverse order", pos));
    }
    for (int i = recorded.size() - 1; i >= 0; i--) {
      Var v = recorded.get(i);
      reverse.add(new Stmt.Declare(v, new Expr.TapePop(v.type()), pos));
    }
    reverse.addAll(new Block(new ArrayList<>(aliases)));
    Set<Var> declared = new HashSet<>(recorded);
    aliases.forEach(d -> declared.add(d.var()));
    Set<Var> topLevel = SharedForwardSweep.topLevelDeclarations(p.beforeReverse());
    Set<Var> used = new LinkedHashSet<>();
    Walk.statements(after, s -> {
      if (s instanceof Stmt.Assign a) {
        used.add(a.target());
      }
      for (Expr e : Walk.expressions(s)) {
        used.addAll(Walk.reads(e));
      }
    });
    for (Var v : used) {
      if (topLevel.contains(v) && !declared.contains(v)) {
        reverse.add(new Stmt.Declare(v, RuntimeCalls.defaultValue(v.type()), pos));
      }
    }
    reverse.add(new Stmt.Comment(ReverseTransform.REVERSE_SWEEP, pos));
    reverse.addAll(after);
    return reverse.build();
  }

  /** The adjoint in one piece, from the same pieces as the parts. */
  private static Block whole(Pieces made, SourcePos pos) {
    return new Block.Builder()
        .addAll(made.beforeReverse())
        .add(new Stmt.Comment(ReverseTransform.REVERSE_SWEEP, pos))
        .addAll(made.seed())
        .addAll(made.reverse())
        .addAll(made.epilogue())
        .build();
  }

  /**
   * The parts when the adjoint is not split: the forward part runs the callee's body as it is, and
   * records nothing; the reverse part calls the adjoint in one piece.
   */
  private static Parts unsplit(Function flat, Pieces p, String companion, String adjoint, String why) {
    Block.Builder forward = new Block.Builder()
        .add(new Stmt.Comment("the callee's own body: its adjoint is not split, since " + why, flat.pos()))
        .addAll(flat.body());
    List<Expr> args = new ArrayList<>();
    p.parameters().forEach(q -> args.add(q.var()));
    Expr whole = new Expr.InvokeDerivative(companion, adjoint, args, p.returnType());
    Block.Builder reverse = new Block.Builder()
        .add(new Stmt.Comment("the adjoint in one piece: it is not split, since " + why, flat.pos()));
    if (p.returnType().equals(Type.VOID)) {
      reverse.add(new Stmt.Evaluate(whole, flat.pos()));
      reverse.add(new Stmt.Return(Exprs.NOTHING, flat.pos()));
    } else {
      reverse.add(new Stmt.Return(whole, flat.pos()));
    }
    return new Parts(
        new Function(forwardName(adjoint), withTape(flat.parameters()), flat.returnType(), forward.build(), flat.pos()),
        new Function(reverseName(adjoint), withTape(p.parameters()), p.returnType(), reverse.build(), flat.pos()),
        null, why);
  }

  // ---- what moves to the reverse part ----------------------------------------------------------

  /**
   * The top-level declarations of the forward sweep that give a local the value of a parameter of
   * the callee, or of another such local, where nothing else assigns that local ({@code double[] x2
   * = x}, {@code int n2 = n} for an inlined callee's parameters): the reverse part, which gets the
   * same arguments, declares them again instead of popping them. In order.
   */
  private static List<Stmt.Declare> parameterAliases(Function flat, Block forward, Block after) {
    Set<Var> sources = new HashSet<>();
    flat.parameters().forEach(q -> sources.add(q.var()));
    Block whole = new Block.Builder().addAll(forward).addAll(after).build();
    Map<Var, Integer> definitions = new HashMap<>();
    Walk.statements(whole, s -> {
      Var target = s instanceof Stmt.Declare d ? d.var() : s instanceof Stmt.Assign a ? a.target() : null;
      if (target != null) {
        definitions.merge(target, 1, Integer::sum);
      }
    });
    List<Stmt.Declare> out = new ArrayList<>();
    for (Stmt s : forward.statements()) {
      if (s instanceof Stmt.Declare d && d.init() instanceof Var source
          && sources.contains(source) && definitions.get(d.var()) == 1) {
        out.add(d);
        sources.add(d.var());
      }
    }
    return out;
  }

  /**
   * The declarations at the end of the forward sweep's top level that the rest of it never uses:
   * shadow arrays of the callee's own arrays ({@code double[] centredBar = new double[d]}) and
   * their aliases. The reverse part makes them instead, so that the forward part does not keep
   * zeros alive on the tape until the reverse sweep needs them. A declaration moves only when what
   * it reads is not assigned after it, so it gives the same array (or size) where it moves to.
   */
  private static Block sinkable(Block forward) {
    List<Stmt> stmts = forward.statements();
    List<Stmt> sunk = new ArrayList<>();
    Set<Var> referencedLater = new HashSet<>();
    Set<Var> assignedLater = new HashSet<>();
    for (int i = stmts.size() - 1; i >= 0; i--) {
      Stmt s = stmts.get(i);
      if (s instanceof Stmt.Declare d && d.var().type().isArray() && isAllocationOrAlias(d.init())
          && !referencedLater.contains(d.var()) && Collections.disjoint(Walk.reads(d.init()), assignedLater)) {
        sunk.add(0, s);
        continue;
      }
      if (s instanceof Stmt.Comment) {
        continue;
      }
      Block one = new Block(List.of(s));
      assignedLater.addAll(Walk.assigned(List.of(one)));
      Walk.statements(one, inner -> {
        if (inner instanceof Stmt.Assign a) {
          referencedLater.add(a.target());
        }
        if (inner instanceof Stmt.Declare d) {
          referencedLater.add(d.var());
        }
        for (Expr e : Walk.expressions(inner)) {
          referencedLater.addAll(Walk.reads(e));
        }
      });
    }
    return new Block(sunk);
  }

  private static boolean isAllocationOrAlias(Expr init) {
    return init instanceof Expr.NewArray || init instanceof Expr.ZerosLike || init instanceof Var;
  }

  private static Block without(Block b, Block removed) {
    Set<Stmt> gone = Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(removed.statements());
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      if (!gone.contains(s)) {
        out.add(s);
      }
    }
    return out.build();
  }

  // ---- when it can be split ---------------------------------------------------------------------

  private static String whyNot(Function flat, Pieces p, Block after, Set<Var> parameters, Set<Var> exposed) {
    Block whole = new Block.Builder().addAll(p.beforeReverse()).addAll(after).build();
    // What the callee records goes on the caller's tape, under what the forward part pushes last.
    if (tapeUse(p.beforeReverse(), true) || tapeUse(after, false)) {
      return "it checkpoints a loop, or reads its tape in an unexpected order";
    }
    Set<Var> callerAdjoints = new HashSet<>(parameters);
    flat.parameters().forEach(q -> callerAdjoints.remove(q.var()));
    if (anyStatement(p.beforeReverse(), s -> s instanceof Stmt.Assign a && parameters.contains(a.target()))) {
      return "its forward sweep assigns a parameter";
    }
    if (anyStatement(p.beforeReverse(),
        s -> Walk.expressions(s).stream().anyMatch(e -> Walk.reads(e).stream().anyMatch(callerAdjoints::contains)))) {
      return "its forward sweep reads the caller's adjoints";
    }
    if (anyStatement(whole, s -> s instanceof Stmt.ArrayStore store && store.value().type().isArray())) {
      return "it stores an array into an array";
    }
    Set<Var> topLevel = SharedForwardSweep.topLevelDeclarations(p.beforeReverse());
    Set<Var> fresh = freshArrays(whole, parameters);
    // The array a vector callee returns is the caller's to write into before the reverse sweep.
    fresh.removeAll(aliasesOf(p.returned(), whole));
    for (Var v : exposed) {
      if (!topLevel.contains(v)) {
        return "its reverse sweep reads " + v.name() + ", which its forward sweep does not declare at the top";
      }
      switch (v.type().kind()) {
        case DOUBLE, INT, LONG, BOOLEAN -> { }
        case DOUBLE_ARRAY, INT_ARRAY -> {
          if (!fresh.contains(v)) {
            return "its reverse sweep reads the array " + v.name() + ", which may be an argument's or the result,"
                + " which the caller may change";
          }
        }
        default -> {
          return "its reverse sweep reads " + v.name() + ", a " + v.type().javaName();
        }
      }
    }
    return null;
  }

  private static boolean anyStatement(Block b, Predicate<Stmt> test) {
    boolean[] found = {false};
    Walk.statements(b, s -> found[0] |= test.test(s));
    return found[0];
  }

  /**
   * Whether the code checkpoints, calls split adjoints, or pops (in a forward sweep, {@code forward})
   * or pushes (in a reverse sweep): then what the callee records could not share the caller's tape.
   */
  private static boolean tapeUse(Block b, boolean forward) {
    boolean[] found = {false};
    Walk.statements(b, s -> {
      found[0] |= !forward && s instanceof Stmt.Push;
      for (Expr e : Walk.expressions(s)) {
        Walk.nodes(e, node -> found[0] |= forward && node instanceof Expr.TapePop || node == Var.TAPE
            || CheckpointedLoopCode.isCheckpointing(node));
      }
    });
    return found[0];
  }

  /**
   * The local arrays of rank one that only ever hold arrays the callee made: every value given to
   * them is {@code new}, a copy, zeros like another array, {@code null}, or another such array. Read
   * off the adjoint's own code, not the callee's {@link Activity}, which does not know the shadows
   * and temporaries the reverse transform added.
   */
  private static Set<Var> freshArrays(Block code, Set<Var> parameters) {
    List<Stmt> assignments = new ArrayList<>();
    Set<Var> fresh = new HashSet<>();
    Walk.statements(code, s -> {
      Var target = s instanceof Stmt.Declare d ? d.var() : s instanceof Stmt.Assign a ? a.target() : null;
      if (target != null && (target.type().equals(Type.DOUBLE_ARRAY) || target.type().equals(Type.INT_ARRAY))
          && !parameters.contains(target)) {
        fresh.add(target);
        assignments.add(s);
      }
    });
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Stmt s : assignments) {
        Var target = s instanceof Stmt.Declare d ? d.var() : ((Stmt.Assign) s).target();
        Expr value = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
        if (fresh.contains(target) && !isFresh(value, fresh)) {
          fresh.remove(target);
          changed = true;
        }
      }
    }
    return fresh;
  }

  /** {@code v} and the variables that may hold the same array: those assigned from one another. */
  private static Set<Var> aliasesOf(Var v, Block code) {
    List<Var[]> pairs = new ArrayList<>();
    Walk.statements(code, s -> {
      if (s instanceof Stmt.Declare d && d.init() instanceof Var w) {
        pairs.add(new Var[] {d.var(), w});
      } else if (s instanceof Stmt.Assign a && a.value() instanceof Var w) {
        pairs.add(new Var[] {a.target(), w});
      }
    });
    Set<Var> out = new HashSet<>(Set.of(v));
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Var[] pair : pairs) {
        if (out.contains(pair[0]) != out.contains(pair[1])) {
          out.add(pair[0]);
          out.add(pair[1]);
          changed = true;
        }
      }
    }
    return out;
  }

  private static boolean isFresh(Expr value, Set<Var> fresh) {
    return value == null || value instanceof Expr.NewArray || value instanceof Expr.ArrayInit
        || value instanceof Expr.ArrayClone || value instanceof Expr.ZerosLike
        || value instanceof Expr.Const c && c.value() == null
        || value instanceof Var v && fresh.contains(v);
  }

  // ---- what the reverse sweep reads before it assigns it -----------------------------------------

  /**
   * Collects the variables a block reads at a point where it may not have assigned them yet:
   * {@code assigned} holds those it certainly has. A branch assigns what both arms assign; a loop,
   * which may run no iteration, only what its initialisation does.
   */
  private static final class Exposure implements Stmt.Visitor<Void> {
    private final Set<Var> assigned;
    private final Set<Var> exposed;

    Exposure(Set<Var> assigned, Set<Var> exposed) {
      this.assigned = assigned;
      this.exposed = exposed;
    }

    void block(Block b) {
      for (Stmt s : b.statements()) {
        s.accept(this);
      }
    }

    private void read(Expr e) {
      if (e == null) {
        return;
      }
      for (Var v : Walk.reads(e)) {
        if (!assigned.contains(v)) {
          exposed.add(v);
        }
      }
    }

    private Exposure inner() {
      return new Exposure(new HashSet<>(assigned), exposed);
    }

    private void expressions(Stmt s) {
      Walk.expressions(s).forEach(this::read);
    }

    @Override
    public Void visitDeclare(Stmt.Declare s) {
      read(s.init());
      assigned.add(s.var());
      return null;
    }

    @Override
    public Void visitAssign(Stmt.Assign s) {
      read(s.value());
      assigned.add(s.target());
      return null;
    }

    @Override
    public Void visitArrayStore(Stmt.ArrayStore s) {
      expressions(s);
      return null;
    }

    @Override
    public Void visitArrayCopy(Stmt.ArrayCopy s) {
      expressions(s);
      return null;
    }

    @Override
    public Void visitIf(Stmt.If s) {
      read(s.condition());
      Exposure then = inner();
      then.block(s.then());
      Exposure otherwise = inner();
      otherwise.block(s.otherwise());
      Set<Var> both = new HashSet<>(then.assigned);
      both.retainAll(otherwise.assigned);
      assigned.addAll(both);
      return null;
    }

    @Override
    public Void visitLoop(Stmt.Loop s) {
      block(s.init());
      Exposure iteration = inner();
      iteration.block(s.header());
      iteration.read(s.condition());
      iteration.block(s.body());
      iteration.block(s.update());
      return null;
    }

    @Override
    public Void visitBreak(Stmt.Break s) {
      return null;
    }

    @Override
    public Void visitContinue(Stmt.Continue s) {
      return null;
    }

    @Override
    public Void visitReturn(Stmt.Return s) {
      expressions(s);
      return null;
    }

    @Override
    public Void visitPush(Stmt.Push s) {
      expressions(s);
      return null;
    }

    @Override
    public Void visitEvaluate(Stmt.Evaluate s) {
      expressions(s);
      return null;
    }

    @Override
    public Void visitComment(Stmt.Comment s) {
      return null;
    }

    @Override
    public Void visitRepeat(Stmt.Repeat s) {
      read(s.count());
      Exposure iteration = inner();
      iteration.assigned.add(s.counter());
      iteration.block(s.body());
      return null;
    }
  }
}
