package dev.adjoint.sample;

import dev.adjoint.DifferentiableMethod;
import dev.adjoint.Derivatives;
import java.io.PrintStream;

/**
 * Shows the classic example three ways: the typed reverse-mode method, the typed forward-mode
 * method, and the untyped registry. They must agree; the point is to see each call once.
 */
final class ClassicDemo {
    static final double A = 2.0;
    static final double B = 1.0;

    private ClassicDemo() {
    }

    static void run(PrintStream out) {
        out.println("1. The classic example: e = (a + b) * (b + 1) at a = 2, b = 1");
        out.println();

        // Reverse mode: one backward pass gives the value and every partial derivative.
        ClassicDerivatives.EGradient gradient = ClassicDerivatives.eGradient(A, B);
        out.println("   reverse mode  ClassicDerivatives.eGradient(2, 1)");
        out.printf("     e     = %s%n", Numbers.format(gradient.value()));
        out.printf("     de/da = %s%n", Numbers.format(gradient.a()));
        out.printf("     de/db = %s%n", Numbers.format(gradient.b()));

        // Forward mode: one pass gives one directional derivative; the direction (0, 1) picks b.
        ClassicDerivatives.ETangent tangent = ClassicDerivatives.eTangent(A, 0.0, B, 1.0);
        out.println("   forward mode  ClassicDerivatives.eTangent(a = 2, aDot = 0, b = 1, bDot = 1)");
        out.printf("     e     = %s%n", Numbers.format(tangent.value()));
        out.printf("     de/db = %s%n", Numbers.format(tangent.tangent()));

        // The registry: the same generated code, found by class and name, with boxed arguments.
        DifferentiableMethod e = Derivatives.of(Classic.class, "e");
        Object[] partials = e.gradient(A, B);
        Object directional = e.tangent(new Object[] {A, B}, new Object[] {0.0, 1.0});
        out.println("   registry      Derivatives.of(Classic.class, \"e\")");
        out.printf("     parameters %s, gradient (%s, %s), tangent along b %s%n", e.parameterNames(),
                Numbers.format((Double) partials[0]), Numbers.format((Double) partials[1]),
                Numbers.format((Double) directional));
        out.println();
    }
}
