package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every java.lang.Math function with a derivative, called qualified ({@code Math.sin(x)}), through
 * {@code import static java.lang.Math.*} and through {@code StrictMath}; each one inside a small
 * composite so that the chain rule is exercised too.
 */
class MathFunctionsTest {

  /** A function, its arity, where its arguments are drawn from, and its known partials. */
  record Fn(String name, int arity, double lo, double hi, Partials partials) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Partials {
    double[] at(double[] x);
  }

  static final List<Fn> FUNCTIONS = List.of(
      unary("sin", -4, 4, Math::cos),
      unary("cos", -4, 4, x -> -Math.sin(x)),
      unary("tan", -1.2, 1.2, x -> 1 / (Math.cos(x) * Math.cos(x))),
      unary("asin", -0.9, 0.9, x -> 1 / Math.sqrt(1 - x * x)),
      unary("acos", -0.9, 0.9, x -> -1 / Math.sqrt(1 - x * x)),
      unary("atan", -5, 5, x -> 1 / (1 + x * x)),
      unary("sinh", -3, 3, Math::cosh),
      unary("cosh", -3, 3, Math::sinh),
      unary("tanh", -3, 3, x -> 1 / (Math.cosh(x) * Math.cosh(x))),
      unary("exp", -3, 3, Math::exp),
      unary("expm1", -3, 3, Math::exp),
      unary("log", 0.1, 10, x -> 1 / x),
      unary("log10", 0.1, 10, x -> 1 / (x * Math.log(10))),
      unary("log1p", -0.9, 10, x -> 1 / (1 + x)),
      unary("sqrt", 0.1, 10, x -> 0.5 / Math.sqrt(x)),
      unary("cbrt", 0.1, 10, x -> 1 / (3 * Math.cbrt(x) * Math.cbrt(x))),
      unary("abs", 0.1, 5, x -> 1),
      new Fn("abs", 1, -5, -0.1, x -> new double[] {-1}),
      unary("signum", 0.1, 3, x -> 0),
      unary("floor", 0.1, 0.9, x -> 0),
      unary("ceil", 0.1, 0.9, x -> 0),
      unary("rint", 0.1, 0.4, x -> 0),
      unary("toRadians", -360, 360, x -> Math.PI / 180),
      unary("toDegrees", -6, 6, x -> 180 / Math.PI),
      new Fn("atan2", 2, 0.2, 3, a -> new double[] {
          a[1] / (a[0] * a[0] + a[1] * a[1]), -a[0] / (a[0] * a[0] + a[1] * a[1])}),
      new Fn("hypot", 2, 0.2, 3, a -> new double[] {a[0] / Math.hypot(a[0], a[1]), a[1] / Math.hypot(a[0], a[1])}),
      new Fn("pow", 2, 0.2, 3, a -> new double[] {
          a[1] * Math.pow(a[0], a[1] - 1), Math.pow(a[0], a[1]) * Math.log(a[0])}),
      new Fn("max", 2, -3, 3, a -> a[0] >= a[1] ? new double[] {1, 0} : new double[] {0, 1}),
      new Fn("min", 2, -3, 3, a -> a[0] <= a[1] ? new double[] {1, 0} : new double[] {0, 1}),
      new Fn("copySign", 2, 0.2, 3, a -> new double[] {1, 0}),
      new Fn("copySign", 2, -3, 3, a -> new double[] {Math.signum(a[0]) * Math.signum(a[1]), 0}),
      new Fn("IEEEremainder", 2, 2.1, 2.4, a -> new double[] {1, -Math.rint(a[0] / a[1])}),
      new Fn("fma", 3, -3, 3, a -> new double[] {a[1], a[0], 1}),
      new Fn("scalb", 2, 1, 3, a -> new double[] {Math.scalb(1.0, (int) a[1])}));

  static Fn unary(String name, double lo, double hi, DoubleUnaryOperator d) {
    return new Fn(name, 1, lo, hi, x -> new double[] {d.applyAsDouble(x[0])});
  }

  private static Fixture qualified;
  private static Fixture imported;
  private static Fixture strict;

