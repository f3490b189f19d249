package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.BoolLit;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.ExprSlot;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.Num;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Program;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Ty;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Greedy delta debugging over the program representation: removes methods, statements and unused
 * parameters, replaces an if or a loop by one of its blocks, and replaces subexpressions by a
 * constant, a parameter or one of their own operands, keeping each change for which the failure
 * persists (and the program stays valid Java of the generated kind).
 */
final class Shrinker {
  /** A program and the arguments of the failing method (null for compile failures). */
  record Candidate(Program program, String target, Object[] args) {}

  interface Oracle {
    boolean fails(Candidate c);
  }

  private record Edit(int kind, int method, int a, int b, int c) {}

  private static final int REMOVE_METHOD = 0;
  private static final int REMOVE_STMT = 1;
  private static final int SPLICE = 2;
  private static final int REPLACE = 3;
  private static final int REMOVE_PARAM = 4;

  private final Oracle oracle;
  private final long deadline;
  private final int maxTests;
  private int tests;
  private final Set<String> seen = new HashSet<>();

  private Shrinker(Oracle oracle, long millis, int maxTests) {
    this.oracle = oracle;
    this.deadline = System.currentTimeMillis() + millis;
    this.maxTests = maxTests;
  }

  static Candidate shrink(Candidate start, Oracle oracle, long millis, int maxTests) {
    return new Shrinker(oracle, millis, maxTests).run(start);
  }

  private boolean exhausted() {
    return tests >= maxTests || System.currentTimeMillis() > deadline;
  }

  private Candidate run(Candidate best) {
    seen.add(best.program().source());
    boolean progress = true;
    while (progress && !exhausted()) {
      progress = false;
      for (int kind = REMOVE_METHOD; kind <= REMOVE_PARAM && !exhausted(); kind++) {
        List<Edit> edits = edits(best, kind);
        for (int k = 0; k < edits.size() && !exhausted(); k++) {
          Candidate c = apply(best, edits.get(k));
          if (c == null || !Ast.valid(c.program()) || !seen.add(c.program().source())) {
            continue;
          }
          tests++;
          if (oracle.fails(c)) {
            best = c;
            progress = true;
            edits = edits(best, kind);
            k--; // the edit now at position k is a new one
          }
        }
      }
    }
    return best;
  }

  private List<Edit> edits(Candidate c, int kind) {
    List<Edit> out = new ArrayList<>();
    List<Method> methods = c.program().methods;
    for (int m = 0; m < methods.size(); m++) {
      Method method = methods.get(m);
      switch (kind) {
        case REMOVE_METHOD -> {
          if (!method.name.equals(c.target()) && methods.size() > 1) {
            out.add(new Edit(kind, m, 0, 0, 0));
          }
        }
        case REMOVE_STMT, SPLICE -> {
          List<List<Stmt>> blocks = Ast.blocks(method);
          for (int b = 0; b < blocks.size(); b++) {
            for (int s = 0; s < blocks.get(b).size(); s++) {
              if (kind == REMOVE_STMT) {
                out.add(new Edit(kind, m, b, s, 0));
              } else {
                for (int i = 0; i < blocks.get(b).get(s).blocks.size(); i++) {
                  out.add(new Edit(kind, m, b, s, i));
                }
              }
            }
          }
        }
        case REPLACE -> {
          List<ExprSlot> slots = Ast.exprSlots(method);
          for (int s = 0; s < slots.size(); s++) {
            int n = replacements(method, slots.get(s).get()).size();
            for (int i = 0; i < n; i++) {
              out.add(new Edit(kind, m, s, i, 0));
            }
          }
        }
        default -> {
          for (int p = 0; p < method.params.size(); p++) {
            out.add(new Edit(kind, m, p, 0, 0));
          }
        }
      }
    }
    return out;
  }

  /** Simpler expressions that could stand for {@code e}: constants, parameters, its operands. */
  private static List<Expr> replacements(Method m, Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e.type() == Ty.D) {
      if (!(e instanceof Num)) {
        out.add(new Num(1.0));
      }
      for (Param p : m.params) {
        if (p.ty() == Ty.D && !(e instanceof Ref r && r.name.equals(p.name()))) {
          out.add(new Ref(p.name(), Ty.D));
        }
      }
      for (Expr k : e.kids) {
        if (k.type() == Ty.D) {
          out.add(k);
        }
      }
    } else if (e.type() == Ty.B) {
      if (!(e instanceof BoolLit)) {
        out.add(new BoolLit(true));
        out.add(new BoolLit(false));
      }
      for (Expr k : e.kids) {
        if (k.type() == Ty.B) {
          out.add(k);
        }
      }
    }
    return out;
  }

  private static Candidate apply(Candidate c, Edit e) {
    Program p = c.program().copy();
    Object[] args = c.args();
    Method m = p.methods.get(e.method());
    switch (e.kind()) {
      case REMOVE_METHOD -> p.methods.remove(e.method());
      case REMOVE_STMT -> Ast.blocks(m).get(e.a()).remove(e.b());
      case SPLICE -> {
        List<Stmt> block = Ast.blocks(m).get(e.a());
        Stmt s = block.remove(e.b());
        block.addAll(e.b(), s.blocks.get(e.c()));
      }
      case REPLACE -> {
        ExprSlot slot = Ast.exprSlots(m).get(e.a());
        slot.set(replacements(m, slot.get()).get(e.b()).copy());
      }
      default -> {
        Method shorter = m.withoutParam(e.a());
        if (shorter == null) {
          return null;
        }
        p.methods.set(e.method(), shorter);
        if (m.name.equals(c.target())) {
          List<Object> rest = new ArrayList<>(List.of(args));
          rest.remove(e.a());
          args = rest.toArray();
        }
      }
    }
    return new Candidate(p, c.target(), args);
  }
}
