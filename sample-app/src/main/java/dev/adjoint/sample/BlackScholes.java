package dev.adjoint.sample;

import dev.adjoint.Differentiable;

/**
 * The Black-Scholes price of a European call: the realistic scalar example. Its gradient is
 * what traders call the Greeks, and one reverse pass gives all of them at once.
 */
public final class BlackScholes {
    private BlackScholes() {
    }

    /**
     * C = S N(d1) - K exp(-r T) N(d2), with d1 = (ln(S / K) + (r + sigma^2 / 2) T) / (sigma sqrt T)
     * and d2 = d1 - sigma sqrt T. The strike is a term of the contract, not a market input, so
     * {@code wrt} leaves it out: the generated gradient has no strike component.
     *
     * @param spot the price of the underlying, S
     * @param strike the strike, K
     * @param volatility the annual volatility, sigma
     * @param rate the continuously compounded risk-free rate, r
     * @param expiry the time to expiry in years, T
     * @return the call price
     */
    @Differentiable(wrt = {"spot", "volatility", "rate", "expiry"})
    public static double callPrice(double spot, double strike, double volatility, double rate, double expiry) {
        double volatilityTime = volatility * Math.sqrt(expiry);
        double d1 = (Math.log(spot / strike) + (rate + 0.5 * volatility * volatility) * expiry) / volatilityTime;
        double d2 = d1 - volatilityTime;
        double discount = Math.exp(-rate * expiry);
        return spot * NormalDistribution.cdf(d1) - strike * discount * NormalDistribution.cdf(d2);
    }
}
