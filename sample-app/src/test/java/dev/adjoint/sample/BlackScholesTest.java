package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gradient of the call price is the Greeks; checked against their textbook formulas. */
class BlackScholesTest {
    private static final double TOLERANCE = 1e-8;

    @ParameterizedTest(name = "S={0} K={1} sigma={2} r={3} T={4}")
    @CsvSource({
        "100, 105, 0.20, 0.05, 0.5",
        "100, 100, 0.30, 0.01, 1.0",
        "50, 40, 0.15, 0.03, 2.0",
        "120, 150, 0.45, 0.00, 0.25",
        "80, 100, 0.60, 0.08, 5.0",
    })
    void gradientMatchesClosedFormGreeks(double spot, double strike, double volatility, double rate, double expiry) {
        BlackScholesDerivatives.CallPriceGradient gradient =
                BlackScholesDerivatives.callPriceGradient(spot, strike, volatility, rate, expiry);
        Greeks ours = Greeks.fromGradient(gradient);
        Greeks formula = Greeks.closedForm(spot, strike, volatility, rate, expiry);

        assertEquals(BlackScholes.callPrice(spot, strike, volatility, rate, expiry), gradient.value());
        assertEquals(formula.delta(), ours.delta(), TOLERANCE, "delta");
        assertEquals(formula.vega(), ours.vega(), TOLERANCE, "vega");
        assertEquals(formula.rho(), ours.rho(), TOLERANCE, "rho");
        assertEquals(formula.theta(), ours.theta(), TOLERANCE, "theta");
    }

    @ParameterizedTest(name = "x={0}")
    @CsvSource({
        "0.0, 0.5",
        "1.0, 0.8413447460685429",
        "-1.0, 0.15865525393145707",
        "1.959963984540054, 0.975",
        "-3.0, 0.0013498980316301",
        "5.0, 0.9999997133484281",
    })
    void normalCdfMatchesReferenceValuesAndItsDerivativeIsTheDensity(double x, double expected) {
        assertEquals(expected, NormalDistribution.cdf(x), 1e-14);
        assertEquals(NormalDistribution.pdf(x), NormalDistributionDerivatives.cdfGradient(x).x(), 1e-14);
        assertEquals(NormalDistribution.pdf(x), NormalDistributionDerivatives.cdfTangent(x, 1.0).tangent(), 1e-14);
    }

    @ParameterizedTest(name = "sigma={0}")
    @CsvSource({"0.1", "0.25", "0.7"})
    void forwardModeAgreesWithReverseMode(double volatility) {
        double viaReverse = BlackScholesDerivatives.callPriceGradient(100, 95, volatility, 0.02, 0.75).volatility();
        double viaForward = BlackScholesDerivatives.callPriceTangent(100, 0, 95, volatility, 1, 0.02, 0, 0.75, 0).tangent();
        assertEquals(viaReverse, viaForward, 1e-12 * Math.abs(viaReverse));
    }
}
