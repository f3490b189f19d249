package dev.adjoint.processor.rules;

import static dev.adjoint.processor.ir.Exprs.ONE;
import static dev.adjoint.processor.ir.Exprs.ZERO;
import static dev.adjoint.processor.ir.Exprs.add;
import static dev.adjoint.processor.ir.Exprs.choose;
import static dev.adjoint.processor.ir.Exprs.compare;
import static dev.adjoint.processor.ir.Exprs.constant;
import static dev.adjoint.processor.ir.Exprs.div;
import static dev.adjoint.processor.ir.Exprs.math;
import static dev.adjoint.processor.ir.Exprs.mul;
import static dev.adjoint.processor.ir.Exprs.neg;
import static dev.adjoint.processor.ir.Exprs.sub;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Expr.BinaryOp;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of local derivatives, read by forward and reverse mode alike. Keys are
 * {@code java.lang.Math} (and {@code StrictMath}) method names with their number of double
 * arguments, and the arithmetic operators.
 *
 * <p>Conventions where a function has no derivative: at a kink the rule takes one side, stated in
 * the row ({@code abs} has derivative 0 at 0, {@code max} and {@code min} give the whole derivative
 * to the first argument on a tie); piecewise constant functions ({@code floor}, {@code signum},
 * ...) have derivative 0 everywhere, including at their jumps.
 */
public final class DerivativeRules {
  private static final Map<String, Rule> MATH = new LinkedHashMap<>();
  private static final String SMOOTH = "";
  private static final String PIECEWISE = "piecewise constant: derivative 0, also at the jumps";

  static {
    unary("sin", SMOOTH, (x, r) -> math("cos", x));
    unary("cos", SMOOTH, (x, r) -> neg(math("sin", x)));
    unary("tan", SMOOTH, (x, r) -> add(ONE, mul(r, r)));
    unary("asin", "infinite at -1 and 1", (x, r) -> div(ONE, math("sqrt", sub(ONE, mul(x, x)))));
    unary("acos", "infinite at -1 and 1", (x, r) -> neg(div(ONE, math("sqrt", sub(ONE, mul(x, x))))));
    unary("atan", SMOOTH, (x, r) -> div(ONE, add(ONE, mul(x, x))));
    unary("sinh", SMOOTH, (x, r) -> math("cosh", x));
    unary("cosh", SMOOTH, (x, r) -> math("sinh", x));
    unary("tanh", SMOOTH, (x, r) -> sub(ONE, mul(r, r)));
    unary("exp", SMOOTH, (x, r) -> r);
    unary("expm1", SMOOTH, (x, r) -> add(r, ONE));
    unary("log", "infinite at 0", (x, r) -> div(ONE, x));
    unary("log10", "infinite at 0", (x, r) -> div(ONE, mul(x, constant(Math.log(10)))));
    unary("log1p", "infinite at -1", (x, r) -> div(ONE, add(ONE, x)));
    unary("sqrt", "infinite at 0", (x, r) -> div(constant(0.5), r));
    unary("cbrt", "infinite at 0", (x, r) -> div(ONE, mul(constant(3.0), mul(r, r))));
    unary("abs", "kink at 0: derivative 0 there (the sign of x, as Math.signum)", (x, r) -> math("signum", x));
    unary("toRadians", SMOOTH, (x, r) -> constant(Math.PI / 180.0));
    unary("toDegrees", SMOOTH, (x, r) -> constant(180.0 / Math.PI));
    unary("nextUp", "treated as the identity", (x, r) -> ONE);
    unary("nextDown", "treated as the identity", (x, r) -> ONE);
    for (String f : List.of("floor", "ceil", "rint", "signum", "ulp")) {
      unary(f, PIECEWISE, (x, r) -> ZERO);
    }
    binary("atan2", "undefined at (0, 0): NaN there", (a, r) -> {
      Expr y = a.get(0);
      Expr x = a.get(1);
      Expr norm = add(mul(x, x), mul(y, y));
      return List.of(div(x, norm), neg(div(y, norm)));
    });
    binary("hypot", "kink at (0, 0): derivative 0 there", (a, r) -> {
      Expr zero = compare(BinaryOp.EQ, r, ZERO);
      return List.of(choose(zero, ZERO, div(a.get(0), r)), choose(zero, ZERO, div(a.get(1), r)));
    });
    binary("pow", "d/dx is 0 when y is 0; d/dy is 0 when x is 0", (a, r) -> {
      Expr x = a.get(0);
      Expr y = a.get(1);
      Expr dx = choose(compare(BinaryOp.EQ, y, ZERO), ZERO, mul(y, math("pow", x, sub(y, ONE))));
      Expr dy = choose(compare(BinaryOp.EQ, x, ZERO), ZERO, mul(r, math("log", x)));
      return List.of(dx, dy);
    });
    binary("max", "tie (x == y): the derivative goes to the first argument", (a, r) -> {
      Expr first = compare(BinaryOp.GE, a.get(0), a.get(1));
      return List.of(choose(first, ONE, ZERO), choose(first, ZERO, ONE));
    });
    binary("min", "tie (x == y): the derivative goes to the first argument", (a, r) -> {
      Expr first = compare(BinaryOp.LE, a.get(0), a.get(1));
      return List.of(choose(first, ONE, ZERO), choose(first, ZERO, ONE));
    });
    binary("copySign", "kink at magnitude 0: derivative 0 there; d/dsign is 0", (a, r) ->
        List.of(mul(math("signum", a.get(0)), math("copySign", ONE, a.get(1))), ZERO));
    binary("IEEEremainder", "jumps where x / y is halfway between integers", (a, r) ->
        List.of(ONE, neg(math("rint", div(a.get(0), a.get(1))))));
    binary("nextAfter", "treated as the identity in the first argument", (a, r) -> List.of(ONE, ZERO));
    // scalb(d, n) = d * 2^n; n is an int, so only d has a derivative.
    binary("scalb", SMOOTH, (a, r) -> List.of(
        new Expr.MathCall("java.lang.Math", "scalb", List.of(ONE, a.get(1)), Type.DOUBLE), ZERO));
    MATH.put("fma/3", new Rule("fma", 3, (a, r) -> List.of(a.get(1), a.get(0), ONE), SMOOTH));
  }

