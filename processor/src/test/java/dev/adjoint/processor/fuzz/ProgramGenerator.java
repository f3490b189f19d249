package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.Cond;
import dev.adjoint.processor.fuzz.Ast.Decl;
import dev.adjoint.processor.fuzz.Ast.Expr;
import dev.adjoint.processor.fuzz.Ast.For;
import dev.adjoint.processor.fuzz.Ast.If;
import dev.adjoint.processor.fuzz.Ast.Index;
import dev.adjoint.processor.fuzz.Ast.IntLit;
import dev.adjoint.processor.fuzz.Ast.Jump;
import dev.adjoint.processor.fuzz.Ast.Len;
import dev.adjoint.processor.fuzz.Ast.Method;
import dev.adjoint.processor.fuzz.Ast.NewArray;
import dev.adjoint.processor.fuzz.Ast.Num;
import dev.adjoint.processor.fuzz.Ast.Op;
import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Program;
import dev.adjoint.processor.fuzz.Ast.Ref;
import dev.adjoint.processor.fuzz.Ast.Return;
import dev.adjoint.processor.fuzz.Ast.Stmt;
import dev.adjoint.processor.fuzz.Ast.Ty;
import dev.adjoint.processor.fuzz.Ast.Unary;
import dev.adjoint.processor.fuzz.Ast.While;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of random {@code @Differentiable} classes inside the subset the processor
 * supports: double, double[] and int parameters; nested arithmetic and {@code Math} calls, guarded
 * so that values mostly stay in the functions' domains; locals reassigned many times; if/else and
 * ?: on computed comparisons; for loops with 0, 1 or many trips, counter-bounded while and do/while
 * loops with data-dependent conditions, break and continue, nested loops; array reads, in-place
 * writes and local arrays; calls to earlier generated methods; methods returning double[].
 *
 * <p>The same seed always gives the same program. Kinks and jumps are not avoided here: the tester
 * skips points where finite differences are unstable.
 */
final class ProgramGenerator {
  private static final double[] CONSTANTS = {0.5, 2.0, 0.25, 1.5, 3.0, 0.1, -0.7, 1.0, -1.25};

  private final Random r;
  private final List<Method> methods = new ArrayList<>();

  // per method
  private final List<List<Var>> scopes = new ArrayList<>();
  private final List<Loop> loops = new ArrayList<>();
  private int names;
  private int budget;
  private Ty result;

  private record Var(String name, Ty ty, boolean nonEmpty, boolean writable) {}

  /** An enclosing loop: its int variable and the array whose length bounds it (or null). */
  private record Loop(String var, String overArray) {}

  private ProgramGenerator(long seed) {
    this.r = new Random(seed);
  }

  static Program generate(long seed) {
    return new ProgramGenerator(seed).program(seed);
  }

  private Program program(long seed) {
    int count = 1 + r.nextInt(3);
    for (int i = 0; i < count; i++) {
      methods.add(method("m" + i));
    }
    return new Program("p", "P" + Long.toUnsignedString(seed), seed, methods);
  }

  // ---- methods ------------------------------------------------------------------------------

