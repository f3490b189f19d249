package dev.adjoint.processor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The rule table, row by row: each partial derivative against central finite differences of the
 * real {@code Math} function on its domain, at special values and random points, and the documented
 * convention at kinks.
 */
class DerivativeRulesTest {

  /** Each Math rule with the interval its arguments are drawn from (kept away from kinks and poles). */
  static Stream<Arguments> domains() {
    return Stream.of(
        Arguments.of("sin", -4.0, 4.0), Arguments.of("cos", -4.0, 4.0), Arguments.of("tan", -1.2, 1.2),
        Arguments.of("asin", -0.9, 0.9), Arguments.of("acos", -0.9, 0.9), Arguments.of("atan", -5.0, 5.0),
        Arguments.of("sinh", -3.0, 3.0), Arguments.of("cosh", -3.0, 3.0), Arguments.of("tanh", -3.0, 3.0),
        Arguments.of("exp", -3.0, 3.0), Arguments.of("expm1", -3.0, 3.0), Arguments.of("log", 0.1, 10.0),
        Arguments.of("log10", 0.1, 10.0), Arguments.of("log1p", -0.9, 10.0), Arguments.of("sqrt", 0.1, 10.0),
        Arguments.of("cbrt", 0.1, 10.0), Arguments.of("abs", 0.1, 5.0), Arguments.of("toRadians", -360.0, 360.0),
        Arguments.of("toDegrees", -6.0, 6.0), Arguments.of("atan2", 0.2, 3.0), Arguments.of("hypot", 0.2, 3.0),
        Arguments.of("pow", 0.2, 3.0), Arguments.of("max", -3.0, 3.0), Arguments.of("min", -3.0, 3.0),
        Arguments.of("fma", -3.0, 3.0), Arguments.of("copySign", 0.2, 3.0), Arguments.of("IEEEremainder", 2.1, 2.4),
        Arguments.of("floor", 0.1, 0.9), Arguments.of("ceil", 0.1, 0.9), Arguments.of("rint", 0.1, 0.4),
        Arguments.of("signum", 0.1, 3.0), Arguments.of("scalb", 1.0, 3.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("domains")
  void partialsMatchFiniteDifferences(String name, double lo, double hi) {
    int arity = name.equals("fma") ? 3 : List.of("atan2", "hypot", "pow", "max", "min", "copySign",
        "IEEEremainder", "scalb").contains(name) ? 2 : 1;
    Rule rule = DerivativeRules.forMath(name, arity);
    assertNotNull(rule, name);
    Random random = new Random(name.hashCode());
    for (int trial = 0; trial < 20; trial++) {
      double[] x = new double[arity];
      for (int i = 0; i < arity; i++) {
        x[i] = lo + (hi - lo) * random.nextDouble();
      }
      if (name.equals("scalb")) {
        x[1] = Math.rint(x[1]);
      }
      if ((name.equals("max") || name.equals("min")) && Math.abs(x[0] - x[1]) < 1e-3) {
        continue;
      }
      checkAt(rule, name, x);
    }
  }

  /** The rule's partials at {@code x}, with the argument and result variables bound to their values. */
  private record Bound(List<Expr> partials, ExprEvaluator eval) {
    static Bound at(Rule rule, String name, double[] x) {
      List<Expr> args = new ArrayList<>();
      Map<Var, Double> values = new HashMap<>();
      for (int i = 0; i < x.length; i++) {
        Var v = new Var("x" + i, Type.DOUBLE, Var.Role.PARAMETER);
        args.add(v);
        values.put(v, x[i]);
      }
      Var result = new Var("r", Type.DOUBLE, Var.Role.TEMPORARY);
      values.put(result, ExprEvaluator.call(name, x));
      return new Bound(rule.partials(args, result), new ExprEvaluator(values));
    }

    double value(int which) {
      return eval.eval(partials.get(which));
    }
  }

  private static void checkAt(Rule rule, String name, double[] x) {
    Bound bound = Bound.at(rule, name, x);
    assertEquals(x.length, bound.partials().size());
    for (int i = 0; i < x.length; i++) {
      if (name.equals("scalb") && i == 1) {
        continue; // an int argument: no derivative
      }
      double h = 1e-6 * Math.max(1, Math.abs(x[i]));
      double[] plus = x.clone();
      plus[i] += h;
      double[] minus = x.clone();
      minus[i] -= h;
      double fd = (ExprEvaluator.call(name, plus) - ExprEvaluator.call(name, minus)) / (2 * h);
      double p = bound.value(i);
      assertTrue(Math.abs(p - fd) <= 1e-6 * Math.max(1, Math.abs(fd)),
          name + " d/dx" + i + " at " + java.util.Arrays.toString(x) + ": rule " + p + ", finite differences " + fd);
    }
  }

  private static double partial(String name, int arity, int which, double... x) {
    return Bound.at(DerivativeRules.forMath(name, arity), name, x).value(which);
  }

  @Test
  void specialValues() {
    assertEquals(1.0, partial("sin", 1, 0, 0.0));
    assertEquals(0.0, partial("sin", 1, 0, Math.PI / 2), 1e-16);
    assertEquals(-1.0, partial("sin", 1, 0, Math.PI), 1e-15);
    assertEquals(0.0, partial("cos", 1, 0, 0.0), 0.0);
    assertEquals(1.0, partial("exp", 1, 0, 0.0));
    assertEquals(1.0, partial("log", 1, 0, 1.0));
    assertEquals(0.5, partial("sqrt", 1, 0, 1.0));
    assertEquals(Double.POSITIVE_INFINITY, partial("sqrt", 1, 0, 0.0));
    assertEquals(1.0, partial("tanh", 1, 0, 0.0));
    assertEquals(6.0, partial("pow", 2, 0, 3.0, 2.0)); // d/dx x^2 at 3
  }

  @Test
  void conventionsAtKinks() {
    assertEquals(0.0, partial("abs", 1, 0, 0.0), "abs at 0");
    assertEquals(-1.0, partial("abs", 1, 0, -2.0));
    assertEquals(1.0, partial("max", 2, 0, 1.0, 1.0), "max tie: first argument");
    assertEquals(0.0, partial("max", 2, 1, 1.0, 1.0), "max tie: not the second");
    assertEquals(1.0, partial("min", 2, 0, 1.0, 1.0), "min tie: first argument");
    assertEquals(0.0, partial("hypot", 2, 0, 0.0, 0.0), "hypot at the origin");
    assertEquals(0.0, partial("pow", 2, 0, 0.0, 0.0), "d/dx x^0 at 0");
    assertEquals(0.0, partial("pow", 2, 1, 0.0, 2.0), "d/dy 0^y");
    assertTrue(DerivativeRules.forMath("floor", 1).isPiecewiseConstant());
    assertTrue(DerivativeRules.forMath("signum", 1).isPiecewiseConstant());
  }

  @Test
  void everyRowStatesItsConventionOrIsSmooth() {
    for (Rule r : DerivativeRules.mathRules()) {
      assertNotNull(r.convention(), r.name());
      assertTrue(r.arity() >= 1 && r.arity() <= 3, r.name());
    }
    assertTrue(DerivativeRules.mathRules().size() >= 30, "rules: " + DerivativeRules.mathRules().size());
  }

  @Test
  void arithmetic() {
    Var a = new Var("a", Type.DOUBLE, Var.Role.PARAMETER);
    Var b = new Var("b", Type.DOUBLE, Var.Role.PARAMETER);
    Var r = new Var("r", Type.DOUBLE, Var.Role.TEMPORARY);
    Map<Var, Double> values = Map.of(a, 3.0, b, 4.0, r, 0.75);
    ExprEvaluator eval = new ExprEvaluator(values);
    List<Expr> div = DerivativeRules.arithmetic(Expr.BinaryOp.DIV).partials(List.of(a, b), r);
    assertEquals(0.25, eval.eval(div.get(0)));
    assertEquals(-0.75 / 4.0, eval.eval(div.get(1)));
    List<Expr> mul = DerivativeRules.arithmetic(Expr.BinaryOp.MUL).partials(List.of(a, b), r);
    assertEquals(4.0, eval.eval(mul.get(0)));
    assertEquals(3.0, eval.eval(mul.get(1)));
  }

  /** d(1/b)/db is -r*r for the result r: no division, and b is not needed. */
  @Test
  void aReciprocalsPartialIsMinusItsSquare() {
    Var b = new Var("b", Type.DOUBLE, Var.Role.PARAMETER);
    Var r = new Var("r", Type.DOUBLE, Var.Role.TEMPORARY);
    ExprEvaluator eval = new ExprEvaluator(Map.of(b, 4.0, r, 0.25));
    List<Expr> div = DerivativeRules.arithmetic(Expr.BinaryOp.DIV).partials(List.of(Exprs.ONE, b), r);
    assertEquals(-0.0625, eval.eval(div.get(1)));
    assertEquals(Set.of(r), Walk.reads(div.get(1)), div.get(1).toString());
    // Where the result is the expression itself (an operand of a larger one), it is -r/b as before.
    Expr quotient = Exprs.div(Exprs.ONE, b);
    List<Expr> nested = DerivativeRules.arithmetic(Expr.BinaryOp.DIV).partials(List.of(Exprs.ONE, b), quotient);
    assertEquals(-0.0625, eval.eval(nested.get(1)));
  }
}