  private static final Map<BinaryOp, Rule> ARITHMETIC = new LinkedHashMap<>();

  static {
    ARITHMETIC.put(BinaryOp.ADD, new Rule("+", 2, (a, r) -> List.of(ONE, ONE), SMOOTH));
    ARITHMETIC.put(BinaryOp.SUB, new Rule("-", 2, (a, r) -> List.of(ONE, constant(-1.0)), SMOOTH));
    ARITHMETIC.put(BinaryOp.MUL, new Rule("*", 2, (a, r) -> List.of(a.get(1), a.get(0)), SMOOTH));
    // d(a/b)/db = -(a/b)/b; for 1/b held in a variable r that is -r*r, which needs no division and
    // not b (a sigmoid's 1 / (1 + exp(-x)) records only its result and the exponential).
    ARITHMETIC.put(BinaryOp.DIV, new Rule("/", 2,
        (a, r) -> List.of(div(ONE, a.get(1)),
            Exprs.isConst(a.get(0), 1.0) && r instanceof Expr.Atom ? neg(mul(r, r)) : neg(div(r, a.get(1)))),
        "infinite where the divisor is 0"));
    ARITHMETIC.put(BinaryOp.REM, new Rule("%", 2,
        (a, r) -> List.of(ONE, neg(math("rint", div(sub(a.get(0), r), a.get(1))))),
        "jumps where x / y is an integer"));
  }

  /** Unary minus. */
  public static final Rule NEGATE = new Rule("unary -", 1, (a, r) -> List.of(constant(-1.0)), SMOOTH);

  private DerivativeRules() {}

  private interface UnaryPartial {
    Expr of(Expr x, Expr result);
  }

  private static void unary(String name, String convention, UnaryPartial p) {
    MATH.put(name + "/1", new Rule(name, 1, (a, r) -> List.of(p.of(a.get(0), r)), convention));
  }

  private static void binary(String name, String convention, Rule.Partials p) {
    MATH.put(name + "/2", new Rule(name, 2, p, convention));
  }

  /**
   * The rule for a call in the table: the user's {@code @DerivativeOf} rule when it has one, else the
   * {@code Math} row; {@code null} when there is none.
   */
  public static Rule of(Expr.MathCall call) {
    if (call.rule() != null) {
      return call.rule().rule();
    }
    boolean math = call.owner().equals("java.lang.Math") || call.owner().equals("java.lang.StrictMath");
    return math ? forMath(call.method(), call.args().size()) : null;
  }

  /** The rule for a {@code Math} method with {@code arity} double arguments, or {@code null}. */
  public static Rule forMath(String method, int arity) {
    return MATH.get(method + "/" + arity);
  }

  /** The rule for an arithmetic operator on doubles, or {@code null} (comparisons, bit operations). */
  public static Rule arithmetic(BinaryOp op) {
    return ARITHMETIC.get(op);
  }

  /** Every {@code Math} rule, for tests and documentation. */
  public static Collection<Rule> mathRules() {
    return Collections.unmodifiableCollection(MATH.values());
  }

}
