package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * The textbook example of automatic differentiation: e = (a + b) * (b + 1).
 *
 * <p>At a = 2, b = 1 the value is 6, de/da = b + 1 = 2 and de/db = (b + 1) + (a + b) = 5. The
 * annotation processor turns this class into {@code ClassicDerivatives} at compile time; the
 * build also copies that generated file into the jar so that the demo can print it.
 */
public final class Classic {
    private Classic() {
    }

    /** Two intermediate values, c and d, so the generated code shows one adjoint per step. */
    @Differentiable
    public static double e(double a, double b) {
        double c = a + b;
        double d = b + 1.0;
        return c * d;
    }
}
