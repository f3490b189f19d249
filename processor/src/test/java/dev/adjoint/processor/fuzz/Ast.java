package dev.adjoint.processor.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The program representation of the generator: a class of static methods made of statements and
 * expressions. Nodes are mutable and keep their children in lists, so that the shrinker can
 * enumerate every slot generically ({@link #exprSlots}, {@link #blocks}) and replace or remove one
 * node in a deep copy.
 */
final class Ast {
  private Ast() {}

  enum Ty {
    D("double"), I("int"), A("double[]"), B("boolean"), V("void");

    final String java;

    Ty(String java) {
      this.java = java;
    }
  }

  // ---- expressions ----------------------------------------------------------------------------

  abstract static class Expr {
    /** Children, in printing order; the shrinker replaces them in place. */
    final List<Expr> kids = new ArrayList<>();

    abstract Ty type();

    abstract Expr shallow();

    final Expr copy() {
      Expr c = shallow();
      for (Expr k : kids) {
        c.kids.add(k.copy());
      }
      return c;
    }

    abstract void print(StringBuilder out);

    final String text() {
      StringBuilder b = new StringBuilder();
      print(b);
      return b.toString();
    }

    Expr kid(int i) {
      return kids.get(i);
    }
  }

  static final class Num extends Expr {
    final double value;

    Num(double value) {
      this.value = value;
    }

    Ty type() {
      return Ty.D;
    }

    Expr shallow() {
      return new Num(value);
    }

    void print(StringBuilder out) {
      String s = Double.toString(Math.abs(value));
      out.append(value < 0 ? "(-" + s + ")" : s);
    }
  }

  static final class IntLit extends Expr {
    final int value;

    IntLit(int value) {
      this.value = value;
    }

    Ty type() {
      return Ty.I;
    }

    Expr shallow() {
      return new IntLit(value);
    }

    void print(StringBuilder out) {
      out.append(value);
    }
  }

  static final class BoolLit extends Expr {
    final boolean value;

    BoolLit(boolean value) {
      this.value = value;
    }

    Ty type() {
      return Ty.B;
    }

    Expr shallow() {
      return new BoolLit(value);
    }

    void print(StringBuilder out) {
      out.append(value);
    }
  }

  static final class Ref extends Expr {
    final String name;
    final Ty ty;

    Ref(String name, Ty ty) {
      this.name = name;
      this.ty = ty;
    }

    Ty type() {
      return ty;
    }

    Expr shallow() {
      return new Ref(name, ty);
    }

    void print(StringBuilder out) {
      out.append(name);
    }
  }

  /** A binary operator: arithmetic ({@code + - * / %}), comparison or {@code && ||}. */
  static final class Op extends Expr {
    final String op;
    final Ty ty;

    Op(String op, Ty ty, Expr a, Expr b) {
      this.op = op;
      this.ty = ty;
      kids.add(a);
      kids.add(b);
    }

    private Op(String op, Ty ty) {
      this.op = op;
      this.ty = ty;
    }

    Ty type() {
      return ty;
    }

    Expr shallow() {
      return new Op(op, ty);
    }

    void print(StringBuilder out) {
      out.append('(');
      kid(0).print(out);
      out.append(' ').append(op).append(' ');
      kid(1).print(out);
      out.append(')');
    }
  }

  /** Unary minus (double) or negation (boolean). */
  static final class Unary extends Expr {
    final String op;

    Unary(String op, Expr a) {
      this.op = op;
      kids.add(a);
    }

    private Unary(String op) {
      this.op = op;
    }

    Ty type() {
      return op.equals("!") ? Ty.B : Ty.D;
    }

    Expr shallow() {
      return new Unary(op);
    }

    void print(StringBuilder out) {
      out.append('(').append(op);
      kid(0).print(out);
      out.append(')');
    }
  }

  /** A static method call: {@code Math.sin(x)} or a generated method {@code m0(x, a, n)}. */
  static final class Call extends Expr {
    final String owner; // "Math", "StrictMath", or null for a method of the class
    final String name;
    final Ty ty;

    Call(String owner, String name, Ty ty, List<Expr> args) {
      this.owner = owner;
      this.name = name;
      this.ty = ty;
      kids.addAll(args);
    }

    Ty type() {
      return ty;
    }

    Expr shallow() {
      return new Call(owner, name, ty, List.of());
    }

    void print(StringBuilder out) {
      if (owner != null) {
        out.append(owner).append('.');
      }
      out.append(name).append('(');
      for (int i = 0; i < kids.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        kid(i).print(out);
      }
      out.append(')');
    }
  }

  static final class Cond extends Expr {
    Cond(Expr c, Expr a, Expr b) {
      kids.add(c);
      kids.add(a);
      kids.add(b);
    }

    private Cond() {}

    Ty type() {
      return Ty.D;
    }

    Expr shallow() {
      return new Cond();
    }

    void print(StringBuilder out) {
      out.append('(');
      kid(0).print(out);
      out.append(" ? ");
      kid(1).print(out);
      out.append(" : ");
      kid(2).print(out);
      out.append(')');
    }
  }

  /**
   * A switch expression on an int: kid 0 is the selector, kid {@code i + 1} the result of case
   * {@code heads.get(i)} ({@code "case 0, 2"} or {@code "default"}, which there always is); arrow
   * results ({@code case 0 -> e;}) or {@code yield} ({@code case 0: yield e;}).
   */
  static final class SwitchExpr extends Expr {
    final List<String> heads;
    final boolean arrow;

    SwitchExpr(Expr selector, List<String> heads, List<Expr> results, boolean arrow) {
      this.heads = heads;
      this.arrow = arrow;
      kids.add(selector);
      kids.addAll(results);
    }

    private SwitchExpr(List<String> heads, boolean arrow) {
      this.heads = heads;
      this.arrow = arrow;
    }

    Ty type() {
      return Ty.D;
    }

    Expr shallow() {
      return new SwitchExpr(heads, arrow);
    }

    void print(StringBuilder out) {
      out.append("(switch (");
      kid(0).print(out);
      out.append(") {");
      for (int i = 0; i < heads.size(); i++) {
        String result = kid(i + 1).text();
        if (!arrow && result.startsWith("(")) {
          // "yield (" parses as a call of a method named yield; 1.0 * e is e bit for bit
          result = "1.0 * " + result;
        }
        out.append(' ').append(heads.get(i)).append(arrow ? " -> " : ": yield ").append(result).append(';');
      }
      out.append(" })");
    }
  }

  /** {@code arr[index]}; kid 0 is the array, kid 1 the int index. */
  static final class Index extends Expr {
    Index(Expr array, Expr index) {
      kids.add(array);
      kids.add(index);
    }

    private Index() {}

    Ty type() {
      return Ty.D;
    }

    Expr shallow() {
      return new Index();
    }

    void print(StringBuilder out) {
      kid(0).print(out);
      out.append('[');
      kid(1).print(out);
      out.append(']');
    }
  }

  static final class Len extends Expr {
    Len(Expr array) {
      kids.add(array);
    }

    private Len() {}

    Ty type() {
      return Ty.I;
    }

    Expr shallow() {
      return new Len();
    }

    void print(StringBuilder out) {
      kid(0).print(out);
      out.append(".length");
    }
  }

  static final class NewArray extends Expr {
    NewArray(Expr length) {
      kids.add(length);
    }

    private NewArray() {}

    Ty type() {
      return Ty.A;
    }

    Expr shallow() {
      return new NewArray();
    }

    void print(StringBuilder out) {
      out.append("new double[");
      kid(0).print(out);
      out.append(']');
    }
  }

  // ---- statements -----------------------------------------------------------------------------

  abstract static class Stmt {
    /** Expressions of the statement (the shrinker replaces them in place). */
    final List<Expr> exprs = new ArrayList<>();
    /** Nested blocks (then/else, loop bodies). */
    final List<List<Stmt>> blocks = new ArrayList<>();

    abstract Stmt shallow();

    final Stmt copy() {
      Stmt c = shallow();
      for (Expr e : exprs) {
        c.exprs.add(e.copy());
      }
      for (List<Stmt> b : blocks) {
        c.blocks.add(copyBlock(b));
      }
      return c;
    }

    abstract void print(StringBuilder out, String indent);

    /** Whether execution can continue after this statement (Java's reachability rules). */
    boolean completesNormally() {
      return true;
    }
  }

  static List<Stmt> copyBlock(List<Stmt> block) {
    List<Stmt> c = new ArrayList<>();
    for (Stmt s : block) {
      c.add(s.copy());
    }
    return c;
  }

  static void printBlock(List<Stmt> block, StringBuilder out, String indent) {
    for (Stmt s : block) {
      s.print(out, indent);
    }
  }

  static final class Decl extends Stmt {
    final Ty ty;
    final String name;

    Decl(Ty ty, String name, Expr init) {
      this.ty = ty;
      this.name = name;
      exprs.add(init);
    }

    private Decl(Ty ty, String name) {
      this.ty = ty;
      this.name = name;
    }

    Stmt shallow() {
      return new Decl(ty, name);
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append(ty.java).append(' ').append(name).append(" = ").append(exprs.get(0).text()).append(";\n");
    }
  }

  /** {@code target op value;} where target is a Ref or an Index and op one of = += -= *= /=. */
  static final class Assign extends Stmt {
    final String op;

    Assign(Expr target, String op, Expr value) {
      this.op = op;
      exprs.add(target);
      exprs.add(value);
    }

    private Assign(String op) {
      this.op = op;
    }

    Stmt shallow() {
      return new Assign(op);
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append(exprs.get(0).text()).append(' ').append(op).append(' ').append(exprs.get(1).text()).append(";\n");
    }
  }

  static final class If extends Stmt {
    final boolean hasElse;

    If(Expr cond, List<Stmt> then, List<Stmt> otherwise) {
      this.hasElse = otherwise != null;
      exprs.add(cond);
      blocks.add(then);
      if (otherwise != null) {
        blocks.add(otherwise);
      }
    }

    private If(boolean hasElse) {
      this.hasElse = hasElse;
    }

    Stmt shallow() {
      return new If(hasElse);
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append("if (").append(exprs.get(0).text()).append(") {\n");
      printBlock(blocks.get(0), out, indent + "  ");
      if (hasElse) {
        out.append(indent).append("} else {\n");
        printBlock(blocks.get(1), out, indent + "  ");
      }
      out.append(indent).append("}\n");
    }

    @Override
    boolean completesNormally() {
      return !hasElse || blockCompletes(blocks.get(0)) || blockCompletes(blocks.get(1));
    }
  }

  static boolean blockCompletes(List<Stmt> block) {
    for (Stmt s : block) {
      if (!s.completesNormally()) {
        return false;
      }
    }
    return true;
  }

  /** {@code for (int var = 0; var < bound; var++) body}. */
  static final class For extends Stmt {
    final String var;

    For(String var, Expr bound, List<Stmt> body) {
      this.var = var;
      exprs.add(bound);
      blocks.add(body);
    }

    private For(String var) {
      this.var = var;
    }

    Stmt shallow() {
      return new For(var);
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append("for (int ").append(var).append(" = 0; ").append(var).append(" < ")
          .append(exprs.get(0).text()).append("; ").append(var).append("++) {\n");
      printBlock(blocks.get(0), out, indent + "  ");
      out.append(indent).append("}\n");
    }
  }

  /**
   * A loop with a data-dependent condition, bounded by a counter that the loop itself declares and
   * increments first thing in the body (so that no shrinking step can make it run forever):
   * {@code int k = 0; while (k < limit && cond) { k++; body }}, or the do/while form.
   */
  static final class While extends Stmt {
    final String counter;
    final int limit;
    final boolean doWhile;

    While(String counter, int limit, boolean doWhile, Expr cond, List<Stmt> body) {
      this.counter = counter;
      this.limit = limit;
      this.doWhile = doWhile;
      exprs.add(cond);
      blocks.add(body);
    }

    private While(String counter, int limit, boolean doWhile) {
      this.counter = counter;
      this.limit = limit;
      this.doWhile = doWhile;
    }

    Stmt shallow() {
      return new While(counter, limit, doWhile);
    }

    void print(StringBuilder out, String indent) {
      String cond = counter + " < " + limit + " && " + exprs.get(0).text();
      out.append(indent).append("int ").append(counter).append(" = 0;\n");
      out.append(indent).append(doWhile ? "do {\n" : "while (" + cond + ") {\n");
      out.append(indent).append("  ").append(counter).append("++;\n");
      printBlock(blocks.get(0), out, indent + "  ");
      out.append(indent).append(doWhile ? "} while (" + cond + ");\n" : "}\n");
    }
  }

  /**
   * A switch statement on an int: one block per case, headed by {@code heads.get(i)} ({@code "case
   * 1, 2"} or {@code "default"}); arrow cases ({@code case 1 -> { ... }}) or colon groups, each
   * ending with {@code break;} when {@code breaks.get(i)}, else falling through into the next.
   */
  static final class Switch extends Stmt {
    final List<String> heads;
    final List<Boolean> breaks;
    final boolean arrow;

    Switch(Expr selector, List<String> heads, List<List<Stmt>> cases, List<Boolean> breaks, boolean arrow) {
      this(heads, breaks, arrow);
      exprs.add(selector);
      blocks.addAll(cases);
    }

    private Switch(List<String> heads, List<Boolean> breaks, boolean arrow) {
      this.heads = heads;
      this.breaks = breaks;
      this.arrow = arrow;
    }

    Stmt shallow() {
      return new Switch(heads, breaks, arrow);
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append("switch (").append(exprs.get(0).text()).append(") {\n");
      for (int i = 0; i < heads.size(); i++) {
        out.append(indent).append("  ").append(heads.get(i)).append(arrow ? " -> {\n" : ":\n");
        printBlock(blocks.get(i), out, indent + "    ");
        if (arrow) {
          out.append(indent).append("  }\n");
        } else if (breaks.get(i)) {
          out.append(indent).append("    break;\n");
        }
      }
      out.append(indent).append("}\n");
    }

    @Override
    boolean completesNormally() {
      // without a default, or with a case that ends normally or by break, execution can continue
      if (!heads.contains("default")) {
        return true;
      }
      for (int i = 0; i < blocks.size(); i++) {
        if ((!arrow && breaks.get(i)) || blockCompletes(blocks.get(i))) {
          return true;
        }
      }
      return false;
    }
  }

  /** A call of a {@code void} helper as a statement: {@code fill(v, a0, x1);}. */
  static final class CallStmt extends Stmt {
    CallStmt(Call call) {
      exprs.add(call);
    }

    private CallStmt() {}

    Stmt shallow() {
      return new CallStmt();
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append(exprs.get(0).text()).append(";\n");
    }
  }

  static final class Jump extends Stmt {
    final String keyword;

    Jump(String keyword) {
      this.keyword = keyword;
    }

    Stmt shallow() {
      return new Jump(keyword);
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append(keyword).append(";\n");
    }

    @Override
    boolean completesNormally() {
      return false;
    }
  }

  static final class Return extends Stmt {
    Return(Expr value) {
      exprs.add(value);
    }

    private Return() {}

    Stmt shallow() {
      return new Return();
    }

    void print(StringBuilder out, String indent) {
      out.append(indent).append("return ").append(exprs.get(0).text()).append(";\n");
    }

    @Override
    boolean completesNormally() {
      return false;
    }
  }

  // ---- methods and programs -------------------------------------------------------------------

  /** A parameter; {@code noDerivative} prints {@code @NoDerivative} on it (double and double[] only). */
  record Param(String name, Ty ty, boolean noDerivative) {
    Param(String name, Ty ty) {
      this(name, ty, false);
    }
  }

  /** {@code count} parameters of type {@code ty} named {@code prefix0}, {@code prefix1}, ... */
  static List<Param> params(String prefix, int count, Ty ty) {
    List<Param> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new Param(prefix + i, ty));
    }
    return out;
  }

  /** Whether a method annotated {@code @Differentiable(wrt = wrt)} differentiates {@code p} as an entry point. */
  static boolean differentiates(Param p, List<String> wrt) {
    return p.ty() != Ty.I && !p.noDerivative() && (wrt.isEmpty() || wrt.contains(p.name()));
  }

  static final class Method {
    final String name;
    final Ty result;
    final List<Param> params;
    final List<Stmt> body;
    /** The names in {@code @Differentiable(wrt = {...})}; empty for a plain {@code @Differentiable}. */
    final List<String> wrt;
    /**
     * Null for a {@code @Differentiable} method; for an unannotated helper (checked only through
     * its callers), its modifiers before {@code static}: {@code "private "} or {@code ""}.
     */
    final String helper;

    Method(String name, Ty result, List<Param> params, List<Stmt> body) {
      this(name, result, params, body, List.of());
    }

    Method(String name, Ty result, List<Param> params, List<Stmt> body, List<String> wrt) {
      this(name, result, params, body, wrt, null);
    }

    Method(String name, Ty result, List<Param> params, List<Stmt> body, List<String> wrt, String helper) {
      this.name = name;
      this.result = result;
      this.params = params;
      this.body = body;
      this.wrt = wrt;
      this.helper = helper;
    }

    Method copy() {
      return new Method(name, result, new ArrayList<>(params), copyBlock(body), wrt, helper);
    }

    boolean isHelper() {
      return helper != null;
    }

    /**
     * The method without parameter {@code i} (and without its name in {@code wrt}), sharing the
     * body; null when that would empty {@code wrt}, which would make every parameter differentiable.
     */
    Method withoutParam(int i) {
      List<Param> rest = new ArrayList<>(params);
      Param gone = rest.remove(i);
      List<String> names = new ArrayList<>(wrt);
      names.remove(gone.name());
      return !wrt.isEmpty() && names.isEmpty() ? null : new Method(name, result, rest, body, names, helper);
    }

    /** Whether the method, as an entry point, differentiates parameter {@code p}. */
    boolean differentiates(Param p) {
      return Ast.differentiates(p, wrt);
    }

    void print(StringBuilder out) {
      print(out, false);
    }

    /**
     * {@code viaRecord}: the method packs its parameters into a record {@code MArgs}, declared
     * before it, and passes it to a private helper {@code mBody}, which reads them back into locals
     * of the same names and runs the body: the same function, through a record built with
     * {@code new}, passed to a helper and read with accessors.
     */
    void print(StringBuilder out, boolean viaRecord) {
      if (isHelper()) {
        out.append("  ").append(helper).append("static ").append(result.java).append(' ').append(name).append('(')
            .append(parameterList(false)).append(") {\n");
        printBlock(body, out, "    ");
        out.append("  }\n");
        return;
      }
      viaRecord = viaRecord && result != Ty.V && readsArrayParametersOnly();
      String record = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Args";
      if (viaRecord) {
        out.append("  record ").append(record).append('(').append(parameterList(false)).append(") {}\n\n");
      }
      out.append("  @Differentiable");
      if (!wrt.isEmpty()) {
        out.append("(wrt = {");
        for (int i = 0; i < wrt.size(); i++) {
          out.append(i > 0 ? ", " : "").append('"').append(wrt.get(i)).append('"');
        }
        out.append("})");
      }
      out.append("\n  static ").append(result.java).append(' ').append(name).append('(').append(parameterList(true))
          .append(") {\n");
      if (!viaRecord) {
        printBlock(body, out, "    ");
        out.append("  }\n");
        return;
      }
      StringBuilder names = new StringBuilder();
      for (Param p : params) {
        names.append(names.length() > 0 ? ", " : "").append(p.name());
      }
      out.append("    return ").append(name).append("Body(new ").append(record).append('(').append(names)
          .append("));\n  }\n\n");
      out.append("  private static ").append(result.java).append(' ').append(name).append("Body(").append(record)
          .append(" packed) {\n");
      for (Param p : params) {
        out.append("    ").append(p.ty().java).append(' ').append(p.name()).append(" = packed.").append(p.name())
            .append("();\n");
      }
      printBlock(body, out, "    ");
      out.append("  }\n");
    }

    /**
     * Whether the body only reads its array parameters (indexes them, asks their length): a helper
     * that writes into an array it is given is refused when it is too large to inline, so moving
     * such a body into {@code mBody} would make a program that compiled fail to.
     */
    private boolean readsArrayParametersOnly() {
      StringBuilder text = new StringBuilder();
      printBlock(body, text, "");
      for (Param p : params) {
        if (p.ty() != Ty.A) {
          continue;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + p.name() + "\\b(.)").matcher(text);
        while (m.find()) {
          if (!m.group(1).equals("[") && !m.group(1).equals(".")) {
            return false; // passed on, aliased or assigned whole
          }
        }
        if (java.util.regex.Pattern.compile("\\b" + p.name() + "\\[[^;\\n]*\\] [-+*/]?= ").matcher(text).find()) {
          return false;
        }
      }
      return true;
    }

    private String parameterList(boolean annotations) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < params.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        Param p = params.get(i);
        out.append(annotations && p.noDerivative() ? "@NoDerivative " : "").append(p.ty().java).append(' ')
            .append(p.name());
      }
      return out.toString();
    }
  }

  static final class Program {
    final String pkg;
    final String className;
    final long seed;
    final List<Method> methods;
    /** Whether each method is printed passing its parameters through a record (see {@link Method#print(StringBuilder, boolean)}). */
    final boolean recordParameters;

    Program(String pkg, String className, long seed, List<Method> methods, boolean recordParameters) {
      this.pkg = pkg;
      this.className = className;
      this.seed = seed;
      this.methods = methods;
      this.recordParameters = recordParameters;
    }

    Program copy() {
      List<Method> ms = new ArrayList<>();
      for (Method m : methods) {
        ms.add(m.copy());
      }
      return new Program(pkg, className, seed, ms, recordParameters);
    }

    String qualifiedName() {
      return pkg + "." + className;
    }

    /** Whether some method restricts its derivatives ({@code @NoDerivative} or {@code wrt}). */
    boolean hasRestrictions() {
      return methods.stream().anyMatch(m -> !m.wrt.isEmpty() || m.params.stream().anyMatch(Param::noDerivative));
    }

    /** A copy in which no method has {@code @NoDerivative} parameters or a {@code wrt} list. */
    Program withoutRestrictions() {
      List<Method> ms = new ArrayList<>();
      for (Method m : methods) {
        List<Param> ps = new ArrayList<>();
        for (Param p : m.params) {
          ps.add(new Param(p.name(), p.ty()));
        }
        ms.add(new Method(m.name, m.result, ps, copyBlock(m.body), List.of(), m.helper));
      }
      return new Program(pkg, className, seed, ms, recordParameters);
    }

    Method method(String name) {
      for (Method m : methods) {
        if (m.name.equals(name)) {
          return m;
        }
      }
      return null;
    }

    String source() {
      StringBuilder out = new StringBuilder();
      out.append("package ").append(pkg).append(";\n\nimport dev.adjoint.Differentiable;\n");
      if (methods.stream().anyMatch(m -> m.params.stream().anyMatch(Param::noDerivative))) {
        out.append("import dev.adjoint.NoDerivative;\n");
      }
      out.append('\n');
      out.append("// generated by dev.adjoint.processor.fuzz.ProgramGenerator, seed ").append(seed).append('\n');
      if (fallsThrough()) {
        out.append("@SuppressWarnings(\"fallthrough\") // intended: the switch statements test it\n");
      }
      out.append("public class ").append(className).append(" {\n");
      for (int i = 0; i < methods.size(); i++) {
        if (i > 0) {
          out.append('\n');
        }
        methods.get(i).print(out, recordParameters);
      }
      out.append("}\n");
      return out.toString();
    }

    /** Whether some colon-form switch statement has a group that does not end with break. */
    boolean fallsThrough() {
      for (Method m : methods) {
        for (List<Stmt> block : blocks(m)) {
          for (Stmt s : block) {
            if (s instanceof Switch sw && !sw.arrow && sw.breaks.contains(false)) {
              return true;
            }
          }
        }
      }
      return false;
    }

    int size() {
      int[] n = {0};
      for (Method m : methods) {
        countBlock(m.body, n);
      }
      return n[0];
    }

    private static void countBlock(List<Stmt> block, int[] n) {
      for (Stmt s : block) {
        n[0] += 1;
        for (Expr e : s.exprs) {
          n[0] += countExpr(e);
        }
        for (List<Stmt> b : s.blocks) {
          countBlock(b, n);
        }
      }
    }

    private static int countExpr(Expr e) {
      int n = 1;
      for (Expr k : e.kids) {
        n += countExpr(k);
      }
      return n;
    }
  }

  // ---- slots, for the shrinker ----------------------------------------------------------------

  /** A place holding an expression: {@code list.get(index)}. */
  record ExprSlot(List<Expr> list, int index) {
    Expr get() {
      return list.get(index);
    }

    void set(Expr e) {
      list.set(index, e);
    }
  }

  /** Every expression slot of a method, outermost first. */
  static List<ExprSlot> exprSlots(Method m) {
    List<ExprSlot> out = new ArrayList<>();
    for (List<Stmt> block : blocks(m)) {
      for (Stmt s : block) {
        for (int i = 0; i < s.exprs.size(); i++) {
          collect(new ExprSlot(s.exprs, i), out);
        }
      }
    }
    return out;
  }

  private static void collect(ExprSlot slot, List<ExprSlot> out) {
    out.add(slot);
    Expr e = slot.get();
    for (int i = 0; i < e.kids.size(); i++) {
      collect(new ExprSlot(e.kids, i), out);
    }
  }

  /** Every statement list of a method (the body first). */
  static List<List<Stmt>> blocks(Method m) {
    List<List<Stmt>> out = new ArrayList<>();
    addBlocks(m.body, out);
    return out;
  }

  private static void addBlocks(List<Stmt> block, List<List<Stmt>> out) {
    out.add(block);
    for (Stmt s : block) {
      for (List<Stmt> b : s.blocks) {
        addBlocks(b, out);
      }
    }
  }

  // ---- validity -------------------------------------------------------------------------------

  /**
   * Whether the program is valid Java of the generated kind: every name declared before use with
   * its type, no duplicate declaration, jumps only in loops, no unreachable statement, every method
   * ends in a return, calls only to earlier methods with matching arguments. The shrinker keeps
   * only candidates that pass, so that a shrunk program fails for the same reason as the original.
   */
  static boolean valid(Program p) {
    Map<String, Method> earlier = new HashMap<>();
    for (Method m : p.methods) {
      if (!validMethod(m, earlier)) {
        return false;
      }
      earlier.put(m.name, m);
    }
    return true;
  }

  private static boolean validMethod(Method m, Map<String, Method> earlier) {
    boolean endsInReturn = !m.body.isEmpty() && m.body.get(m.body.size() - 1) instanceof Return;
    if ((m.result != Ty.V && !endsInReturn) || !validRestrictions(m)) {
      return false;
    }
    List<Map<String, Ty>> scopes = new ArrayList<>();
    Map<String, Ty> top = new HashMap<>();
    for (Param p : m.params) {
      top.put(p.name(), p.ty());
    }
    scopes.add(top);
    return validBlock(m.body, scopes, 0, m, earlier);
  }

  /** {@code @NoDerivative} only on double and double[]; {@code wrt} names only such parameters without it. */
  private static boolean validRestrictions(Method m) {
    for (Param p : m.params) {
      if (p.noDerivative() && p.ty() == Ty.I) {
        return false;
      }
    }
    for (String w : m.wrt) {
      if (m.params.stream().noneMatch(p -> p.name().equals(w) && p.ty() != Ty.I && !p.noDerivative())) {
        return false;
      }
    }
    return true;
  }

  private static boolean validBlock(List<Stmt> block, List<Map<String, Ty>> scopes, int loops, Method m,
      Map<String, Method> earlier) {
    scopes.add(new HashMap<>());
    try {
      for (int i = 0; i < block.size(); i++) {
        Stmt s = block.get(i);
        if (i > 0 && !block.get(i - 1).completesNormally()) {
          return false;
        }
        if (!validStmt(s, scopes, loops, m, earlier)) {
          return false;
        }
      }
      return true;
    } finally {
      scopes.remove(scopes.size() - 1);
    }
  }

  private static Ty lookup(List<Map<String, Ty>> scopes, String name) {
    for (int i = scopes.size() - 1; i >= 0; i--) {
      Ty t = scopes.get(i).get(name);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private static boolean declare(List<Map<String, Ty>> scopes, String name, Ty ty) {
    if (lookup(scopes, name) != null) {
      return false;
    }
    scopes.get(scopes.size() - 1).put(name, ty);
    return true;
  }

  private static boolean validStmt(Stmt s, List<Map<String, Ty>> scopes, int loops, Method m,
      Map<String, Method> earlier) {
    for (Expr e : s.exprs) {
      if (!validExpr(e, scopes, earlier)) {
        return false;
      }
    }
    if (s instanceof Decl d) {
      Ty t = d.exprs.get(0).type();
      return (t == d.ty || (d.ty == Ty.D && t == Ty.I)) && declare(scopes, d.name, d.ty);
    }
    if (s instanceof Assign a) {
      Expr target = a.exprs.get(0);
      if (target instanceof Ref r) {
        return r.ty == Ty.D;
      }
      return target instanceof Index;
    }
    if (s instanceof If) {
      if (s.exprs.get(0).type() != Ty.B) {
        return false;
      }
      for (List<Stmt> b : s.blocks) {
        if (!validBlock(b, scopes, loops, m, earlier)) {
          return false;
        }
      }
      return true;
    }
    if (s instanceof For f) {
      if (s.exprs.get(0).type() != Ty.I) {
        return false;
      }
      scopes.add(new HashMap<>());
      try {
        return declare(scopes, f.var, Ty.I) && validBlock(s.blocks.get(0), scopes, loops + 1, m, earlier);
      } finally {
        scopes.remove(scopes.size() - 1);
      }
    }
    if (s instanceof While w) {
      if (s.exprs.get(0).type() != Ty.B || !declare(scopes, w.counter, Ty.I)) {
        return false;
      }
      return validBlock(s.blocks.get(0), scopes, loops + 1, m, earlier);
    }
    if (s instanceof Switch) {
      if (s.exprs.get(0).type() != Ty.I) {
        return false;
      }
      for (List<Stmt> b : s.blocks) {
        if (!validBlock(b, scopes, loops, m, earlier)) {
          return false;
        }
      }
      return true;
    }
    if (s instanceof CallStmt) {
      return s.exprs.get(0) instanceof Call c && c.owner == null && c.ty == Ty.V;
    }
    if (s instanceof Jump) {
      return loops > 0;
    }
    if (s instanceof Return) {
      Ty t = s.exprs.get(0).type();
      return t == m.result || (m.result == Ty.D && t == Ty.I);
    }
    return false;
  }

  private static boolean validExpr(Expr e, List<Map<String, Ty>> scopes, Map<String, Method> earlier) {
    for (Expr k : e.kids) {
      if (!validExpr(k, scopes, earlier)) {
        return false;
      }
    }
    if (e instanceof Ref r) {
      return lookup(scopes, r.name) == r.ty;
    }
    if (e instanceof Call c && c.owner == null) {
      Method callee = earlier.get(c.name);
      if (callee == null || callee.params.size() != c.kids.size() || callee.result != c.ty) {
        return false;
      }
      for (int i = 0; i < c.kids.size(); i++) {
        if (!assignable(callee.params.get(i).ty(), c.kid(i).type())) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof Index || e instanceof Len) {
      return e.kid(0).type() == Ty.A && (e instanceof Len || e.kid(1).type() == Ty.I);
    }
    if (e instanceof Op o) {
      Ty a = o.kid(0).type();
      Ty b = o.kid(1).type();
      return switch (o.op) {
        case "&&", "||" -> a == Ty.B && b == Ty.B;
        case "<", ">", "<=", ">=" -> a != Ty.B && a != Ty.A && b != Ty.B && b != Ty.A;
        default -> o.ty == Ty.I ? a == Ty.I && b == Ty.I : a != Ty.B && a != Ty.A && b != Ty.B && b != Ty.A;
      };
    }
    if (e instanceof SwitchExpr) {
      for (int i = 1; i < e.kids.size(); i++) {
        if (!assignable(Ty.D, e.kid(i).type())) {
          return false;
        }
      }
      return e.kid(0).type() == Ty.I;
    }
    if (e instanceof Cond) {
      return e.kid(0).type() == Ty.B && assignable(Ty.D, e.kid(1).type()) && assignable(Ty.D, e.kid(2).type());
    }
    if (e instanceof Unary u) {
      return u.op.equals("!") ? u.kid(0).type() == Ty.B : assignable(Ty.D, u.kid(0).type());
    }
    return true;
  }

  static boolean assignable(Ty to, Ty from) {
    return to == from || (to == Ty.D && from == Ty.I);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
