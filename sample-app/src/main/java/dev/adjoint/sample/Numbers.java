package dev.adjoint.sample;

import java.util.Locale;

/** One way to print numbers in every demo: whole numbers without ".0", others to 10 digits. */
final class Numbers {
    private Numbers() {
    }

    static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%.10g", x);
    }
}
