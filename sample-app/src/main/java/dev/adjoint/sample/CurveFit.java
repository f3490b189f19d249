package dev.adjoint.sample;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A curve fit whose parameters are a record: y = amplitude * exp(-rate * t) + offset, fitted to
 * points on a known curve by gradient descent. The generated gradient returns the derivative with
 * respect to the record as a record of the same type, which the descent step uses directly.
 */
public final class CurveFit {
    /** The model's parameters; every component carries a derivative. */
    public record Decay(double amplitude, double rate, double offset) {
    }

    private CurveFit() {
    }

    /** The model at one time. */
    static double model(Decay d, double t) {
        return d.amplitude() * Math.exp(-d.rate() * t) + d.offset();
    }

    /** The mean squared distance of the model from the points (ts[i], ys[i]). */
    @Differentiable
    public static double loss(Decay d, @NoDerivative double[] ts, @NoDerivative double[] ys) {
        double total = 0.0;
        for (int i = 0; i < ts.length; i++) {
            double r = model(d, ts[i]) - ys[i];
            total += r * r;
        }
        return total / ts.length;
    }

    /** The fit from (1, 1, 0) to points on the curve (2, 1.5, 0.5), printed as it goes. */
    static Decay run(PrintStream out) {
        Decay truth = new Decay(2.0, 1.5, 0.5);
        int n = 40;
        double[] ts = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 3.0 * i / (n - 1);
            ys[i] = model(truth, ts[i]);
        }
        Decay d = new Decay(1.0, 1.0, 0.0);
        double step = 0.2;
        int steps = 4000;
        out.println("Fitting y = amplitude * exp(-rate * t) + offset to " + n + " points on the curve " + show(truth));
        for (int k = 0; k <= steps; k++) {
            CurveFitDerivatives.LossGradient g = CurveFitDerivatives.lossGradient(d, ts, ys);
            if (k % 1000 == 0) {
                out.printf(Locale.ROOT, "  step %4d  loss %.3e  parameters %s%n", k, g.value(), show(d));
            }
            Decay slope = g.d(); // a Decay: d loss / d amplitude, d rate, d offset
            d = new Decay(d.amplitude() - step * slope.amplitude(), d.rate() - step * slope.rate(),
                    d.offset() - step * slope.offset());
        }
        out.println("The gradient of loss(Decay d, ...) is itself a Decay, built by the generated code.");
        return d;
    }

    private static String show(Decay d) {
        return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", d.amplitude(), d.rate(), d.offset());
    }
}
