package dev.adjoint.processor.transform;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes {@code break}, {@code continue} and early {@code return} so that the reverse sweep can
 * replay control flow from branch decisions and trip counts alone. A jump sets a flag; the
 * statements it would skip are guarded by the flag; loops also test the flags that end them. The
 * common shape {@code if (c) return a; rest} becomes {@code if (c) result = a; else rest} with no
 * flag at all. The result is a body whose only {@code return} is the last statement.
 */
public final class ExitFlattening {
  private final Var result;
  private final Var returned = new Var("returned", Type.BOOLEAN, Var.Role.TEMPORARY);
  private final Map<Integer, Var> breakFlags = new HashMap<>();
  private final Map<Integer, Var> continueFlags = new HashMap<>();
  private final Set<Var> flagsRead = new HashSet<>();

  private ExitFlattening(Type resultType) {
    this.result = new Var("value", resultType, Var.Role.TEMPORARY);
  }

  public static Function apply(Function f) {
    ExitFlattening t = new ExitFlattening(f.returnType());
    Block body = f.body();
    // The usual last statement, "return x;", needs nothing: keep x as the result.
    List<Stmt> stmts = new ArrayList<>(body.statements());
    Var directResult = null;
    if (!stmts.isEmpty() && stmts.get(stmts.size() - 1) instanceof Stmt.Return r && !containsJump(new Block(stmts.subList(0, stmts.size() - 1)))
        && r.value() instanceof Var v && v.role() != Var.Role.PARAMETER) {
      directResult = v;
      stmts.remove(stmts.size() - 1);
    }
    if (directResult != null) {
      Block.Builder out = new Block.Builder().addAll(stmts);
      out.add(new Stmt.Return(directResult, body.statements().get(body.statements().size() - 1).pos()));
      return new Function(f.name(), f.parameters(), f.returnType(), out.build(), f.pos());
    }
    Flattened flat = t.sequence(stmts);
    Block.Builder out = new Block.Builder();
    // Initialised so that javac sees it assigned on every path (the guards hide that from it).
    if (!t.isVoid()) {
      out.add(new Stmt.Declare(t.result, RuntimeCalls.defaultValue(t.result.type()), f.pos()));
    }
    if (t.flagsRead.contains(t.returned)) {
      out.add(new Stmt.Declare(t.returned, Expr.Const.ofBoolean(false), f.pos()));
    }
    out.addAll(t.removeUnreadFlags(flat.block));
    out.add(new Stmt.Return(t.isVoid() ? Exprs.NOTHING : t.result, f.pos()));
    return new Function(f.name(), f.parameters(), f.returnType(), out.build(), f.pos());
  }

  /** A method that returns nothing: a return only ends it. */
  private boolean isVoid() {
    return result.type().equals(Type.VOID);
  }

