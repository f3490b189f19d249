package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GMM objective reproduces the values ADBench publishes for its inputs. */
class GmmObjectiveTest {
    @ParameterizedTest
    @CsvSource({
        "gmm_test.txt, 2, 3, 1, 8.07380408004975791",
        "gmm_d2_K5_1k.txt, 2, 5, 1000, -5240.59056254965",
        "gmm_d10_K25_1k.txt, 10, 25, 1000, -25649.6526211976"
    })
    void reproducesAdbench(String file, int d, int k, int n, double expected) {
        GmmInput in = GmmInput.read(file);
        assertEquals(d, in.d());
        assertEquals(k, in.k());
        assertEquals(n, in.n());
        double value = Gmm.objective(in.alphas(), in.means(), in.icf(), in.x(), in.wishartGamma(),
                in.wishartM(), in.logGammaTerm());
        assertEquals(expected, value, 1e-9 * Math.abs(expected));
    }
}
