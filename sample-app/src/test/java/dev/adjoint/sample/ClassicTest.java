package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.Derivatives;
import dev.adjoint.DifferentiableMethod;
import org.junit.jupiter.api.Test;

/** e = (a + b) * (b + 1) at (2, 1): value 6, de/da 2, de/db 5, exactly, in every mode. */
class ClassicTest {
    @Test
    void reverseModeGivesValueAndBothPartials() {
        ClassicDerivatives.EGradient g = ClassicDerivatives.eGradient(2.0, 1.0);
        assertEquals(6.0, g.value());
        assertEquals(2.0, g.a());
        assertEquals(5.0, g.b());
    }

    @Test
    void forwardModeGivesEachPartialAlongItsUnitDirection() {
        assertEquals(6.0, ClassicDerivatives.eTangent(2.0, 0.0, 1.0, 1.0).value());
        assertEquals(5.0, ClassicDerivatives.eTangent(2.0, 0.0, 1.0, 1.0).tangent());
        assertEquals(2.0, ClassicDerivatives.eTangent(2.0, 1.0, 1.0, 0.0).tangent());
    }

    @Test
    void registryRunsTheSameGeneratedCode() {
        DifferentiableMethod e = Derivatives.of(Classic.class, "e");
        assertEquals(java.util.List.of("a", "b"), e.parameterNames());
        assertEquals(6.0, (Double) e.invoke(2.0, 1.0));
        assertArrayEquals(new Object[] {2.0, 5.0}, e.gradient(2.0, 1.0));
        assertEquals(5.0, (Double) e.tangent(new Object[] {2.0, 1.0}, new Object[] {0.0, 1.0}));
    }

    @Test
    void theJarShipsTheGeneratedSourceThatTheDemoPrints() {
        String source = GeneratedSource.classicDerivatives();
        assertTrue(source.contains("public static EGradient eGradient(double a, double b)"), source);
        assertTrue(source.contains("public static ETangent eTangent(double a, double aDot, double b, double bDot)"), source);
    }
}
