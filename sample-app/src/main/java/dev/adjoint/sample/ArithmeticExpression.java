package dev.adjoint.sample;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Evaluates the Java arithmetic the processor writes into its graph files (node expressions such
 * as {@code a + b}, partials such as {@code d} or {@code Math.cos(x)}): numbers, names, the four
 * operators, unary minus, parentheses and one-argument {@code Math} functions. Anything else is
 * an {@link IllegalArgumentException} that names it, never a guess.
 */
final class ArithmeticExpression {
    private static final Map<String, DoubleUnaryOperator> FUNCTIONS = Map.of(
            "Math.sin", Math::sin, "Math.cos", Math::cos, "Math.exp", Math::exp, "Math.log", Math::log,
            "Math.sqrt", Math::sqrt, "Math.tanh", Math::tanh, "Math.abs", Math::abs);

    private final String text;
    private final Map<String, Double> values;
    private int at;

    private ArithmeticExpression(String text, Map<String, Double> values) {
        this.text = text;
        this.values = values;
    }

    /** The value of {@code text}, each name standing for its entry in {@code values}. */
    static double evaluate(String text, Map<String, Double> values) {
        ArithmeticExpression e = new ArithmeticExpression(text, values);
        double v = e.sum();
        e.skipSpaces();
        if (e.at != text.length()) {
            throw e.unexpected();
        }
        return v;
    }

    private double sum() {
        double v = product();
        for (char op = peek(); op == '+' || op == '-'; op = peek()) {
            at++;
            double right = product();
            v = op == '+' ? v + right : v - right;
        }
        return v;
    }

    private double product() {
        double v = unary();
        for (char op = peek(); op == '*' || op == '/'; op = peek()) {
            at++;
            double right = unary();
            v = op == '*' ? v * right : v / right;
        }
        return v;
    }

    private double unary() {
        if (peek() == '-') {
            at++;
            return -unary();
        }
        if (peek() == '(') {
            at++;
            double v = sum();
            expect(')');
            return v;
        }
        int start = at;
        if (Character.isDigit(peek())) {
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || ".eE".indexOf(text.charAt(at)) >= 0
                    || (text.charAt(at) == '-' && "eE".indexOf(text.charAt(at - 1)) >= 0))) {
                at++;
            }
            return Double.parseDouble(text.substring(start, at));
        }
        while (at < text.length() && (Character.isJavaIdentifierPart(text.charAt(at)) || ".#".indexOf(text.charAt(at)) >= 0)) {
            at++;
        }
        String name = text.substring(start, at);
        if (name.isEmpty()) {
            throw unexpected();
        }
        if (peek() == '(') {
            DoubleUnaryOperator f = FUNCTIONS.get(name);
            if (f == null) {
                throw new IllegalArgumentException("no function " + name + " in the expression " + text);
            }
            at++;
            double argument = sum();
            expect(')');
            return f.applyAsDouble(argument);
        }
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no value for " + name + " in the expression " + text);
        }
        return v;
    }

    private void expect(char ch) {
        if (peek() != ch) {
            throw unexpected();
        }
        at++;
    }

    private char peek() {
        skipSpaces();
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private IllegalArgumentException unexpected() {
        return new IllegalArgumentException("cannot read the expression " + text + " at position " + at);
    }
}
