package dev.adjoint.sample;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a call price and its Greeks from one reverse pass, beside the closed-form Greeks. */
final class BlackScholesDemo {
    static final double SPOT = 100.0;
    static final double STRIKE = 105.0;
    static final double VOLATILITY = 0.2;
    static final double RATE = 0.05;
    static final double EXPIRY = 0.5;

    private BlackScholesDemo() {
    }

    static void run(PrintStream out) {
        out.println("3. A realistic example: the Black-Scholes call price and its Greeks");
        out.printf(Locale.ROOT, "   S = %.0f, K = %.0f, sigma = %.2f, r = %.2f, T = %.1f years%n",
                SPOT, STRIKE, VOLATILITY, RATE, EXPIRY);
        out.println();

        BlackScholesDerivatives.CallPriceGradient gradient =
                BlackScholesDerivatives.callPriceGradient(SPOT, STRIKE, VOLATILITY, RATE, EXPIRY);
        Greeks adjoint = Greeks.fromGradient(gradient);
        Greeks formula = Greeks.closedForm(SPOT, STRIKE, VOLATILITY, RATE, EXPIRY);

        out.printf(Locale.ROOT, "   call price C = %.10f (from callPriceGradient, one reverse pass)%n", gradient.value());
        out.printf(Locale.ROOT, "   %-22s %20s %20s %10s%n", "Greek", "Adjoint gradient", "closed form", "|diff|");
        row(out, "delta = dC/dS", adjoint.delta(), formula.delta());
        row(out, "vega  = dC/dsigma", adjoint.vega(), formula.vega());
        row(out, "rho   = dC/dr", adjoint.rho(), formula.rho());
        row(out, "theta = -dC/dT", adjoint.theta(), formula.theta());
        out.println();
    }

    private static void row(PrintStream out, String name, double ours, double closedForm) {
        out.printf(Locale.ROOT, "   %-22s %20.12f %20.12f %10.1e%n", name, ours, closedForm, Math.abs(ours - closedForm));
    }
}
