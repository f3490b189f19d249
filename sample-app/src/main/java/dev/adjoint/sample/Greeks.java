package dev.adjoint.sample;

/**
 * The first-order Greeks of a Black-Scholes call, from the textbook formulas. They are here only
 * to check the gradient Adjoint derives from {@link BlackScholes#callPrice}.
 *
 * @param delta dC/dS
 * @param vega dC/dsigma
 * @param rho dC/dr
 * @param theta -dC/dT: the change of the price as time passes (T shrinks), per year
 */
record Greeks(double delta, double vega, double rho, double theta) {

    static Greeks closedForm(double spot, double strike, double volatility, double rate, double expiry) {
        double sqrtT = Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * expiry) / (volatility * sqrtT);
        double d2 = d1 - volatility * sqrtT;
        double discountedStrike = strike * Math.exp(-rate * expiry);
        double density = NormalDistribution.pdf(d1);
        return new Greeks(
                NormalDistribution.cdf(d1),
                spot * density * sqrtT,
                expiry * discountedStrike * NormalDistribution.cdf(d2),
                -spot * density * volatility / (2.0 * sqrtT) - rate * discountedStrike * NormalDistribution.cdf(d2));
    }

    /** The same Greeks read off Adjoint's gradient; theta is minus the derivative by expiry. */
    static Greeks fromGradient(BlackScholesDerivatives.CallPriceGradient gradient) {
        return new Greeks(gradient.spot(), gradient.volatility(), gradient.rate(), -gradient.expiry());
    }
}