  static boolean containsJump(Block b) {
    boolean[] found = {false};
    Walk.statements(b, s -> {
      if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return) {
        found[0] = true;
      }
    });
    return found[0];
  }

  /** A flattened block and the flags it may set (each one means: skip what follows). */
  private record Flattened(Block block, Set<Var> flags, boolean alwaysJumps) {}

  private Flattened sequence(List<Stmt> stmts) {
    Block.Builder out = new Block.Builder();
    Set<Var> flags = new LinkedHashSet<>();
    for (int i = 0; i < stmts.size(); i++) {
      Stmt s = stmts.get(i);
      List<Stmt> rest = stmts.subList(i + 1, stmts.size());
      if (s instanceof Stmt.If ifs && !rest.isEmpty()) {
        Flattened then = sequence(ifs.then().statements());
        Flattened otherwise = sequence(ifs.otherwise().statements());
        if (then.alwaysJumps && !otherwise.alwaysJumps && otherwise.flags.isEmpty()) {
          // if (c) { ...; return a; } rest  ==>  if (c) { ...; result = a; } else { otherwise; rest }
          Flattened tail = sequence(concat(ifs.otherwise().statements(), rest));
          out.add(new Stmt.If(ifs.condition(), then.block, tail.block, ifs.pos()));
          flags.addAll(then.flags);
          flags.addAll(tail.flags);
          return new Flattened(out.build(), flags, tail.alwaysJumps);
        }
      }
      Flattened f = statement(s);
      out.addAll(f.block);
      if (f.alwaysJumps) {
        flags.addAll(f.flags);
        return new Flattened(out.build(), flags, true);
      }
      if (!f.flags.isEmpty() && !rest.isEmpty()) {
        flags.addAll(f.flags);
        Flattened tail = sequence(rest);
        flags.addAll(tail.flags);
        Expr guard = noneSet(f.flags);
        out.add(new Stmt.If(guard, tail.block, Block.EMPTY, s.pos()));
        return new Flattened(out.build(), flags, false);
      }
      flags.addAll(f.flags);
    }
    return new Flattened(out.build(), flags, false);
  }

  private static List<Stmt> concat(List<Stmt> a, List<Stmt> b) {
    List<Stmt> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** {@code !f1 && !f2 ...}, recording that the flags are read. */
  private Expr noneSet(Set<Var> flags) {
    Expr guard = null;
    for (Var f : flags) {
      flagsRead.add(f);
      Expr not = new Expr.Unary(Expr.UnaryOp.NOT, f, Type.BOOLEAN);
      guard = guard == null ? not : new Expr.Binary(Expr.BinaryOp.AND, guard, not, Type.BOOLEAN);
    }
    return guard;
  }

  private Flattened statement(Stmt s) {
    return s.accept(statements);
  }

  /** Jumps become flags; statements that hold blocks are flattened inside; the others stay as they are. */
  private final Stmt.Visitor<Flattened> statements = new Stmt.Visitor<>() {
    @Override
    public Flattened visitReturn(Stmt.Return r) {
      Block.Builder b = new Block.Builder();
      if (!isVoid()) {
        b.add(new Stmt.Assign(result, r.value(), r.pos()));
      }
      b.add(new Stmt.Assign(returned, Expr.Const.ofBoolean(true), r.pos()));
      return new Flattened(b.build(), Set.of(returned), true);
    }

    @Override
    public Flattened visitBreak(Stmt.Break br) {
      return jump(breakFlag(br.loopId()), br.pos());
    }

    @Override
    public Flattened visitContinue(Stmt.Continue c) {
      return jump(continueFlag(c.loopId()), c.pos());
    }

    @Override
    public Flattened visitIf(Stmt.If i) {
      Flattened then = sequence(i.then().statements());
      Flattened otherwise = sequence(i.otherwise().statements());
      Set<Var> flags = new LinkedHashSet<>(then.flags);
      flags.addAll(otherwise.flags);
      return new Flattened(new Block(List.of(new Stmt.If(i.condition(), then.block, otherwise.block, i.pos()))), flags,
          then.alwaysJumps && otherwise.alwaysJumps);
    }

    @Override
    public Flattened visitLoop(Stmt.Loop l) {
      return loop(l);
    }

    @Override
    public Flattened visitDeclare(Stmt.Declare d) {
      return kept(d);
    }

    @Override
    public Flattened visitAssign(Stmt.Assign a) {
      return kept(a);
    }

    @Override
    public Flattened visitArrayStore(Stmt.ArrayStore st) {
      return kept(st);
    }

    @Override
    public Flattened visitArrayCopy(Stmt.ArrayCopy c) {
      return kept(c);
    }

    @Override
    public Flattened visitEvaluate(Stmt.Evaluate e) {
      return kept(e);
    }

    @Override
    public Flattened visitComment(Stmt.Comment c) {
      return kept(c);
    }

    /** Made by the reverse transform, which runs after this. */
    @Override
    public Flattened visitPush(Stmt.Push p) {
      return kept(p);
    }

    /** Made by the reverse transform, which runs after this; its body holds no jumps. */
    @Override
    public Flattened visitRepeat(Stmt.Repeat r) {
      return kept(r);
    }

    private Flattened jump(Var flag, SourcePos pos) {
      return new Flattened(new Block(List.of(new Stmt.Assign(flag, Expr.Const.ofBoolean(true), pos))), Set.of(flag), true);
    }

    private Flattened kept(Stmt s) {
      return new Flattened(new Block(List.of(s)), Set.of(), false);
    }
  };

  private Var breakFlag(int loop) {
    return breakFlags.computeIfAbsent(loop, id -> new Var("broke", Type.BOOLEAN, Var.Role.TEMPORARY));
  }

  private Var continueFlag(int loop) {
    return continueFlags.computeIfAbsent(loop, id -> new Var("continued", Type.BOOLEAN, Var.Role.TEMPORARY));
  }

  private Flattened loop(Stmt.Loop l) {
    if (!containsJump(l.body()) && !containsJump(l.header()) && !containsJump(l.update())) {
      return new Flattened(new Block(List.of(l)), Set.of(), false);
    }
    SourcePos pos = l.pos();
    Flattened body = sequence(l.body().statements());
    Var broke = breakFlags.get(l.id());
    Var continued = continueFlags.get(l.id());
    // Flags that end the loop: its own break, and any jump out of it (return, break of an outer loop).
    Set<Var> ending = new LinkedHashSet<>(body.flags);
    ending.remove(continued);
    Set<Var> outward = new LinkedHashSet<>(ending);
    outward.remove(broke);

    Block.Builder newBody = new Block.Builder();
    if (continued != null && body.flags.contains(continued)) {
      newBody.add(new Stmt.Assign(continued, Expr.Const.ofBoolean(false), pos));
    }
    newBody.addAll(body.block);
    if (!l.update().isEmpty()) {
      if (ending.isEmpty()) {
        newBody.addAll(l.update());
      } else {
        newBody.add(new Stmt.If(noneSet(ending), l.update(), Block.EMPTY, pos));
      }
    }
    // The condition: stop as soon as an ending flag is set, without evaluating the source condition.
    Block.Builder header = new Block.Builder();
    Expr condition = l.condition();
    if (!ending.isEmpty()) {
      Var go = new Var("goOn", Type.BOOLEAN, Var.Role.TEMPORARY);
      header.add(new Stmt.Declare(go, noneSet(ending), pos));
      Block.Builder test = new Block.Builder().addAll(l.header());
      test.add(new Stmt.Assign(go, l.condition(), pos));
      header.add(new Stmt.If(go, test.build(), Block.EMPTY, pos));
      condition = go;
    } else {
      header.addAll(l.header());
    }
    Block.Builder out = new Block.Builder();
    if (broke != null && ending.contains(broke)) {
      out.add(new Stmt.Declare(broke, Expr.Const.ofBoolean(false), pos));
    }
    if (continued != null && body.flags.contains(continued)) {
      out.add(new Stmt.Declare(continued, Expr.Const.ofBoolean(false), pos));
    }
    out.add(new Stmt.Loop(l.kind(), l.init(), header.build(), condition, newBody.build(), Block.EMPTY, l.id(),
        l.sourceLabel(), pos, l.checkpoint()));
    return new Flattened(out.build(), outward, false);
  }

  /** Drops assignments of flags that no guard reads (a jump whose effect the if/else form already has). */
  private Block removeUnreadFlags(Block b) {
    Block.Builder out = new Block.Builder();
    for (Stmt s : b.statements()) {
      if (s instanceof Stmt.Assign a && isFlag(a.target()) && !flagsRead.contains(a.target())) {
        continue;
      }
      if (s instanceof Stmt.Declare d && isFlag(d.var()) && !flagsRead.contains(d.var())) {
        continue;
      }
      if (s instanceof Stmt.If i) {
        out.add(new Stmt.If(i.condition(), removeUnreadFlags(i.then()), removeUnreadFlags(i.otherwise()), i.pos()));
      } else if (s instanceof Stmt.Loop l) {
        out.add(new Stmt.Loop(l.kind(), removeUnreadFlags(l.init()), removeUnreadFlags(l.header()), l.condition(),
            removeUnreadFlags(l.body()), removeUnreadFlags(l.update()), l.id(), l.sourceLabel(), l.pos(),
            l.checkpoint()));
      } else {
        out.add(s);
      }
    }
    return out.build();
  }

  private boolean isFlag(Var v) {
    return v == returned || breakFlags.containsValue(v) || continueFlags.containsValue(v);
  }
}
