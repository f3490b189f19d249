package dev.adjoint.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NewtonCommandTest {
    @Test
    void quickRunComparesBothMethodsOnBothProblems() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"newton", "--quick"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("| logistic n=200 d=10 | Newton-CG |"), text);
        assertTrue(text.contains("| extended Rosenbrock n=10 | gradient descent |"), text);
        assertTrue(text.contains("logistic n=200 d=10: Newton-CG reached the tolerance"), text);
        assertTrue(Main.USAGE.contains("newton"), "listed in the help");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"newton", "--fast"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("newton: unknown option --fast; expected --quick"));
    }
}
