package dev.adjoint.processor.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus: each case is a small class with one construct the processor does not
 * accept. Every case must give exactly one error, naming the construct and saying what to do, on the
 * line of the construct, and no generated companion.
 */
class HostileInputTest {

  /** One case: the source of {@code p.T}, a fragment of the expected message, the text of its line. */
  record Case(String name, String source, String fragment, String line) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Case> CASES = new ArrayList<>();

  /** A case whose class {@code T} holds {@code members}. */
  private static void add(String name, String members, String fragment, String line) {
    CASES.add(new Case(name, Hostile.unit("class T {\n" + members + "\n}\n"), fragment, line));
  }

  /** A case with a whole compilation unit after the imports. */
  private static void addUnit(String name, String afterImports, String fragment, String line) {
    CASES.add(new Case(name, Hostile.unit(afterImports), fragment, line));
  }

  /** A case whose method {@code f(double x, int n, double[] a)} has {@code body}. */
  private static void addBody(String name, String body, String fragment, String line) {
    add(name, "  @Differentiable\n  static double f(double x, int n, double[] a) {\n" + body + "\n  }", fragment, line);
  }

  static {
    // ---- signatures ----
    add("instance method", "  @Differentiable\n  double f(double x) {\n    return x;\n  }",
        "@Differentiable method f must be static", "double f(double x)");
    add("private method", "  @Differentiable\n  private static double f(double x) {\n    return x;\n  }",
        "@Differentiable method f must not be private", "private static double f");
    add("generic method", "  @Differentiable\n  static <T> double f(double x) {\n    return x;\n  }",
        "@Differentiable method f has type parameters", "static <T> double f");
    add("varargs method", "  @Differentiable\n  static double f(double... x) {\n    return x[0];\n  }",
        "@Differentiable method f takes variable arguments", "static double f(double... x)");
    add("native method", "  @Differentiable\n  static native double f(double x);",
        "@Differentiable method f has no body", "static native double f");
    // Parameters of every other type are constants (ConstantsOfAnyTypeTest); what they cannot do:
    add("a write into a double[][][] parameter",
        "  @Differentiable\n  static double f(double x, double[][][] t) {\n    t[0][0][0] = x;\n    return x;\n  }",
        "a write into a double[] cannot be differentiated", "t[0][0][0] = x;");
    add("an active double passed to a method of a constant object",
        "  @Differentiable\n  static double f(double x, java.util.List<Double> l) {\n"
            + "    return x * l.indexOf(x);\n  }",
        "call of indexOf(...) passes a value that depends on a differentiable parameter to a method of the constant"
            + " java.util.List<java.lang.Double>: its result would need a derivative", "l.indexOf(x)");
    add("an active double passed to an Object parameter of a helper",
        "  static double g(Object o, double y) {\n    return y;\n  }\n\n  @Differentiable\n"
            + "  static double f(double x) {\n    return g(x, 2.0) * x;\n  }",
        "argument 1 of T.g depends on a differentiable parameter, but T.g declares that parameter java.lang.Object",
        "return g(x, 2.0)");
    addBody("an active double boxed into an Object local", "    Object o = x;\n    return x;",
        "the initialiser of o passes double where o expects java.lang.Object", "Object o = x;");
    // A void method's result is the one double[] parameter it writes (VoidEntryPointsTest); what it cannot be:
    add("void method writing no parameter", "  @Differentiable\n  static\n  void f(double x, double[] a) {\n"
        + "    double[] b = new double[1];\n    b[0] = x * a[0];\n  }",
        "@Differentiable method f returns void but writes into none of its array parameters", "  void f(");
    add("void method writing two parameters", "  static void set(double[] v, double x) {\n    v[0] = x;\n  }\n\n"
        + "  @Differentiable\n  static\n  void f(double x, double[] a, double[] b) {\n    a[0] = x;\n"
        + "    set(b, x * x);\n  }",
        "@Differentiable method f returns void but writes into more than one of its array parameters (a, b)", "  void f(");
    add("void method writing a matrix", "  @Differentiable\n  static\n  void f(double x, double[][] m) {\n"
        + "    m[0][0] = x;\n  }",
        "@Differentiable method f returns void but writes its result into m, a double[][], not a double[]", "  void f(");
    add("void method writing a record's array", "  record R(double[] w, double c) {}\n\n  @Differentiable\n  static\n"
        + "  void f(double x, R r) {\n    r.w()[0] = x * r.c();\n  }",
        "@Differentiable method f returns void but writes its result into an array component of a record parameter",
        "  void f(");
    add("return type boolean", "  @Differentiable\n  static\n  boolean f(double x) {\n    return true;\n  }",
        "@Differentiable method f returns boolean", "  boolean f(");
    add("return type int", "  @Differentiable\n  static\n  int f(double x) {\n    return 1;\n  }",
        "@Differentiable method f returns int", "  int f(");
    add("return type float", "  @Differentiable\n  static\n  float f(double x) {\n    return 1;\n  }",
        "@Differentiable method f returns float", "  float f(");
    add("return type double[][]", "  @Differentiable\n  static\n  double[][] f(double[][] x) {\n    return x;\n  }",
        "@Differentiable method f returns double[][]", "  double[][] f(");
    add("return type Object", "  @Differentiable\n  static\n  Object f(double x) {\n    return x;\n  }",
        "@Differentiable method f returns java.lang.Object", "  Object f(");
    add("return type Double", "  @Differentiable\n  static\n  Double f(double x) {\n    return x;\n  }",
        "@Differentiable method f returns java.lang.Double", "  Double f(");

    // ---- wrt and @NoDerivative ----
    add("wrt names a missing parameter",
        "  @Differentiable(wrt = {\"y\"})\n  static double f(double x) {\n    return x;\n  }",
        "wrt names \"y\", which is not a parameter of f", "wrt = {");
    add("wrt names an int parameter",
        "  @Differentiable(wrt = {\"n\"})\n  static double f(double x, int n) {\n    return x * n;\n  }",
        "wrt names \"n\", a parameter of type int", "wrt = {");
    add("wrt names a @NoDerivative parameter",
        "  @Differentiable(wrt = {\"x\", \"c\"})\n  static double f(double x, @NoDerivative double c) {\n"
            + "    return x * c;\n  }",
        "wrt names \"c\", which is marked @NoDerivative", "wrt = {");
    add("@NoDerivative on an int parameter",
        "  @Differentiable\n  static double f(\n      double x,\n      @NoDerivative int n) {\n    return x * n;\n  }",
        "@NoDerivative on parameter n of type int has no effect", "@NoDerivative int n");
    add("two @Differentiable methods with the same name",
        "  @Differentiable\n  static double f(double x) {\n    return x;\n  }\n\n"
            + "  @Differentiable\n  static double f(double x, double y) {\n    return x * y;\n  }",
        "class T has more than one @Differentiable method named f", "static double f(double x, double y)");
    add("@Differentiable in an inner (non-static) class",
        "  class Inner {\n    @Differentiable\n    static double f(double x) {\n      return x;\n    }\n  }",
        "not to the inner (non-static) class Inner", "static double f(double x)");

    // ---- statements ----
    addBody("try/catch", "    double y;\n    try {\n      y = Math.sin(x);\n    } catch (RuntimeException e) {\n"
        + "      y = 0;\n    }\n    return y;", "try/catch/finally cannot be differentiated", "try {");
    addBody("try/finally", "    double y = 0;\n    try {\n      y = Math.sin(x);\n    } finally {\n"
        + "      y = y + 1;\n    }\n    return y;", "try/catch/finally cannot be differentiated", "try {");
    addBody("throw", "    if (x < 0) {\n      throw new IllegalArgumentException(\"negative\");\n    }\n    return x;",
        "throw cannot be differentiated", "throw new");
    add("switch on an Integer", "  @Differentiable\n  static double f(double x, Integer k) {\n    double y = x;\n"
        + "    switch (k) {\n      case 1:\n        y = 2 * x;\n        break;\n      default:\n        break;\n"
        + "    }\n    return y;\n  }",
        "a switch on a value of type java.lang.Integer cannot be differentiated", "switch (k)");
    addBody("synchronized", "    double y;\n    synchronized (T.class) {\n      y = x * x;\n    }\n    return y;",
        "synchronized cannot be differentiated", "synchronized (T.class)");
    addBody("assert", "    assert x > 0 : \"positive\";\n    return x;", "assert cannot be differentiated", "assert x");
    addBody("local class", "    class Helper {\n    }\n    return x;", "a local class cannot be differentiated",
        "class Helper");
    addBody("local record", "    record Pair(double a, double b) {\n    }\n    return x;",
        "a local class cannot be differentiated", "record Pair");

    // ---- expressions ----
    addBody("new of an object", "    new Object();\n    return x;", "creating an object with new cannot be differentiated",
        "new Object();");
    addBody("anonymous class", "    new Object() {\n    };\n    return x;",
        "creating an object with new cannot be differentiated", "new Object() {");
    addBody("instanceof", "    if (a instanceof Object) {\n      return x;\n    }\n    return 2 * x;",
        "instanceof cannot be differentiated", "a instanceof Object");
    addBody("float literal", "    double y = x * 2.5f;\n    return y;", "the float literal 2.5",
        "x * 2.5f");
    addBody("String local with concatenation", "    String s = \"x = \" + x;\n    return x;",
        "string concatenation cannot be differentiated", "String s =");
    addBody("float local", "    float g = 1;\n    return x * g;", "local variable g has type float", "float g");
    addBody("long[] local created here", "    long[] b = new long[2];\n    return x;",
        "this array creation cannot be differentiated", "long[] b");
    addBody("cast to float", "    double y = (float) x;\n    return y;", "a cast to float cannot be differentiated",
        "(float) x");
    add("instance field read through a static field",
        "  static final T ONE = new T();\n  double k = 2;\n\n  @Differentiable\n  static double f(double x) {\n"
            + "    return x * ONE.k;\n  }",
        "instance field k cannot be differentiated", "x * ONE.k");
    add("static field write", "  static double last;\n\n  @Differentiable\n  static double f(double x) {\n"
        + "    last = x;\n    return x;\n  }", "assignment to field last", "last = x;");
    add("static field compound write", "  static double total;\n\n  @Differentiable\n  static double f(double x) {\n"
        + "    total += x;\n    return x;\n  }", "assignment to field total", "total += x;");
    add("static field write through the class name", "  static double last;\n\n  @Differentiable\n"
        + "  static double f(double x) {\n    T.last = x;\n    return x;\n  }", "assignment to field T.last", "T.last = x;");
    add("static field increment", "  static int calls;\n\n  @Differentiable\n  static double f(double x) {\n"
        + "    calls++;\n    return x;\n  }", "assignment to field calls", "calls++;");
    add("private static field that is not final", "  private static double scale = 3;\n\n  @Differentiable\n"
        + "  static double f(double x) {\n    return x * scale;\n  }",
        "the private static field T.scale is not final", "x * scale");
    add("private helper that cannot be copied", "  private static int twice(int k) {\n    if (k < 0) {\n"
        + "      throw new IllegalArgumentException();\n    }\n    return 2 * k;\n  }\n\n"
        + "  @Differentiable\n  static double f(double x, int n) {\n    return x * twice(n);\n  }",
        "T.twice is private, and Adjoint cannot copy it into the generated class (line 9: throw", "x * twice(n)");
    addBody("instance method call on an array", "    return x * a.hashCode();",
        "call of instance method hashCode on a value of type double[]", "a.hashCode()");
    add("varargs helper call", "  static double sum(double... v) {\n    return v.length;\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    return sum(1, 2) * x;\n  }",
        "a call of the varargs method sum cannot be differentiated", "sum(1, 2) * x");
    add("recursive void helper writing into its argument", "  static void fillDown(double[] v, double x, int n) {\n"
        + "    if (n == 0) {\n      return;\n    }\n    v[n - 1] = x;\n    fillDown(v, x, n - 1);\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    double[] v = new double[3];\n    fillDown(v, x, 3);\n"
        + "    return v[0];\n  }", "fillDown writes into or returns an array it is given", "fillDown(v, x, n - 1);");
    add("helper whose body cannot be differentiated", "  static double helper(double v) {\n    if (v < 0) {\n"
        + "      throw new IllegalArgumentException();\n    }\n    return v * v;\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    double y = helper(x);\n    return y;\n  }",
        "T.helper is given a value that depends on a differentiable parameter, but Adjoint cannot differentiate its"
            + " body (line 9: throw", "helper(x);");
    add("private helper whose body cannot be differentiated, kept a call in a loop",
        "  private static double helper(double v) {\n    for (int i = 0; i < 2; i++) {\n      if (v < 0) {\n"
        + "        throw new IllegalArgumentException();\n      }\n    }\n    return v * v;\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    double s = 0;\n    for (int k = 0; k < 2; k++) {\n"
        + "      s += helper(x);\n    }\n    return s;\n  }",
        "T.helper is given a value that depends on a differentiable parameter, but Adjoint cannot differentiate its"
            + " body (line 10: throw", "s += helper(x);");
    addBody("System.arraycopy between arrays of different types",
        "    double[][] m = new double[2][2];\n    System.arraycopy(a, 0, m, 0, 1);\n    return x;",
        "this form of System.arraycopy cannot be differentiated", "System.arraycopy(a, 0, m, 0, 1)");
    addBody("Double.valueOf result", "    double y = Double.valueOf(x);\n    return y;", 
        "call of Double.valueOf passes a value that depends on a differentiable parameter", "Double.valueOf");
    addUnit("write into a static array of another class",
        "class Other {\n  static double[] buf = new double[3];\n}\n\nclass T {\n  @Differentiable\n"
            + "  static double f(double x) {\n    Other.buf[0] = x;\n    return x;\n  }\n}\n",
        "holds constants", "Other.buf[0] = x;");
    add("lambda passed to a static helper", "  static double ap(java.util.function.DoubleUnaryOperator op, double v) {\n    return op.applyAsDouble(v);\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    return ap(v -> v * 2, 3.0) * x;\n  }",
        "a lambda cannot be differentiated", "ap(v -> v * 2");
    addBody("lambda in a local", "    java.util.function.DoubleUnaryOperator op = v -> v * 2;\n    return x;",
        "a lambda cannot be differentiated", "op = v -> v * 2");
    add("method reference passed to a static helper", "  static double ap(java.util.function.DoubleUnaryOperator op, double v) {\n    return op.applyAsDouble(v);\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    return ap(Math::sin, 3.0) * x;\n  }",
        "a method reference cannot be differentiated", "ap(Math::sin");
    add("String concatenation with a double passed to a helper", "  static void log(String s) {\n  }\n\n"
        + "  @Differentiable\n  static double f(double x) {\n    log(\"x = \" + x);\n    return x;\n  }",
        "string concatenation cannot be differentiated", "log(\"x = \" + x)");
    add("for-each over a List field",
        "  static final java.util.List<Double> LIST = java.util.List.of(1.0);\n\n  @Differentiable\n"
            + "  static double f(double x) {\n    double s = x;\n    for (double v : LIST) {\n      s += v;\n    }\n"
            + "    return s;\n  }",
        "a for-each loop over java.util.List<java.lang.Double> cannot be differentiated", "for (double v : LIST)");
    add("arithmetic on a float parameter", "  @Differentiable\n  static double f(double x, float g) {\n"
        + "    return x * g;\n  }", "operator * on double and float", "return x * g;");
    add("private field of a private nested class", "  private static final class Inner {\n"
        + "    private static final double[] W = {1, 2};\n  }\n\n  @Differentiable\n  static double f(double x) {\n"
        + "    return x * Inner.W[0];\n  }",
        "field W is private, and the generated TDerivatives class cannot read it", "return x * Inner.W[0];");
    addBody("a name javac cannot resolve", "    return x * y;", "cannot resolve y", "return x * y;");
    if (Runtime.version().feature() >= 21) {
      addBody("a Math function without a derivative", "    return Math.clamp(x, 0.0, 1.0);",
          "Math.clamp is applied to a value that depends on a differentiable parameter", "Math.clamp");
    }
    // ---- records that carry derivatives: what needs the record as one object ----
    addUnit("an accessor the record declares itself",
        "record P(double a, double b) {\n  public double a() {\n    return a * 2;\n  }\n}\n\nclass T {\n"
            + "  @Differentiable\n  static double f(P p) {\n    return p.a() * p.b();\n  }\n}\n",
        "calling a() on the record P, whose components can carry derivatives cannot be differentiated",
        "return p.a() * p.b();");
    addUnit("an instance method of a record that carries derivatives",
        "record P(double a, double b) {\n  double norm() {\n    return Math.hypot(a, b);\n  }\n}\n\nclass T {\n"
            + "  @Differentiable\n  static double f(P p) {\n    return p.norm();\n  }\n}\n",
        "write norm as a static method taking the P (static double norm(P r))", "return p.norm();");
    addUnit("new of a record whose constructor the source declares",
        "record C(double lo, double hi) {\n  C {\n    if (lo > hi) {\n      throw new IllegalArgumentException();\n"
            + "    }\n  }\n}\n\nclass T {\n  @Differentiable\n  static double f(double x) {\n"
            + "    C c = new C(x, x + 1);\n    return c.lo();\n  }\n}\n",
        "new C(...), whose constructor is declared in the source cannot be differentiated", "C c = new C(x, x + 1);");
    addUnit("a record that carries derivatives chosen by ?:",
        "record P(double a, double b) {}\n\nclass T {\n  @Differentiable\n  static double f(P p, P q) {\n"
            + "    P r = p.a() > 0 ? p : q;\n    return r.b();\n  }\n}\n",
        "using the record value p here cannot be differentiated", "P r = p.a() > 0 ? p : q;");
    addUnit("a record that carries derivatives compared with ==",
        "record P(double a, double b) {}\n\nclass T {\n  @Differentiable\n  static double f(P p, P q) {\n"
            + "    return p == q ? p.a() : q.b();\n  }\n}\n",
        "using the record value p here cannot be differentiated", "return p == q ? p.a() : q.b();");
    addUnit("a record that carries derivatives passed to a library method",
        "record P(double a, double b) {}\n\nclass T {\n  @Differentiable\n  static double f(P p) {\n"
            + "    return p.a() * java.util.Objects.hashCode(p);\n  }\n}\n",
        "using the record value p here cannot be differentiated", "java.util.Objects.hashCode(p)");
    addUnit("a helper returning a record, called with values that carry derivatives",
        "record P(double a, double b) {}\n\nclass T {\n  static P twice(P p) {\n    return new P(2 * p.a(), p.b());\n"
            + "  }\n\n  @Differentiable\n  static double f(P p) {\n    return twice(p).a();\n  }\n}\n",
        "a call of twice, which returns a record, with arguments that can carry derivatives cannot be"
            + " differentiated", "return twice(p).a();");
    addUnit("a switch expression whose value is a record that carries derivatives",
        "record P(double a, double b) {}\n\nclass T {\n  @Differentiable\n  static double f(P p, int k) {\n"
            + "    P r = switch (k) {\n      case 0 -> p;\n      default -> new P(1, 2);\n    };\n    return r.a();\n"
            + "  }\n}\n",
        "a switch expression whose value is a record that can carry derivatives cannot be differentiated",
        "P r = switch (k) {");

    // ---- found by this corpus and fixed: each keeps one error on its line ----
    add("static array written through a local alias",
        "  static double[] buf = new double[3];\n\n  @Differentiable\n  static double f(double x) {\n"
            + "    double[] b = buf;\n    b[0] = x;\n    return buf[0] * 2;\n  }",
        "the array b (which is T.buf) holds constants", "b[0] = x;");
    addBody("write into a @NoDerivative array, reported at the write",
        "    return g(x, a);\n  }\n\n  @Differentiable\n  static double g(double x, @NoDerivative double[] out) {\n"
            + "    double y = x * x;\n    out[0] = y;\n    return y;",
        "the array out holds constants", "out[0] = y;");
    add("local class", "  static double g(double y) {\n    class Local {\n      @Differentiable\n"
        + "      static double f(double x) {\n        return x;\n      }\n    }\n    return Local.f(y);\n  }",
        "not to a local or anonymous class", "static double f(double x)");
    add("anonymous class", "  static final Object O = new Object() {\n    @Differentiable\n"
        + "    static double f(double x) {\n      return x;\n    }\n  };",
        "not to a local or anonymous class", "static double f(double x)");
    addUnit("abstract method: only the missing body",
        "abstract class T {\n  @Differentiable\n  abstract double f(double x);\n}\n",
        "@Differentiable method f has no body", "abstract double f");
    add("differentiable parameter named value", "  @Differentiable\n  static double f(double value) {\n"
        + "    return value;\n  }", "differentiable parameter named value", "static double f(double value)");
    add("methods whose names differ in the first letter", "  @Differentiable\n  static double g(double x) {\n"
        + "    return x;\n  }\n\n  @Differentiable\n  static double G(double x) {\n    return x;\n  }",
        "would both generate GGradient", "static double G(double x)");
    addUnit("a class already named like the companion",
        "class TDerivatives {\n}\n\nclass T {\n  @Differentiable\n  static double f(double x) {\n"
            + "    return x;\n  }\n}\n",
        "already taken by a class of yours", "class T {");
    addBody("label on an if", "    double y = 0;\n    check: if (x > 0) {\n      y = x;\n    }\n    return y;",
        "a label on a statement that is not a loop, a switch or a block cannot be differentiated", "check: if");
    addBody("double[][][] local created here", "    double[][][] c = new double[1][1][1];\n    return x;",
        "this array creation cannot be differentiated", "double[][][] c");
    addBody("Double local holding an active value", "    Double k = x;\n    return x * n;",
        "the initialiser of k passes double where k expects java.lang.Double", "Double k");
    addUnit("static field write in another class",
        "class Other {\n  static double total;\n}\n\nclass T {\n  @Differentiable\n"
            + "  static double f(double x) {\n    Other.total = x;\n    return x;\n  }\n}\n",
        "assignment to field Other.total", "Other.total = x;");
  }

