package dev.adjoint.processor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Expr.BinaryOp;
import dev.adjoint.processor.ir.Exprs;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linearization on IR alone: each operation gives the operands and partials its row in the
 * rule table says, and the structural operations say where derivatives are kept.
 */
class LinearizationTest {
  private static final Var X = new Var("x", Type.DOUBLE, Var.Role.PARAMETER);
  private static final Var Y = new Var("y", Type.DOUBLE, Var.Role.PARAMETER);
  private static final Var Z = new Var("z", Type.DOUBLE, Var.Role.PARAMETER);
  private static final Var RESULT = new Var("r", Type.DOUBLE, Var.Role.TEMPORARY);
  private static final Var N = new Var("n", Type.INT, Var.Role.PARAMETER);
  private static final Var FLAG = new Var("c", Type.BOOLEAN, Var.Role.PARAMETER);
  private static final Var A = new Var("a", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
  private static final Var B = new Var("b", Type.DOUBLE_ARRAY, Var.Role.PARAMETER);
  private static final Var M = new Var("m", Type.DOUBLE_MATRIX, Var.Role.PARAMETER);

  private static Linear.Term term(Expr operand, Expr partial) {
    return new Linear.Term(operand, partial);
  }

  /** The terms a rule's row gives for these operands: one per operand that is a double. */
  private static List<Linear.Term> row(Rule rule, List<Expr> operands) {
    List<Expr> partials = rule.partials(operands, RESULT);
    List<Linear.Term> terms = new ArrayList<>();
    for (int i = 0; i < operands.size(); i++) {
      if (operands.get(i).type().equals(Type.DOUBLE)) {
        terms.add(term(operands.get(i), partials.get(i)));
      }
    }
    return terms;
  }

  @ParameterizedTest
  @EnumSource(BinaryOp.class)
  void everyOperatorGivesTheOperandsAndPartialsOfItsRow(BinaryOp op) {
    Rule rule = DerivativeRules.arithmetic(op);
    if (rule != null) {
      Linear.Sum sum = Linearization.scalar(new Expr.Binary(op, X, Y, Type.DOUBLE), RESULT);
      assertEquals(row(rule, List.of(X, Y)), sum.terms());
      return;
    }
    // Comparisons of doubles give booleans; bit and logical operators work on integers and booleans.
    Type type = op.isComparison() ? Type.BOOLEAN : Type.INT;
    assertTrue(Linearization.scalar(new Expr.Binary(op, X, Y, type), RESULT).terms().isEmpty(), op.symbol);
  }

  static Stream<Arguments> mathRules() {
    return DerivativeRules.mathRules().stream().map(r -> Arguments.of(r.name() + "/" + r.arity(), r));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mathRules")
  void everyMathRowGivesItsOperandsAndPartials(String name, Rule rule) {
    List<Expr> args = new ArrayList<>(List.of(X, Y, Z).subList(0, rule.arity()));
    if (rule.name().equals("scalb")) {
      args.set(1, N); // scalb(d, n): n is an int, so it has no term
    }
    Linear.Sum sum = Linearization.scalar(new Expr.MathCall("java.lang.Math", rule.name(), args, Type.DOUBLE), RESULT);
    List<Linear.Term> expected = rule.isPiecewiseConstant() ? List.of() : row(rule, args);
    assertEquals(expected, sum.terms(), rule.name());
  }

  @Test
  void aMathFunctionWithoutARowHasNoTerms() {
    Expr call = new Expr.MathCall("java.lang.Math", "random", List.of(), Type.DOUBLE);
    assertTrue(Linearization.scalar(call, RESULT).terms().isEmpty());
  }

  @Test
  void negationIsMinusOne() {
    Linear.Sum sum = Linearization.scalar(new Expr.Unary(Expr.UnaryOp.NEG, X, Type.DOUBLE), RESULT);
    assertEquals(List.of(term(X, Exprs.constant(-1.0))), sum.terms());
  }

  @Test
  void castsFromIntegersGiveNothing() {
    Expr widened = new Expr.Cast(Type.DOUBLE, N, true);
    assertTrue(Linearization.scalar(widened, RESULT).terms().isEmpty());
    Linear.Sum product = Linearization.scalar(new Expr.Binary(BinaryOp.MUL, widened, X, Type.DOUBLE), RESULT);
    assertEquals(List.of(term(X, widened)), product.terms());
  }

  @Test
  void aCastBetweenDoublesPassesItsOperandOn() {
    Linear.Sum sum = Linearization.scalar(new Expr.Cast(Type.DOUBLE, X, false), RESULT);
    assertEquals(List.of(term(X, Exprs.ONE)), sum.terms());
  }

  @Test
  void variablesAndElementsArePlacesWithPartialOne() {
    Expr element = new Expr.ArrayLoad(A, N, Type.DOUBLE);
    assertEquals(List.of(term(X, Exprs.ONE)), Linearization.scalar(X, X).terms());
    assertEquals(List.of(term(element, Exprs.ONE)), Linearization.scalar(element, element).terms());
    assertTrue(Linearization.scalar(N, N).terms().isEmpty(), "an int variable");
  }

  @Test
  void constantsHaveNoTerm() {
    Expr twice = new Expr.Binary(BinaryOp.MUL, X, Exprs.constant(2.0), Type.DOUBLE);
    assertEquals(List.of(term(X, Exprs.constant(2.0))), Linearization.scalar(twice, RESULT).terms());
    assertTrue(Linearization.scalar(Exprs.constant(3.0), RESULT).terms().isEmpty());
    assertTrue(Linearization.scalar(new Expr.StaticField("p.C", "K", Type.DOUBLE), RESULT).terms().isEmpty());
  }

  @Test
  void aChoiceWeighsEachBranchByItsCondition() {
    Linear.Sum sum = Linearization.scalar(new Expr.Conditional(FLAG, X, Y, Type.DOUBLE), RESULT);
    assertEquals(List.of(term(X, Exprs.choose(FLAG, Exprs.ONE, Exprs.ZERO)),
        term(Y, Exprs.choose(FLAG, Exprs.ZERO, Exprs.ONE))), sum.terms());
  }

  @Test
  void operandsThatAreOperationsFollowTheChainRule() {
    // (x + y) * sin(z): d/dx = sin(z), d/dy = sin(z), d/dz = (x + y) * cos(z)
    Expr sum = new Expr.Binary(BinaryOp.ADD, X, Y, Type.DOUBLE);
    Expr sine = Exprs.math("sin", Z);
    Linear.Sum linear = Linearization.scalar(new Expr.Binary(BinaryOp.MUL, sum, sine, Type.DOUBLE), RESULT);
    List<Expr> operands = linear.terms().stream().map(Linear.Term::operand).toList();
    assertEquals(List.of(X, Y, Z), operands);
    ExprEvaluator eval = new ExprEvaluator(Map.of(X, 0.5, Y, 1.5, Z, 0.25));
    assertEquals(Math.sin(0.25), eval.eval(linear.terms().get(0).partial()));
    assertEquals(Math.sin(0.25), eval.eval(linear.terms().get(1).partial()));
    assertEquals(2.0 * Math.cos(0.25), eval.eval(linear.terms().get(2).partial()));
  }

  // ---- where derivatives are kept -------------------------------------------------------------

  private static final Var A_BAR = new Var("aBar", Type.DOUBLE_ARRAY, Var.Role.TEMPORARY);
  private static final Var B_BAR = new Var("bBar", Type.DOUBLE_ARRAY, Var.Role.TEMPORARY);
  private static final Var M_BAR = new Var("mBar", Type.DOUBLE_MATRIX, Var.Role.TEMPORARY);

  @Test
  void aVariableKeepsItsOwn() {
    assertEquals(new Linear.Variable(A), Linearization.storage(A));
    assertEquals(new Linear.Variable(X), Linearization.storage(X));
  }

  @Test
  void elementsRowsAndChoicesAliasTheirParts() {
    Linear.Alias row = assertInstanceOf(Linear.Alias.class,
        Linearization.storage(new Expr.ArrayLoad(M, N, Type.DOUBLE_ARRAY)));
    assertEquals(List.of(M), row.parts());
    assertEquals(new Expr.ArrayLoad(M_BAR, N, Type.DOUBLE_ARRAY), row.over(Map.of(M, M_BAR)::get));

    Linear.Alias element = assertInstanceOf(Linear.Alias.class,
        Linearization.storage(new Expr.ArrayLoad(A, N, Type.DOUBLE)));
    assertEquals(new Expr.ArrayLoad(A_BAR, N, Type.DOUBLE), element.over(Map.of(A, A_BAR)::get));

    Linear.Alias choice = assertInstanceOf(Linear.Alias.class,
        Linearization.storage(new Expr.Conditional(FLAG, A, B, Type.DOUBLE_ARRAY)));
    assertEquals(List.of(A, B), choice.parts());
    assertEquals(new Expr.Conditional(FLAG, A_BAR, B_BAR, Type.DOUBLE_ARRAY), choice.over(Map.of(A, A_BAR, B, B_BAR)::get));

    Linear.Alias rows = assertInstanceOf(Linear.Alias.class,
        Linearization.storage(new Expr.ArrayInit(Type.DOUBLE_MATRIX, List.of(A, B))));
    assertEquals(new Expr.ArrayInit(Type.DOUBLE_MATRIX, List.of(A_BAR, B_BAR)), rows.over(Map.of(A, A_BAR, B, B_BAR)::get));
  }

  @Test
  void aVectorInitialiserPacksTheLinearizationsOfItsElements() {
    Expr init = new Expr.ArrayInit(Type.DOUBLE_ARRAY, List.of(X, Exprs.constant(2.0)));
    Linear.Pack pack = assertInstanceOf(Linear.Pack.class, Linearization.storage(init));
    assertEquals(List.of(new Linear.Sum(List.of(term(X, Exprs.ONE))), new Linear.Sum(List.of())), pack.elements());
  }

  @Test
  void aCloneCopiesAndNewStorageIsFresh() {
    assertEquals(new Linear.Copy(A), Linearization.storage(new Expr.ArrayClone(A)));
    assertEquals(new Linear.Fresh(), Linearization.storage(new Expr.NewArray(Type.DOUBLE_ARRAY, List.of(N))));
    assertEquals(new Linear.Fresh(), Linearization.storage(new Expr.StaticField("p.C", "TABLE", Type.DOUBLE_ARRAY)));
    assertEquals(new Linear.Fresh(), Linearization.storage(new Expr.Const(Type.DOUBLE_ARRAY, null)));
  }

  @Test
  void whatCarriesNoDerivativeHasZero() {
    assertEquals(Exprs.ZERO, Linearization.zero(X));
    assertEquals(new Expr.ZerosLike(A), Linearization.zero(A));
    Expr absent = new Expr.Const(Type.DOUBLE_ARRAY, null);
    assertEquals(absent, Linearization.zero(absent));
  }
}