  /** The source of one method per function: {@code m<i>} returns {@code owner.fn(args)}. */
  static String methods(String owner) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < FUNCTIONS.size(); i++) {
      Fn f = FUNCTIONS.get(i);
      String call = (owner.isEmpty() ? "" : owner + ".") + f.name();
      if (f.name().equals("scalb")) {
        s.append("  @Differentiable static double m").append(i).append("(double x, int n) { return ")
            .append(call).append("(x, n); }\n");
        s.append("  @Differentiable static double c").append(i).append("(double x, int n) { double u = x * x; return ")
            .append(call).append("(u, n) * x + ").append(call).append("(x, n + 1); }\n");
        continue;
      }
      String[] names = {"x", "y", "z"};
      List<String> params = new ArrayList<>();
      List<String> args = new ArrayList<>();
      List<String> composite = new ArrayList<>();
      for (int k = 0; k < f.arity(); k++) {
        params.add("double " + names[k]);
        args.add(names[k]);
        // a composite argument that stays in the domain: 0.9 * v + 0.1 * lo-ish shift keeps the sign
        composite.add("(0.75 * " + names[k] + " + 0.25 * " + names[k] + " * " + names[k] + " / (1 + "
            + names[k] + " * " + names[k] + ") * " + names[k] + ")");
      }
      String p = String.join(", ", params);
      s.append("  @Differentiable static double m").append(i).append("(").append(p).append(") { return ")
          .append(call).append("(").append(String.join(", ", args)).append("); }\n");
      s.append("  @Differentiable static double c").append(i).append("(").append(p).append(") {\n")
          .append("    double r = ").append(call).append("(").append(String.join(", ", composite)).append(");\n")
          .append("    return r * r + x * r;\n  }\n");
    }
    return s.toString();
  }

  @BeforeAll
  static void compile() {
    qualified = Fixture.compile("Qualified", methods("Math"));
    strict = Fixture.compile("Strict", methods("StrictMath"));
    String importedText = "package p;\n\nimport static java.lang.Math.*;\n\nimport dev.adjoint.Differentiable;\n\n"
        + "public class Imported {\n" + methods("") + "}\n";
    imported = Fixture.compileSources("p.Imported", Compiler.source("p.Imported", importedText));
  }

  static Stream<Arguments> functions() {
    List<Arguments> out = new ArrayList<>();
    for (int i = 0; i < FUNCTIONS.size(); i++) {
      out.add(Arguments.of(FUNCTIONS.get(i), i));
    }
    return out.stream();
  }

  static Object[] point(Fn f, Random r) {
    if (f.name().equals("scalb")) {
      return at(Fixture.uniform(r, f.lo(), f.hi()), r.nextInt(7) - 3);
    }
    Object[] p = new Object[f.arity()];
    for (int k = 0; k < p.length; k++) {
      p[k] = Fixture.uniform(r, f.lo(), f.hi());
    }
    if (f.name().equals("max") || f.name().equals("min")) {
      // keep away from the tie
      double a = (Double) p[0];
      double b = (Double) p[1];
      if (Math.abs(a - b) < 0.1) {
        p[1] = b + (b > a ? 0.5 : -0.5);
      }
    }
    return p;
  }

  static List<Object[]> points(Fn f, int count) {
    Random r = new Random(f.name().hashCode() * 31L + (long) f.lo());
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(point(f, r));
    }
    return out;
  }

  private static double[] doubles(Fn f, Object[] p) {
    double[] x = new double[f.arity()];
    for (int k = 0; k < x.length; k++) {
      x[k] = ((Number) p[k]).doubleValue();
    }
    return x;
  }

  private static void checkKnownPartials(Fixture fx, Fn f, int i) {
    for (Object[] p : points(f, 4)) {
      Object[] g = fx.gradient("m" + i, p);
      double[] expected = f.partials().at(doubles(f, p));
      int differentiable = f.name().equals("scalb") ? 1 : f.arity();
      for (int k = 0; k < differentiable; k++) {
        double e = expected[k];
        double a = (Double) g[k];
        assertEquals(e, a, 1e-10 * Math.max(1, Math.abs(e)), f.name() + " d/d arg " + k + " at " + java.util.Arrays.toString(p));
      }
    }
  }

  private static void checkBothModes(Fixture fx, Fn f, int i) {
    List<Object[]> ps = points(f, 4);
    fx.check("m" + i, ps.toArray(new Object[0][]));
    fx.check("c" + i, ps.toArray(new Object[0][]));
  }

  @ParameterizedTest(name = "Math.{0}")
  @MethodSource("functions")
  void qualifiedCall(Fn f, int i) {
    checkKnownPartials(qualified, f, i);
    checkBothModes(qualified, f, i);
  }

  @ParameterizedTest(name = "static import {0}")
  @MethodSource("functions")
  void staticImport(Fn f, int i) {
    checkKnownPartials(imported, f, i);
    checkBothModes(imported, f, i);
  }

  @ParameterizedTest(name = "StrictMath.{0}")
  @MethodSource("functions")
  void strictMath(Fn f, int i) {
    checkKnownPartials(strict, f, i);
    checkBothModes(strict, f, i);
    // the value is StrictMath's own, bit for bit, in both derivative methods (DerivativeCheck compares
    // them with the original method, which calls StrictMath)
    for (Object[] p : points(f, 4)) {
      double[] x = doubles(f, p);
      double expected = switch (f.arity()) {
        case 1 -> strictUnary(f.name(), x[0]);
        case 2 -> f.name().equals("scalb") ? StrictMath.scalb(x[0], (Integer) p[1]) : strictBinary(f.name(), x[0], x[1]);
        default -> StrictMath.fma(x[0], x[1], x[2]);
      };
      double viaGradient = (Double) Fixture.component(strict.callCompanion("m" + i + "Gradient", p), "value");
      assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(viaGradient), f.name());
    }
  }

  @Test
  void strictMathStaysStrictInGeneratedCode() {
    String text = strict.generated();
    assertTrue(text.contains("StrictMath.sin("), text);
    assertTrue(text.contains("StrictMath.exp("), text);
  }

  @Test
  void sinhAndLogComposite() {
    // f(x) = sin(x) * exp(x) / x: f' = (cos x exp x + sin x exp x) / x - sin x exp x / x^2
    Fixture fx = Fixture.compile("Comp", """
          @Differentiable
          static double f(double x) {
            return Math.sin(x) * Math.exp(x) / x + Math.log(Math.cosh(x)) + Math.pow(x, 3) + Math.pow(2, x);
          }
        """);
    fx.check("f", at(0.4), at(1.3), at(-2.2), at(3.1));
    double x = 1.3;
    double expected = (Math.cos(x) * Math.exp(x) + Math.sin(x) * Math.exp(x)) / x
        - Math.sin(x) * Math.exp(x) / (x * x) + Math.tanh(x) + 3 * x * x + Math.pow(2, x) * Math.log(2);
    assertEquals(expected, fx.partial("f", 0, x), 1e-12 * Math.abs(expected));
  }

  private static double strictUnary(String name, double x) {
    return switch (name) {
      case "sin" -> StrictMath.sin(x);
      case "cos" -> StrictMath.cos(x);
      case "tan" -> StrictMath.tan(x);
      case "asin" -> StrictMath.asin(x);
      case "acos" -> StrictMath.acos(x);
      case "atan" -> StrictMath.atan(x);
      case "sinh" -> StrictMath.sinh(x);
      case "cosh" -> StrictMath.cosh(x);
      case "tanh" -> StrictMath.tanh(x);
      case "exp" -> StrictMath.exp(x);
      case "expm1" -> StrictMath.expm1(x);
      case "log" -> StrictMath.log(x);
      case "log10" -> StrictMath.log10(x);
      case "log1p" -> StrictMath.log1p(x);
      case "sqrt" -> StrictMath.sqrt(x);
      case "cbrt" -> StrictMath.cbrt(x);
      case "abs" -> StrictMath.abs(x);
      case "signum" -> StrictMath.signum(x);
      case "floor" -> StrictMath.floor(x);
      case "ceil" -> StrictMath.ceil(x);
      case "rint" -> StrictMath.rint(x);
      case "toRadians" -> StrictMath.toRadians(x);
      case "toDegrees" -> StrictMath.toDegrees(x);
      default -> throw new AssertionError(name);
    };
  }

  private static double strictBinary(String name, double x, double y) {
    return switch (name) {
      case "atan2" -> StrictMath.atan2(x, y);
      case "hypot" -> StrictMath.hypot(x, y);
      case "pow" -> StrictMath.pow(x, y);
      case "max" -> StrictMath.max(x, y);
      case "min" -> StrictMath.min(x, y);
      case "copySign" -> StrictMath.copySign(x, y);
      case "IEEEremainder" -> StrictMath.IEEEremainder(x, y);
      default -> throw new AssertionError(name);
    };
  }
}