  private Method method(String name) {
    scopes.clear();
    loops.clear();
    names = 0;
    List<Param> params = new ArrayList<>();
    int doubles = 1 + r.nextInt(r.nextInt(6) == 0 ? 4 : 3);
    for (int i = 0; i < doubles; i++) {
      params.add(new Param("x" + i, Ty.D));
    }
    int arrays = pick(35, 45, 20);
    for (int i = 0; i < arrays; i++) {
      params.add(new Param("a" + i, Ty.A));
    }
    if (r.nextBoolean()) {
      params.add(new Param("n", Ty.I));
    }
    Collections.shuffle(params, r);
    result = r.nextInt(4) == 0 ? Ty.A : Ty.D;
    scopes.add(new ArrayList<>());
    for (Param p : params) {
      declare(new Var(p.name(), p.ty(), true, p.ty() != Ty.I));
    }
    budget = 4 + r.nextInt(10);
    List<Stmt> body = new ArrayList<>();
    int top = 2 + r.nextInt(4);
    for (int i = 0; i < top && (i == 0 || budget > 0); i++) {
      body.add(stmt(0));
    }
    if (result == Ty.D) {
      body.add(new Return(dbl(3)));
    } else {
      List<Var> arraysInScope = arrays(true);
      if (!arraysInScope.isEmpty() && r.nextInt(5) == 0) {
        body.add(new Return(new Ref(arraysInScope.get(r.nextInt(arraysInScope.size())).name(), Ty.A)));
      } else {
        String out = fresh("r");
        body.add(new Decl(Ty.A, out, new NewArray(nonEmptyLength())));
        declare(new Var(out, Ty.A, true, true));
        String j = fresh("j");
        loops.add(new Loop(j, out));
        scopes.add(new ArrayList<>());
        declare(new Var(j, Ty.I, true, false));
        List<Stmt> fill = new ArrayList<>();
        fill.add(new Assign(new Index(new Ref(out, Ty.A), new Ref(j, Ty.I)), "=", dbl(3)));
        if (r.nextBoolean()) {
          fill.add(0, stmt(1));
        }
        scopes.remove(scopes.size() - 1);
        loops.remove(loops.size() - 1);
        body.add(new For(j, new Len(new Ref(out, Ty.A)), fill));
        if (r.nextBoolean()) {
          body.add(stmt(0));
        }
        body.add(new Return(new Ref(out, Ty.A)));
      }
    }
    scopes.clear();
    return new Method(name, result, params, body);
  }

  // ---- statements ---------------------------------------------------------------------------

  private List<Stmt> block(int count, int depth) {
    List<Stmt> out = new ArrayList<>();
    scopes.add(new ArrayList<>());
    for (int i = 0; i < count && (i == 0 || budget > 0); i++) {
      out.add(stmt(depth));
    }
    scopes.remove(scopes.size() - 1);
    return out;
  }

