package dev.adjoint.sample;

import dev.adjoint.DerivativeOf;
import org.hipparchus.special.Gamma;

/** Derivatives of library functions that Adjoint cannot differentiate through. */
public final class GammaRules {
    private GammaRules() {}

    /** d/dx log Gamma(x) is the digamma function. */
    @DerivativeOf(value = Gamma.class, method = "logGamma")
    public static double dLogGamma(double x) {
        return Gamma.digamma(x);
    }
}