  static Stream<Case> cases() {
    return CASES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsOneErrorOnTheConstructsLine(Case c) {
    Compilation compilation = Hostile.expectOneError(c.source(), c.fragment(), c.line());
    PRODUCED.add(MessageTemplates.classify(compilation.errors().get(0).getMessage(null)));
    ran++;
  }

  /** The messages the cases produced, each told apart by its text and its hint. */
  private static final Set<Message> PRODUCED = EnumSet.noneOf(Message.class);
  private static int ran;

  /**
   * Messages no case of this corpus can produce, and where each is produced instead: the inputs
   * need a jar on the class path, or the message is a safety net rather than a mistake in the input.
   */
  private static final Map<Message, String> ELSEWHERE = Map.ofEntries(
      Map.entry(Message.CALLEE_NOT_COMPILED,
          "FocusedDiagnosticsTest.aDifferentiableCalleeCompiledWithoutTheProcessorIsReportedAtTheCall (a jar)"),
      Map.entry(Message.CALLEE_HOLDS_ARGUMENT_CONSTANT,
          "FocusedDiagnosticsTest.anActiveArgumentIntoAParameterAJarCalleeHoldsConstantIsAnErrorAtTheCall (a jar)"),
      Map.entry(Message.JAR_CALLEE_WRITES_ARGUMENT,
          "FocusedDiagnosticsTest.anActiveArgumentToAVoidJarCalleeIsAnErrorAtTheCall (a jar)"),
      Map.entry(Message.RULE_TARGET_MISSING, "CustomRulesTest.aMissingTargetIsAnErrorAtTheAnnotation (a jar target)"),
      Map.entry(Message.RULE_SIGNATURE, "CustomRulesTest.parametersThatDoNotMatchAreAnErrorNamingTheSignatureExpected (a jar)"),
      Map.entry(Message.RULE_INCOMPLETE, "GeneralRulesTest.aTangentWithoutItsPullbackIsAnErrorAtTheAnnotation (a jar target)"),
      Map.entry(Message.INTERNAL_ERROR, "none: it reports a bug in Adjoint; NoCrashTest checks that no input gets it"),
      Map.entry(Message.CHECKPOINT_MISPLACED, "behaviour.CheckpointedLoopsTest (misplaced markers, with their lines)"),
      Map.entry(Message.TOO_DEEP, "none: it stands in for a StackOverflowError of the processor on a pathological input"),
      Map.entry(Message.MATH_WITHOUT_DERIVATIVE, Runtime.version().feature() >= 21 ? "" : "Math.clamp, from JDK 21 on"),
      Map.entry(Message.DERIVATIVE_TOO_LARGE,
          "behaviour.GeneratedMethodSizeTest.aFirstOrderDerivativeTooLargeForTheJvmIsAnErrorAtTheMethod (a huge method)"));

  /** One message per mistake: every message is produced by some input, or it is not in the enum. */
  @AfterAll
  static void everyMessageIsProducedByACase() {
    if (ran < CASES.size()) {
      return; // a filtered run: the corpus is incomplete
    }
    List<Message> missing = new ArrayList<>();
    for (Message m : Message.values()) {
      if (!PRODUCED.contains(m) && ELSEWHERE.getOrDefault(m, "").isEmpty()) {
        missing.add(m);
      }
      assertTrue(Hostile.hasHint(m.format("a", "b", "c", "d", "e")), m + " has no hint");
    }
    assertTrue(missing.isEmpty(), "messages no case produces (add a case, or remove the message): " + missing);
  }
}