  private Stmt stmt(int depth) {
    budget--;
    boolean nest = depth < 3 && budget > 0;
    boolean inLoop = !loops.isEmpty();
    List<Var> writableArrays = indexable(true);
    List<Method> callees = methods;
    int[] w = {
        4, // 0 double local
        6, // 1 assignment to a double
        writableArrays.isEmpty() ? 0 : 4, // 2 array element write
        nest ? 3 : 0, // 3 if / else
        nest && loops.size() < 2 ? 3 : 0, // 4 for
        nest && loops.size() < 2 ? 1 : 0, // 5 while / do-while
        inLoop ? 2 : 0, // 6 break / continue under a condition
        result == Ty.D && depth > 0 ? 1 : 0, // 7 early return
        1, // 8 local array
        callees.isEmpty() ? 0 : 2, // 9 call into a local
    };
    switch (weighted(w)) {
      case 0 -> {
        String name = fresh("t");
        Decl d = new Decl(Ty.D, name, dbl(3));
        declare(new Var(name, Ty.D, true, true));
        return d;
      }
      case 1 -> {
        return assignDouble();
      }
      case 2 -> {
        Var a = writableArrays.get(r.nextInt(writableArrays.size()));
        Expr target = new Index(new Ref(a.name(), Ty.A), index(a));
        return switch (r.nextInt(5)) {
          case 0, 1 -> new Assign(target, "=", dbl(3));
          case 2 -> new Assign(target, "+=", dbl(2));
          case 3 -> new Assign(target, "-=", dbl(2));
          default -> new Assign(target, "*=", bounded(dbl(2)));
        };
      }
      case 3 -> {
        Expr c = bool(2);
        List<Stmt> then = block(1 + r.nextInt(3), depth + 1);
        List<Stmt> otherwise = r.nextBoolean() ? block(1 + r.nextInt(2), depth + 1) : null;
        return new If(c, then, otherwise);
      }
      case 4 -> {
        String var = fresh("i");
        Expr bound;
        String over = null;
        List<Var> all = arrays(false);
        int choice = r.nextInt(4);
        if (choice == 0 && !all.isEmpty()) {
          Var a = all.get(r.nextInt(all.size()));
          bound = new Len(new Ref(a.name(), Ty.A));
          over = a.name();
        } else if (choice == 1 && lookup("n") != null) {
          bound = new Ref("n", Ty.I);
        } else {
          bound = new IntLit(pick(15, 25, 15, 30, 15));
        }
        loops.add(new Loop(var, over));
        scopes.add(new ArrayList<>());
        declare(new Var(var, Ty.I, true, false));
        List<Stmt> body = block(1 + r.nextInt(3), depth + 1);
        scopes.remove(scopes.size() - 1);
        loops.remove(loops.size() - 1);
        return new For(var, bound, body);
      }
      case 5 -> {
        String counter = fresh("k");
        Expr c = bool(2);
        loops.add(new Loop(counter, null));
        scopes.add(new ArrayList<>());
        declare(new Var(counter, Ty.I, true, false));
        List<Stmt> body = block(1 + r.nextInt(3), depth + 1);
        scopes.remove(scopes.size() - 1);
        loops.remove(loops.size() - 1);
        While loop = new While(counter, 1 + r.nextInt(6), r.nextInt(3) == 0, c, body);
        declare(new Var(counter, Ty.I, true, false));
        return loop;
      }
      case 6 -> {
        List<Stmt> then = r.nextInt(3) == 0 ? block(1, depth + 1) : new ArrayList<>();
        then.add(new Jump(r.nextBoolean() ? "break" : "continue"));
        return new If(bool(2), then, null);
      }
      case 7 -> {
        List<Stmt> then = new ArrayList<>();
        then.add(new Return(dbl(2)));
        return new If(bool(2), then, null);
      }
      case 8 -> {
        String name = fresh("v");
        Expr length;
        boolean nonEmpty = true;
        if (lookup("n") != null && r.nextInt(3) == 0) {
          length = new Ref("n", Ty.I);
          nonEmpty = false;
        } else {
          length = nonEmptyLength();
        }
        Decl d = new Decl(Ty.A, name, new NewArray(length));
        declare(new Var(name, Ty.A, nonEmpty, true));
        return d;
      }
      default -> {
        Method callee = callees.get(r.nextInt(callees.size()));
        Expr call = call(callee, 1);
        if (call == null) {
          return assignDouble();
        }
        String name = fresh(callee.result == Ty.A ? "v" : "t");
        Decl d = new Decl(callee.result, name, call);
        declare(new Var(name, callee.result, true, true));
        return d;
      }
    }
  }

