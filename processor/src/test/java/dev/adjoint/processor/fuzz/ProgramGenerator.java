package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Assign;
import dev.adjoint.processor.fuzz.Ast.Call;
import dev.adjoint.processor.fuzz.Ast.CallStmt;
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
import dev.adjoint.processor.fuzz.Ast.Switch;
import dev.adjoint.processor.fuzz.Ast.SwitchExpr;
import dev.adjoint.processor.fuzz.Ast.Ty;
import dev.adjoint.processor.fuzz.Ast.Unary;
import dev.adjoint.processor.fuzz.Ast.While;
import dev.adjoint.processor.fuzz.CallShapes.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of random {@code @Differentiable} classes inside the subset the processor
 * supports: double, double[] and int parameters; nested arithmetic and {@code Math} calls, guarded
 * so that values mostly stay in the functions' domains; locals reassigned many times; if/else and
 * ?: on computed comparisons; for loops with 0, 1 or many trips, counter-bounded while and do/while
 * loops with data-dependent conditions, break and continue, nested loops; array reads, in-place
 * writes and local arrays; calls to earlier generated methods; methods returning double[];
 * switch statements on ints (arrow and colon forms, fall-through, default or not) and switch
 * expressions whose results are doubles (arrow results or yield), inside and outside loops;
 * unannotated private or package-private {@code void} helpers that write into their first array
 * parameter (in a loop over its length or straight-line, {@code out[k] += ...} reading it first),
 * called with fresh local arrays or arrays in scope that are later read; and
 * {@code @Differentiable void} entry points that write their result into their {@code out}
 * parameter, directly or through helpers and calls. With
 * {@link GeneratorOptions#restrictedCalls()}, then the restricted callees and their callers of
 * {@link CallShapes}, whose call sites pass values that depend on the caller's differentiable
 * parameters, and constants, into parameters the callee does not differentiate.
 *
 * <p>The same seed always gives the same program. Kinks and jumps are not avoided here: the tester
 * skips points where finite differences are unstable.
 */
final class ProgramGenerator {
  private static final double[] CONSTANTS = {0.5, 2.0, 0.25, 1.5, 3.0, 0.1, -0.7, 1.0, -1.25};

  /** The random stream; the restricted-calls part switches to a second one (see {@link GeneratorOptions}). */
  private Random r;
  private final List<Method> methods = new ArrayList<>();
  /** The unannotated {@code void} helpers that write into their first array parameter ({@link #outputHelper}). */
  private final List<Method> helpers = new ArrayList<>();
  /** Statements {@link #stmt} asks to come right before and after the one it returns (see {@link #stmts}). */
  private final List<Stmt> before = new ArrayList<>();
  private final List<Stmt> after = new ArrayList<>();
  /** The restricted callees generated so far (the libs of {@link CallShapes}). */
  private final List<Method> libs = new ArrayList<>();
  /**
   * "method.param" for the array parameters that a method never writes, not even through a call:
   * only those may be given an array that must not be written (a restricted parameter, constants).
   */
  private final Set<String> readOnlyParams = new HashSet<>();

  // per method
  private final List<List<Var>> scopes = new ArrayList<>();
  private final List<Loop> loops = new ArrayList<>();
  private int names;
  private int budget;
  private Ty result;
  /** False in a straight-line lib: no loop statements. */
  private boolean loopsAllowed = true;
  /** In the restricted-calls part: also statements that assign calls ({@link #callAssignment}). */
  private boolean callStatements;

  /** A variable in scope; {@code constant}: an array holding constants only. */
  private record Var(String name, Ty ty, boolean nonEmpty, boolean writable, boolean constant) {
    Var(String name, Ty ty, boolean nonEmpty, boolean writable) {
      this(name, ty, nonEmpty, writable, false);
    }
  }

  /** An enclosing loop: its int variable and the array whose length bounds it (or null). */
  private record Loop(String var, String overArray) {}

  private ProgramGenerator(long seed) {
    this.r = new Random(seed);
  }


  static Program generate(long seed, GeneratorOptions options) {
    return new ProgramGenerator(seed).program(seed, options);
  }

  private Program program(long seed, GeneratorOptions options) {
    List<Method> all = new ArrayList<>();
    // not nextBoolean(): the first draw of Random for small consecutive seeds (the default range)
    // is nearly the same for all of them; nextInt of a non-power of two takes the low bits
    int helperCount = pick(45, 35, 20);
    for (int i = 0; i < helperCount; i++) {
      Method h = outputHelper("fill" + i);
      helpers.add(h);
      all.add(h);
    }
    int count = 1 + r.nextInt(3);
    for (int i = 0; i < count; i++) {
      if (r.nextInt(5) == 0) {
        all.add(voidEntryPoint("m" + i)); // not called by later methods
      } else {
        Method m = method("m" + i);
        methods.add(m);
        all.add(m);
      }
    }
    if (options.restrictedCalls()) {
      r = new Random(seed ^ 0x6A09E667F3BCC909L);
      callStatements = true;
      for (Shape shape : CallShapes.draw(r)) {
        Method m = shaped(shape);
        methods.add(m);
        all.add(m);
        if (!shape.caller()) {
          libs.add(m);
        }
      }
    }
    Program p = new Program("p", "P" + Long.toUnsignedString(seed), seed, all,
        options.records() && (seed & 1) == 1);
    return options.unrestricted() ? p.withoutRestrictions() : p;
  }

  // ---- methods ------------------------------------------------------------------------------

  private Method method(String name) {
    scopes.clear();
    loops.clear();
    names = 0;
    List<Param> params = new ArrayList<>();
    int doubles = 1 + r.nextInt(r.nextInt(6) == 0 ? 4 : 3);
    params.addAll(Ast.params("x", doubles, Ty.D));
    int arrays = pick(35, 45, 20);
    params.addAll(Ast.params("a", arrays, Ty.A));
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
      body.addAll(stmts(0));
    }
    if (result == Ty.D && r.nextInt(3) == 0) {
      // A loop that ends the method and whose sum is returned as it is: its adjoint may run in place.
      body.addAll(finalSum());
    } else if (result == Ty.D) {
      body.add(new Return(dbl(3)));
    } else {
      List<Var> arraysInScope = arrays(true);
      if (!arraysInScope.isEmpty() && r.nextInt(5) == 0) {
        body.add(new Return(new Ref(arraysInScope.get(r.nextInt(arraysInScope.size())).name(), Ty.A)));
      } else {
        freshArrayResult(body, null);
      }
    }
    scopes.clear();
    return new Method(name, result, params, body);
  }

  /** Ends {@code body} with a new array filled in a loop, each element plus {@code acc} unless null, and returns it. */
  private void freshArrayResult(List<Stmt> body, String acc) {
    String out = fresh("r");
    body.add(new Decl(Ty.A, out, new NewArray(nonEmptyLength())));
    declare(new Var(out, Ty.A, true, true));
    String j = fresh("j");
    loops.add(new Loop(j, out));
    scopes.add(new ArrayList<>());
    declare(new Var(j, Ty.I, true, false));
    List<Stmt> fill = new ArrayList<>();
    Expr element = acc == null ? dbl(3) : new Op("+", Ty.D, dbl(3), new Ref(acc, Ty.D));
    fill.add(new Assign(new Index(new Ref(out, Ty.A), new Ref(j, Ty.I)), "=", element));
    if (r.nextBoolean()) {
      fill.addAll(0, stmts(1));
    }
    scopes.remove(scopes.size() - 1);
    loops.remove(loops.size() - 1);
    body.add(new For(j, new Len(new Ref(out, Ty.A)), fill));
    if (r.nextBoolean()) {
      body.addAll(stmts(0));
    }
    body.add(new Return(new Ref(out, Ty.A)));
  }

  // ---- output arrays: void helpers and void entry points -------------------------------------

  /**
   * An unannotated {@code static void} helper, private or package-private, that writes its result
   * into its first array parameter {@code out} and only reads the others: in a loop over
   * {@code out.length} ({@code out[k] = ...}, or {@code out[k] += ...} reading before writing) or
   * straight-line, after a few random statements (which may call earlier helpers).
   */
  private Method outputHelper(String name) {
    startMethod(Ty.V);
    List<Param> params = new ArrayList<>();
    params.add(new Param("out", Ty.A));
    params.addAll(Ast.params("a", r.nextInt(3), Ty.A));
    params.addAll(Ast.params("s", 1 + r.nextInt(2), Ty.D));
    if (r.nextInt(3) == 0) {
      params.add(new Param("n", Ty.I));
    }
    Collections.shuffle(params.subList(1, params.size()), r);
    if (r.nextBoolean()) {
      Collections.rotate(params, -1); // out last, as in rhs(t, y, dydt)
    }
    declareParams(params, "out");
    budget = 1 + r.nextInt(4);
    List<Stmt> body = new ArrayList<>();
    int top = r.nextInt(3);
    for (int i = 0; i < top && budget > 0; i++) {
      body.addAll(stmts(0));
    }
    writeOutput(body, "out");
    scopes.clear();
    return new Method(name, Ty.V, params, body, List.of(), r.nextBoolean() ? "private " : "");
  }

  /**
   * {@code @Differentiable static void mK(double x, double[] a, double[] out)}: random statements
   * in which {@code out} is the only array parameter written (directly, through helpers, or through
   * calls), then writes that make sure it is.
   */
  private Method voidEntryPoint(String name) {
    startMethod(Ty.V);
    List<Param> params = new ArrayList<>();
    int doubles = 1 + r.nextInt(3);
    params.addAll(Ast.params("x", doubles, Ty.D));
    params.addAll(Ast.params("a", pick(40, 45, 15), Ty.A));
    if (r.nextBoolean()) {
      params.add(new Param("n", Ty.I));
    }
    Collections.shuffle(params, r);
    params.add(r.nextInt(4) == 0 ? 0 : params.size(), new Param("out", Ty.A));
    declareParams(params, "out");
    budget = 3 + r.nextInt(8);
    List<Stmt> body = new ArrayList<>();
    int top = 1 + r.nextInt(4);
    for (int i = 0; i < top && budget > 0; i++) {
      body.addAll(stmts(0));
    }
    writeOutput(body, "out");
    if (r.nextInt(3) == 0) {
      budget = 1;
      body.addAll(stmts(0));
    }
    scopes.clear();
    return new Method(name, Ty.V, params, body);
  }

  private void startMethod(Ty result) {
    scopes.clear();
    loops.clear();
    names = 0;
    this.result = result;
    scopes.add(new ArrayList<>());
  }

  /** Declares the parameters; of the arrays only {@code writable} may be written. */
  private void declareParams(List<Param> params, String writable) {
    for (Param p : params) {
      declare(new Var(p.name(), p.ty(), true, p.ty() == Ty.D || p.name().equals(writable)));
    }
  }

  /** Writes into array {@code out}: a helper call, a loop over its length, or straight-line element writes. */
  private void writeOutput(List<Stmt> body, String out) {
    Ref target = new Ref(out, Ty.A);
    int style = r.nextInt(helpers.isEmpty() ? 2 : 3);
    if (style == 2) {
      Stmt call = helperCall(helpers.get(r.nextInt(helpers.size())), lookup(out));
      if (call != null) {
        body.add(call);
        return;
      }
      style = 0;
    }
    if (style == 0) {
      String k = fresh("k");
      loops.add(new Loop(k, out));
      scopes.add(new ArrayList<>());
      declare(new Var(k, Ty.I, true, false));
      List<Stmt> fill = new ArrayList<>();
      if (r.nextInt(3) == 0 && budget > 0) {
        fill.addAll(stmts(1));
      }
      Index element = new Index(target, new Ref(k, Ty.I));
      fill.add(switch (r.nextInt(3)) {
        case 0 -> new Assign(element, "=", dbl(3));
        case 1 -> new Assign(element, "+=", dbl(2));
        default -> new Assign(element, "=", new Op("+", Ty.D, new Op("*", Ty.D, element.copy(), bounded(dbl(1))), dbl(2)));
      });
      scopes.remove(scopes.size() - 1);
      loops.remove(loops.size() - 1);
      body.add(new For(k, new Len(target.copy()), fill));
      return;
    }
    body.add(new Assign(new Index(target, new IntLit(0)), r.nextBoolean() ? "=" : "+=", dbl(3)));
    if (r.nextBoolean()) {
      body.add(new Assign(new Index(target.copy(), new Op("-", Ty.I, new Len(target.copy()), new IntLit(1))),
          r.nextBoolean() ? "=" : "+=", dbl(2)));
    }
  }

  /**
   * {@code h(out, ...)}: {@code out} for the helper's output, distinct non-empty arrays for its
   * other array parameters (it only reads them), values for its doubles; null when none can be passed.
   */
  private Stmt helperCall(Method helper, Var out) {
    List<Var> arrays = arrays(true);
    arrays.remove(out);
    List<Expr> args = new ArrayList<>();
    for (Param p : helper.params) {
      switch (p.ty()) {
        case D -> args.add(dbl(1));
        case A -> {
          if (p.name().equals("out")) {
            args.add(new Ref(out.name(), Ty.A));
          } else if (arrays.isEmpty()) {
            return null;
          } else {
            args.add(new Ref(arrays.remove(r.nextInt(arrays.size())).name(), Ty.A));
          }
        }
        default -> args.add(lookup("n") != null && r.nextBoolean() ? new Ref("n", Ty.I) : new IntLit(r.nextInt(4)));
      }
    }
    return new CallStmt(new Call(null, helper.name, Ty.V, args));
  }

  /**
   * A helper call into a fresh local array (declared before it) or into a writable array in scope,
   * sometimes followed by a read of that array into a double; null when none can be made.
   */
  private Stmt helperCallStatement() {
    Method helper = helpers.get(r.nextInt(helpers.size()));
    List<Var> writable = new ArrayList<>();
    for (Var a : arrays(true)) {
      if (a.writable()) {
        writable.add(a);
      }
    }
    Var out;
    Decl fresh = null;
    if (writable.isEmpty() || r.nextBoolean()) {
      out = new Var(fresh("w"), Ty.A, true, true);
      fresh = new Decl(Ty.A, out.name(), new NewArray(nonEmptyLength()));
    } else {
      out = writable.get(r.nextInt(writable.size()));
    }
    if (fresh != null) {
      declare(out);
    }
    Stmt call = helperCall(helper, out);
    if (call == null) {
      if (fresh != null) {
        scopes.get(scopes.size() - 1).remove(out);
      }
      return null;
    }
    if (fresh != null) {
      before.add(fresh);
    }
    if (r.nextBoolean()) {
      Var target = doubleTarget();
      after.add(new Assign(new Ref(target.name(), Ty.D), r.nextBoolean() ? "+=" : "=",
          new Op("*", Ty.D, new Index(new Ref(out.name(), Ty.A), index(out)), dbl(1))));
    }
    return call;
  }

  // ---- switch -------------------------------------------------------------------------------

  /** An int to switch on: a loop counter or int variable, sometimes {@code % 3} or plus another; null when none is in scope. */
  private Expr selector() {
    List<Var> ints = vars(Ty.I);
    if (ints.isEmpty()) {
      return null;
    }
    Expr v = new Ref(ints.get(r.nextInt(ints.size())).name(), Ty.I);
    return switch (r.nextInt(4)) {
      case 0 -> v;
      case 1 -> new Op("%", Ty.I, v, new IntLit(2 + r.nextInt(3)));
      case 2 -> new Op("%", Ty.I, new Op("+", Ty.I, v, new Ref(ints.get(r.nextInt(ints.size())).name(), Ty.I)), new IntLit(3));
      default -> new Op("+", Ty.I, v, new IntLit(1));
    };
  }

  /** Case heads over labels 0..3, each label once; {@code "default"} at a random place when {@code withDefault}. */
  private List<String> heads(boolean withDefault) {
    List<Integer> labels = new ArrayList<>(List.of(0, 1, 2, 3));
    Collections.shuffle(labels, r);
    int cases = 1 + r.nextInt(3);
    List<String> out = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < cases && next < labels.size(); i++) {
      int many = Math.min(labels.size() - next, r.nextInt(3) == 0 ? 2 : 1);
      List<String> these = new ArrayList<>();
      for (int j = 0; j < many; j++) {
        these.add(Integer.toString(labels.get(next++)));
      }
      out.add("case " + String.join(", ", these));
    }
    if (withDefault) {
      out.add(r.nextInt(out.size() + 1), "default");
    }
    return out;
  }

  /** A switch statement, arrow or colon form (with breaks or falling through), with a default or not. */
  private Stmt switchStatement(Expr selector, int depth) {
    boolean arrow = r.nextBoolean();
    List<String> heads = heads(r.nextBoolean());
    List<List<Stmt>> cases = new ArrayList<>();
    List<Boolean> breaks = new ArrayList<>();
    for (int i = 0; i < heads.size(); i++) {
      cases.add(block(1 + r.nextInt(2), depth + 1));
      breaks.add(arrow || r.nextInt(3) != 0);
    }
    return new Switch(selector, heads, cases, breaks, arrow);
  }

  /** A switch expression with a default, whose results are double expressions. */
  private Expr switchExpression(Expr selector, int depth) {
    List<String> heads = heads(true);
    List<Expr> results = new ArrayList<>();
    for (int i = 0; i < heads.size(); i++) {
      results.add(dbl(depth));
    }
    return new SwitchExpr(selector, heads, results, r.nextBoolean());
  }

  // ---- the restricted-calls part (CallShapes) ----------------------------------------------

  /**
   * A lib or a caller of {@link CallShapes}: a constant array sometimes, {@code double acc}, a few
   * random statements, then the part that makes the method what it is, in a loop or not (see
   * {@link #core}), then a result that adds {@code acc}.
   */
  private Method shaped(Shape shape) {
    scopes.clear();
    loops.clear();
    names = 0;
    result = shape.result();
    loopsAllowed = shape.looped();
    scopes.add(new ArrayList<>());
    for (Param p : shape.params()) {
      // restricted parameters are never written, nor the arrays of a looped lib: a lib that writes
      // an array parameter is inlined wherever it is called
      boolean readOnlyArray = p.ty() == Ty.A && (shape.restricted(p) || (shape.looped() && !shape.caller()));
      if (readOnlyArray) {
        readOnlyParams.add(shape.name() + "." + p.name());
      }
      declare(new Var(p.name(), p.ty(), true, p.ty() != Ty.I && !shape.restricted(p) && !readOnlyArray));
    }
    budget = 3 + r.nextInt(7);
    List<Stmt> body = new ArrayList<>();
    if (shape.caller() || r.nextBoolean()) {
      constantArray(body);
    }
    String acc = fresh("acc");
    body.add(new Decl(Ty.D, acc, dbl(1)));
    declare(new Var(acc, Ty.D, true, true));
    int before = r.nextInt(3);
    for (int i = 0; i < before && budget > 0; i++) {
      body.addAll(stmts(0));
    }
    if (shape.looped()) {
      body.add(coreLoop(shape, acc));
    } else {
      body.addAll(core(shape, acc));
    }
    if (r.nextBoolean() && budget > 0) {
      body.addAll(stmts(0));
    }
    if (result == Ty.D && shape.looped() && body.get(body.size() - 1) instanceof For && r.nextBoolean()) {
      // The sum of the loop that ends the method, returned as it is: its adjoint may run in place.
      body.add(new Return(new Ref(acc, Ty.D)));
    } else if (result == Ty.D) {
      body.add(new Return(new Op("+", Ty.D, dbl(2), new Ref(acc, Ty.D))));
    } else if (shape.looped()) {
      freshArrayResult(body, acc);
    } else {
      unrolledArrayResult(body, acc);
    }
    scopes.clear();
    loopsAllowed = true;
    return new Method(shape.name(), result, new ArrayList<>(shape.params()), body, shape.wrt());
  }

  /**
   * {@code double sum = e; for (int i = 0; i < bound; i++) { [random] sum += e; [random] } return sum;}
   * (or {@code -=}, or the sum kept in a loop-carried way: {@code sum = c * sum + e}).
   */
  private List<Stmt> finalSum() {
    String sum = fresh("sum");
    List<Stmt> out = new ArrayList<>();
    out.add(new Decl(Ty.D, sum, dbl(1)));
    declare(new Var(sum, Ty.D, true, true));
    String var = fresh("i");
    List<Var> arrays = arrays(true);
    Expr bound = !arrays.isEmpty() && r.nextBoolean()
        ? new Len(new Ref(arrays.get(r.nextInt(arrays.size())).name(), Ty.A))
        : lookup("n") != null && r.nextBoolean() ? new Ref("n", Ty.I) : new IntLit(1 + r.nextInt(4));
    loops.add(new Loop(var, null));
    scopes.add(new ArrayList<>());
    declare(new Var(var, Ty.I, true, false));
    List<Stmt> loopBody = new ArrayList<>();
    budget = Math.max(budget, 2);
    if (r.nextBoolean()) {
      loopBody.addAll(stmts(1));
    }
    Expr term = dbl(2);
    switch (r.nextInt(4)) {
      case 0 -> loopBody.add(new Assign(new Ref(sum, Ty.D), "-=", term));
      case 1 -> loopBody.add(new Assign(new Ref(sum, Ty.D), "=",
          new Op("+", Ty.D, new Op("*", Ty.D, bounded(dbl(1)), new Ref(sum, Ty.D)), term)));
      default -> loopBody.add(new Assign(new Ref(sum, Ty.D), "+=", term));
    }
    if (r.nextInt(3) == 0) {
      loopBody.addAll(stmts(1));
    }
    scopes.remove(scopes.size() - 1);
    loops.remove(loops.size() - 1);
    out.add(new For(var, bound, loopBody));
    out.add(new Return(new Ref(sum, Ty.D)));
    return out;
  }

  /** {@code for (int i = 0; i < bound; i++) { [random] core [random] }}. */
  private For coreLoop(Shape shape, String acc) {
    String var = fresh("i");
    Expr bound;
    String over = null;
    List<Var> arrays = arrays(true);
    int choice = r.nextInt(3);
    if (choice == 0 && !arrays.isEmpty()) {
      over = arrays.get(r.nextInt(arrays.size())).name();
      bound = new Len(new Ref(over, Ty.A));
    } else if (choice == 1 && lookup("n") != null) {
      bound = new Ref("n", Ty.I);
    } else {
      bound = new IntLit(1 + r.nextInt(4));
    }
    loops.add(new Loop(var, over));
    scopes.add(new ArrayList<>());
    declare(new Var(var, Ty.I, true, false));
    List<Stmt> body = new ArrayList<>();
    if (r.nextBoolean() && budget > 0) {
      body.addAll(stmts(1));
    }
    body.addAll(core(shape, acc));
    if (r.nextInt(3) == 0 && budget > 0) {
      body.addAll(stmts(1));
    }
    scopes.remove(scopes.size() - 1);
    loops.remove(loops.size() - 1);
    return new For(var, bound, body);
  }

  /**
   * A caller calls a lib and folds the result into {@code acc}; a lib sometimes does the same
   * (nested restricted calls), then adds a use of every parameter it does not differentiate.
   */
  private List<Stmt> core(Shape shape, String acc) {
    List<Stmt> out = new ArrayList<>();
    if (!libs.isEmpty() && (shape.caller() || r.nextBoolean())) {
      out.addAll(callSite(acc));
    }
    if (!shape.caller()) {
      out.add(new Assign(new Ref(acc, Ty.D), "+=", restrictedUse(shape)));
    }
    return out;
  }

  /**
   * A call of a lib whose result reaches {@code acc}: {@code acc += g(...)}, {@code acc -= g(...)},
   * {@code acc = g(...)}, or through a local; none when no arrays can be passed.
   */
  private List<Stmt> callSite(String acc) {
    Method callee = libs.get(r.nextInt(libs.size()));
    Expr call = call(callee, 1);
    if (call == null) {
      return List.of();
    }
    Ref target = new Ref(acc, Ty.D);
    if (callee.result == Ty.A) {
      Var v = new Var(fresh("v"), Ty.A, true, argumentsWritable(call));
      declare(v);
      return List.of(new Decl(Ty.A, v.name(), call), new Assign(target, "+=", new Index(new Ref(v.name(), Ty.A), index(v))));
    }
    switch (r.nextInt(4)) {
      case 0:
        return List.of(new Assign(target, "+=", call));
      case 1:
        return List.of(new Assign(target, "-=", call));
      case 2:
        return List.of(new Assign(target, "=", call));
      default: {
        String t = fresh("t");
        declare(new Var(t, Ty.D, true, true));
        return List.of(new Decl(Ty.D, t, call), new Assign(target, "+=", new Op("*", Ty.D, new Ref(t, Ty.D), dbl(1))));
      }
    }
  }

  /** A sum or product of terms, one reading each parameter the lib does not differentiate. */
  private Expr restrictedUse(Shape shape) {
    Expr use = null;
    for (Param p : shape.params()) {
      if (!shape.restricted(p)) {
        continue;
      }
      Expr read = p.ty() == Ty.D ? new Ref(p.name(), Ty.D) : new Index(new Ref(p.name(), Ty.A), index(lookup(p.name())));
      Expr term = switch (r.nextInt(4)) {
        case 0 -> read;
        case 1 -> square(read);
        case 2 -> squash(new Op("*", Ty.D, read, dbl(1)));
        default -> new Op("*", Ty.D, read, dbl(1));
      };
      use = use == null ? term : new Op(r.nextBoolean() ? "+" : "*", Ty.D, use, term);
    }
    return r.nextBoolean() ? use : new Op("*", Ty.D, use, bounded(dbl(1)));
  }

  /** A value that depends on a double variable or a non-constant array element in scope. */
  private Expr activeDouble() {
    List<Var> doubles = vars(Ty.D);
    List<Var> arrays = new ArrayList<>();
    for (Var a : indexable(false)) {
      if (!a.constant()) {
        arrays.add(a);
      }
    }
    Expr read;
    if (!arrays.isEmpty() && (doubles.isEmpty() || r.nextInt(3) == 0)) {
      Var a = arrays.get(r.nextInt(arrays.size()));
      read = new Index(new Ref(a.name(), Ty.A), index(a));
    } else if (!doubles.isEmpty()) {
      read = new Ref(doubles.get(r.nextInt(doubles.size())).name(), Ty.D);
    } else {
      return constantDouble();
    }
    return switch (r.nextInt(4)) {
      case 0 -> read;
      case 1 -> square(read);
      case 2 -> new Op("+", Ty.D, read, dbl(1));
      default -> squash(new Op("*", Ty.D, read, dbl(1)));
    };
  }

  /** A value that depends on no double: a literal, an element of a constant array, or one computed from an int. */
  private Expr constantDouble() {
    Expr literal = new Num(CONSTANTS[r.nextInt(CONSTANTS.length)]);
    List<Var> constants = new ArrayList<>();
    for (Var a : indexable(false)) {
      if (a.constant()) {
        constants.add(a);
      }
    }
    List<Var> ints = vars(Ty.I);
    switch (r.nextInt(3)) {
      case 0:
        if (!constants.isEmpty()) {
          Var c = constants.get(r.nextInt(constants.size()));
          return new Index(new Ref(c.name(), Ty.A), index(c));
        }
        return literal;
      case 1:
        if (!ints.isEmpty()) {
          return new Op("+", Ty.D, literal, new Op("*", Ty.D, new Ref(ints.get(r.nextInt(ints.size())).name(), Ty.I), new Num(0.5)));
        }
        return literal;
      default:
        return literal;
    }
  }

  /** The position in {@code arrays} of one holding constants (or not); of any when none is such. */
  private int pickArray(List<Var> arrays, boolean constant) {
    List<Integer> fit = new ArrayList<>();
    for (int i = 0; i < arrays.size(); i++) {
      if (arrays.get(i).constant() == constant) {
        fit.add(i);
      }
    }
    return fit.isEmpty() ? r.nextInt(arrays.size()) : fit.get(r.nextInt(fit.size()));
  }

  /** {@code double[] c = new double[k]; for (...) c[j] = p + j * q;}: constants, never written afterwards. */
  private void constantArray(List<Stmt> body) {
    String c = fresh("c");
    String j = fresh("j");
    body.add(new Decl(Ty.A, c, new NewArray(new IntLit(1 + r.nextInt(3)))));
    Expr value = new Op("+", Ty.D, new Num(CONSTANTS[r.nextInt(CONSTANTS.length)]),
        new Op("*", Ty.D, new Ref(j, Ty.I), new Num(CONSTANTS[r.nextInt(CONSTANTS.length)])));
    List<Stmt> fill = new ArrayList<>();
    fill.add(new Assign(new Index(new Ref(c, Ty.A), new Ref(j, Ty.I)), "=", value));
    body.add(new For(j, new Len(new Ref(c, Ty.A)), fill));
    declare(new Var(c, Ty.A, true, false, true));
  }

  /** A straight-line array result: {@code double[] r = new double[k]; r[0] = ... + acc; ...}. */
  private void unrolledArrayResult(List<Stmt> body, String acc) {
    String out = fresh("r");
    int length = 1 + r.nextInt(3);
    body.add(new Decl(Ty.A, out, new NewArray(new IntLit(length))));
    declare(new Var(out, Ty.A, true, true));
    for (int k = 0; k < length; k++) {
      body.add(new Assign(new Index(new Ref(out, Ty.A), new IntLit(k)), "=", new Op("+", Ty.D, dbl(2), new Ref(acc, Ty.D))));
    }
    body.add(new Return(new Ref(out, Ty.A)));
  }

  // ---- statements ---------------------------------------------------------------------------

  private List<Stmt> block(int count, int depth) {
    List<Stmt> out = new ArrayList<>();
    scopes.add(new ArrayList<>());
    for (int i = 0; i < count && (i == 0 || budget > 0); i++) {
      out.addAll(stmts(depth));
    }
    scopes.remove(scopes.size() - 1);
    return out;
  }

  /** {@link #stmt} with the statements it asked for before and after it. */
  private List<Stmt> stmts(int depth) {
    Stmt s = stmt(depth);
    List<Stmt> out = new ArrayList<>(before);
    out.add(s);
    out.addAll(after);
    before.clear();
    after.clear();
    return out;
  }

  private Stmt stmt(int depth) {
    budget--;
    boolean nest = depth < 3 && budget > 0;
    boolean inLoop = !loops.isEmpty();
    List<Var> writableArrays = indexable(true);
    List<Method> callees = methods;
    boolean switchable = !vars(Ty.I).isEmpty();
    int[] w = {
        4, // 0 double local
        6, // 1 assignment to a double
        writableArrays.isEmpty() ? 0 : 4, // 2 array element write
        nest ? 3 : 0, // 3 if / else
        nest && loops.size() < 2 && loopsAllowed ? 3 : 0, // 4 for
        nest && loops.size() < 2 && loopsAllowed ? 1 : 0, // 5 while / do-while
        inLoop ? 2 : 0, // 6 break / continue under a condition
        result == Ty.D && depth > 0 ? 1 : 0, // 7 early return
        1, // 8 local array
        callees.isEmpty() ? 0 : 2, // 9 call into a local
        callStatements ? 3 : 0, // 10 call assigned to a double
        nest && switchable ? 2 : 0, // 11 switch statement
        helpers.isEmpty() ? 0 : 2, // 12 call of an output-array helper
        switchable ? 1 : 0, // 13 double local from a switch expression
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
      case 9 -> {
        Method callee = callees.get(r.nextInt(callees.size()));
        Expr call = call(callee, 1);
        if (call == null) {
          return assignDouble();
        }
        String name = fresh(callee.result == Ty.A ? "v" : "t");
        Decl d = new Decl(callee.result, name, call);
        // an array result may be an argument array: writable only when those all are
        declare(new Var(name, callee.result, true, argumentsWritable(call)));
        return d;
      }
      case 10 -> {
        return callAssignment();
      }
      case 11 -> {
        return switchStatement(selector(), depth);
      }
      case 12 -> {
        Stmt call = helperCallStatement();
        return call != null ? call : assignDouble();
      }
      default -> {
        String name = fresh("t");
        Decl d = new Decl(Ty.D, name, switchExpression(selector(), 2));
        declare(new Var(name, Ty.D, true, true));
        return d;
      }
    }
  }

  private boolean argumentsWritable(Expr call) {
    for (Expr arg : call.kids) {
      if (arg instanceof Ref ref && ref.ty == Ty.A && !lookup(ref.name).writable()) {
        return false;
      }
    }
    return true;
  }

  /** {@code t = g(...)}, {@code t += g(...)}, {@code t -= g(...)} or {@code t *= cos(g(...))} for a double-valued g. */
  private Stmt callAssignment() {
    List<Method> scalar = scalarMethods();
    Expr call = scalar.isEmpty() ? null : call(scalar.get(r.nextInt(scalar.size())), 1);
    if (call == null) {
      return assignDouble();
    }
    Ref target = new Ref(doubleTarget().name(), Ty.D);
    return switch (r.nextInt(4)) {
      case 0 -> new Assign(target, "=", call);
      case 1 -> new Assign(target, "+=", call);
      case 2 -> new Assign(target, "-=", call);
      default -> new Assign(target, "*=", bounded(call));
    };
  }

  /** A writable double variable in scope. */
  private Var doubleTarget() {
    List<Var> targets = new ArrayList<>();
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.ty() == Ty.D && v.writable()) {
          targets.add(v);
        }
      }
    }
    return targets.get(r.nextInt(targets.size()));
  }

  private Stmt assignDouble() {
    Var v = doubleTarget();
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
        vars(Ty.I).isEmpty() ? 0 : 1, // 6 switch expression
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
      case 5 -> {
        List<Method> scalar = scalarMethods();
        Expr call = scalar.isEmpty() ? null : call(scalar.get(r.nextInt(scalar.size())), d);
        return call == null ? dbl(d) : call;
      }
      default -> {
        return switchExpression(selector(), d);
      }
    }
  }

  private List<Method> scalarMethods() {
    List<Method> scalar = new ArrayList<>();
    for (Method m : methods) {
      if (m.result == Ty.D) {
        scalar.add(m);
      }
    }
    return scalar;
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
      case 11:
        // guarded like division: cbrt at an exact 0 (k * 0.5 at k = 0, an element of a fresh array)
        // has an infinite derivative, and 0 x infinity makes the gradient NaN even where the result
        // does not use the value: the class the README lists, not worth finding again and again
        return math("cbrt", r.nextBoolean() ? new Op("+", Ty.D, new Num(2.0), math("sin", dbl(d)))
            : new Op("+", Ty.D, new Num(1.0), square(dbl(d))));
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
    List<Var> doubles = vars(Ty.D);
    List<Var> ints = vars(Ty.I);
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
        List<Var> ints = vars(Ty.I);
        Var v = ints.get(r.nextInt(ints.size()));
        return new Op(new String[] {"<", ">", "<=", ">="}[r.nextInt(4)], Ty.B, new Ref(v.name(), Ty.I), new IntLit(r.nextInt(3)));
      }
    }
  }

  private boolean intCompareAvailable() {
    return !vars(Ty.I).isEmpty();
  }

  /** The variables of type {@code ty} in scope, outermost first. */
  private List<Var> vars(Ty ty) {
    List<Var> out = new ArrayList<>();
    for (List<Var> s : scopes) {
      for (Var v : s) {
        if (v.ty() == ty) {
          out.add(v);
        }
      }
    }
    return out;
  }

  private Expr compare(int depth) {
    String op = new String[] {"<", ">", "<=", ">="}[r.nextInt(4)];
    Expr b = r.nextInt(3) == 0 ? new Num(CONSTANTS[r.nextInt(CONSTANTS.length)]) : dbl(Math.max(0, depth - 1));
    return new Op(op, Ty.B, dbl(Math.max(0, depth)), b);
  }

  /**
   * A call of an earlier method, or null when no non-empty array can be passed to it. A parameter
   * the callee does not differentiate gets a value that depends on a variable or a constant one.
   */
  private Expr call(Method callee, int depth) {
    List<Expr> args = new ArrayList<>();
    List<Var> arrays = arrays(true);
    for (Param p : callee.params) {
      boolean restricted = p.ty() != Ty.I && !callee.differentiates(p);
      boolean active = restricted && r.nextInt(3) != 0;
      switch (p.ty()) {
        case D -> args.add(!restricted ? dbl(Math.min(depth, 1)) : active ? activeDouble() : constantDouble());
        case A -> {
          List<Var> usable = arrays;
          if (!readOnlyParams.contains(callee.name + "." + p.name())) {
            usable = new ArrayList<>();
            for (Var a : arrays) {
              if (a.writable()) {
                usable.add(a);
              }
            }
          }
          if (usable.isEmpty()) {
            return null;
          }
          // distinct arrays: the same array passed for two parameters is not generated (aliasing)
          Var a = usable.get(restricted ? pickArray(usable, !active) : r.nextInt(usable.size()));
          arrays.remove(a);
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