  private Stmt assignDouble() {
    List<Var> targets = new ArrayList<>();
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.ty() == Ty.D && v.writable()) {
          targets.add(v);
        }
      }
    }
    Var v = targets.get(r.nextInt(targets.size()));
    Ref x = new Ref(v.name(), Ty.D);
    return switch (r.nextInt(7)) {
      case 0 -> new Assign(x, "=", dbl(3));
      case 1, 2 -> new Assign(x, "=", new Op("+", Ty.D, new Op("*", Ty.D, new Ref(v.name(), Ty.D), new Num(0.5)), squash(dbl(2))));
      case 3 -> new Assign(x, "+=", dbl(2));
      case 4 -> new Assign(x, "-=", dbl(2));
      case 5 -> new Assign(x, "*=", bounded(dbl(2)));
      default -> new Assign(x, "/=", new Op("+", Ty.D, new Num(2.0), math("cos", dbl(2))));
    };
  }

  /** A length of at least 1. */
  private Expr nonEmptyLength() {
    List<Var> arrays = arrays(true);
    int c = r.nextInt(3);
    if (c == 0 && !arrays.isEmpty()) {
      return new Len(new Ref(arrays.get(r.nextInt(arrays.size())).name(), Ty.A));
    }
    if (c == 1 && lookup("n") != null) {
      return new Op("+", Ty.I, new Ref("n", Ty.I), new IntLit(1));
    }
    return new IntLit(1 + r.nextInt(3));
  }

  // ---- expressions --------------------------------------------------------------------------

  private Expr dbl(int depth) {
    if (depth <= 0 || r.nextInt(5) == 0) {
      return leaf();
    }
    int d = depth - 1;
    int[] w = {
        7, // 0 + - *
        2, // 1 guarded division
        1, // 2 unary minus
        9, // 3 Math
        1, // 4 ?:
        methods.isEmpty() ? 0 : 1, // 5 call
    };
    switch (weighted(w)) {
      case 0 -> {
        String op = new String[] {"+", "-", "*"}[r.nextInt(3)];
        return new Op(op, Ty.D, dbl(d), dbl(d));
      }
      case 1 -> {
        Expr divisor = switch (r.nextInt(4)) {
          case 0 -> new Op("+", Ty.D, new Num(1.0), square(dbl(d)));
          case 1 -> new Op("+", Ty.D, new Num(1.5), math("cos", dbl(d)));
          // no unguarded divisor: 1 / 0 in a value the result does not use still makes the
          // gradient NaN (0 * infinity), which is reported separately (see the fuzz report)
          default -> new Num(CONSTANTS[r.nextInt(CONSTANTS.length)]);
        };
        return new Op("/", Ty.D, dbl(d), divisor);
      }
      case 2 -> {
        return new Unary("-", dbl(d));
      }
      case 3 -> {
        return mathExpr(d);
      }
      case 4 -> {
        return new Cond(bool(d), dbl(d), dbl(d));
      }
      default -> {
        List<Method> scalar = new ArrayList<>();
        for (Method m : methods) {
          if (m.result == Ty.D) {
            scalar.add(m);
          }
        }
        Expr call = scalar.isEmpty() ? null : call(scalar.get(r.nextInt(scalar.size())), d);
        return call == null ? dbl(d) : call;
      }
    }
  }

  private Expr mathExpr(int d) {
    switch (r.nextInt(26)) {
      case 0: case 1: return math("sin", dbl(d));
      case 2: case 3: return math("cos", dbl(d));
      case 4: return math("atan", dbl(d));
      case 5: return math("tanh", dbl(d));
      case 6: return math("exp", r.nextBoolean() ? squash(dbl(d)) : dbl(d));
      case 7: return math(r.nextBoolean() ? "sinh" : "cosh", squash(dbl(d)));
      case 8: return math("expm1", squash(dbl(d)));
      case 9:
        return switch (r.nextInt(4)) {
          case 0 -> math("log", new Op("+", Ty.D, new Num(1.0), square(dbl(d))));
          case 1 -> math("log", new Op("+", Ty.D, new Num(2.0), math("sin", dbl(d))));
          case 2 -> math("log10", new Op("+", Ty.D, new Num(1.0), square(dbl(d))));
          default -> math("log1p", square(dbl(d)));
        };
      case 10:
        return math("sqrt", new Op("+", Ty.D, new Num(r.nextBoolean() ? 1.0 : 0.25), square(dbl(d))));
      case 11: return math("cbrt", r.nextBoolean() ? dbl(d) : new Op("+", Ty.D, new Num(1.0), square(dbl(d))));
      case 12:
        return switch (r.nextInt(4)) {
          case 0 -> math("pow", new Op("+", Ty.D, new Num(1.0), square(dbl(d))), squash(dbl(d)));
          case 1 -> math("pow", dbl(d), new Num(2.0));
          case 2 -> math("pow", dbl(d), new Num(3.0));
          default -> math("pow", new Op("+", Ty.D, new Num(1.5), math("cos", dbl(d))), dbl(d));
        };
      case 13: return math("hypot", dbl(d), r.nextBoolean() ? dbl(d) : new Num(1.0));
      case 14:
        // guarded: atan2 is NaN by convention at (0, 0), which exact cancellations (x + |x|) can reach
        return math("atan2", dbl(d), new Op("+", Ty.D, new Num(2.0), math("cos", dbl(d))));
      case 15: return math("tan", math("sin", dbl(d)));
      case 16: return math(r.nextBoolean() ? "asin" : "acos", new Op("*", Ty.D, new Num(0.9), math("tanh", dbl(d))));
      case 17: return math("abs", dbl(d));
      case 18: return math(r.nextBoolean() ? "max" : "min", dbl(d), dbl(d));
      case 19: return math("fma", dbl(d), dbl(d), dbl(d));
      case 20: return math(r.nextBoolean() ? "toRadians" : "toDegrees", dbl(d));
      case 21: return math("copySign", dbl(d), dbl(d));
      case 22: return math(new String[] {"floor", "ceil", "rint", "signum"}[r.nextInt(4)], dbl(d));
      case 23: return squash(dbl(d));
      case 24: return math("exp", new Unary("-", square(dbl(d))));
      default: return math("sin", new Op("*", Ty.D, dbl(d), dbl(d)));
    }
  }

  /** A value in [-1.6, 1.6] whatever the argument. */
  private Expr squash(Expr e) {
    return math(new String[] {"sin", "cos", "tanh", "atan"}[r.nextInt(4)], e);
  }

  /** A factor in [-1, 1] or about 1, to keep repeated products bounded. */
  private Expr bounded(Expr e) {
    return switch (r.nextInt(3)) {
      case 0 -> math("cos", e);
      case 1 -> new Op("+", Ty.D, new Num(0.75), new Op("*", Ty.D, new Num(0.25), math("sin", e)));
      default -> math("tanh", e);
    };
  }

  private static Expr square(Expr e) {
    return new Op("*", Ty.D, e, e.copy());
  }

  private Expr math(String fn, Expr... args) {
    String owner = r.nextInt(7) == 0 ? "StrictMath" : "Math";
    return new Call(owner, fn, Ty.D, List.of(args));
  }

  private Expr leaf() {
    List<Var> doubles = new ArrayList<>();
    List<Var> ints = new ArrayList<>();
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.ty() == Ty.D) {
          doubles.add(v);
        } else if (v.ty() == Ty.I) {
          ints.add(v);
        }
      }
    }
    List<Var> arrays = indexable(false);
    int[] w = {8, 2, arrays.isEmpty() ? 0 : 4, ints.isEmpty() ? 0 : 1};
    switch (weighted(w)) {
      case 0: {
        Var v = doubles.get(r.nextInt(doubles.size()));
        return new Ref(v.name(), Ty.D);
      }
      case 1:
        return new Num(CONSTANTS[r.nextInt(CONSTANTS.length)]);
      case 2: {
        Var a = arrays.get(r.nextInt(arrays.size()));
        return new Index(new Ref(a.name(), Ty.A), index(a));
      }
      default: {
        Var v = ints.get(r.nextInt(ints.size()));
        return new Op("*", Ty.D, new Ref(v.name(), Ty.I), new Num(0.5));
      }
    }
  }

  private Expr bool(int depth) {
    int[] w = {8, depth > 0 ? 2 : 0, 1, intCompareAvailable() ? 1 : 0};
    switch (weighted(w)) {
      case 0:
        return compare(depth);
      case 1:
        return new Op(r.nextBoolean() ? "&&" : "||", Ty.B, bool(depth - 1), bool(depth - 1));
      case 2:
        return new Ast.Unary("!", compare(depth));
      default: {
        List<Var> ints = new ArrayList<>();
        for (List<Var> s : scopes) {
          for (Var v : s) {
            if (v.ty() == Ty.I) {
              ints.add(v);
            }
          }
        }
        Var v = ints.get(r.nextInt(ints.size()));
        return new Op(new String[] {"<", ">", "<=", ">="}[r.nextInt(4)], Ty.B, new Ref(v.name(), Ty.I), new IntLit(r.nextInt(3)));
      }
    }
  }

  private boolean intCompareAvailable() {
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.ty() == Ty.I) {
          return true;
        }
      }
    }
    return false;
  }

  private Expr compare(int depth) {
    String op = new String[] {"<", ">", "<=", ">="}[r.nextInt(4)];
    Expr b = r.nextInt(3) == 0 ? new Num(CONSTANTS[r.nextInt(CONSTANTS.length)]) : dbl(Math.max(0, depth - 1));
    return new Op(op, Ty.B, dbl(Math.max(0, depth)), b);
  }

  /** A call of an earlier method, or null when no non-empty array can be passed to it. */
  private Expr call(Method callee, int depth) {
    List<Expr> args = new ArrayList<>();
    List<Var> arrays = arrays(true);
    for (Param p : callee.params) {
      switch (p.ty()) {
        case D -> args.add(dbl(Math.min(depth, 1)));
        case A -> {
          if (arrays.isEmpty()) {
            return null;
          }
          // distinct arrays: the same array passed for two parameters is not generated (aliasing)
          Var a = arrays.remove(r.nextInt(arrays.size()));
          args.add(new Ref(a.name(), Ty.A));
        }
        default -> args.add(lookup("n") != null && r.nextBoolean() ? new Ref("n", Ty.I) : new IntLit(r.nextInt(4)));
      }
    }
    return new Call(null, callee.name, callee.result, args);
  }

  // ---- arrays and indices -------------------------------------------------------------------

  /** Arrays in scope; only the non-empty ones when {@code nonEmpty}. */
  private List<Var> arrays(boolean nonEmpty) {
    List<Var> out = new ArrayList<>();
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.ty() == Ty.A && (v.nonEmpty() || !nonEmpty)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** Arrays that can be indexed here: non-empty ones, or any array inside a loop over its length. */
  private List<Var> indexable(boolean writable) {
    List<Var> out = new ArrayList<>();
    for (Var v : arrays(false)) {
      if (writable && !v.writable()) {
        continue;
      }
      if (v.nonEmpty() || overLoop(v) != null) {
        out.add(v);
      }
    }
    return out;
  }

  private Loop overLoop(Var a) {
    for (int i = loops.size() - 1; i >= 0; i--) {
      if (a.name().equals(loops.get(i).overArray())) {
        return loops.get(i);
      }
    }
    return null;
  }

  private Expr index(Var a) {
    Loop own = overLoop(a);
    if (own != null && r.nextInt(5) != 0) {
      return new Ref(own.var(), Ty.I);
    }
    if (!a.nonEmpty()) {
      return new Ref(own.var(), Ty.I);
    }
    Ref arr = new Ref(a.name(), Ty.A);
    if (!loops.isEmpty() && r.nextBoolean()) {
      Loop l = loops.get(r.nextInt(loops.size()));
      return new Op("%", Ty.I, new Ref(l.var(), Ty.I), new Len(arr));
    }
    return r.nextBoolean() ? new IntLit(0) : new Op("-", Ty.I, new Len(arr), new IntLit(1));
  }

  // ---- helpers ------------------------------------------------------------------------------

  private void declare(Var v) {
    scopes.get(scopes.size() - 1).add(v);
  }

  private Var lookup(String name) {
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.name().equals(name)) {
          return v;
        }
      }
    }
    return null;
  }

  private String fresh(String prefix) {
    return prefix + names++;
  }

  private int pick(int... weights) {
    return weighted(weights);
  }

  private int weighted(int[] weights) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int x = r.nextInt(total);
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    throw new AssertionError();
  }
}
