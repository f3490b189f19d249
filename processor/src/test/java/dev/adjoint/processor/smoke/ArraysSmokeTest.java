package dev.adjoint.processor.smoke;

import dev.adjoint.Derivatives;
import dev.adjoint.processor.testing.Compiler;
import dev.adjoint.processor.testing.DerivativeCheck;
import org.junit.jupiter.api.Test;

/** Loops, arrays, early exits and calls between methods, through both modes. */
class ArraysSmokeTest {
  @Test
  void loopsAndArrays() throws Exception {
    String src = new String(ArraysSmokeTest.class.getResourceAsStream("/smoke/Arr.java.txt").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    Compiler.Loaded loaded = Compiler.compileClean(Compiler.source("p.Arr", src));
    Class<?> owner = loaded.load("p.Arr");
    Class<?> companion = loaded.load("p.ArrDerivatives");
    new DerivativeCheck(Derivatives.of(owner, "dot"), companion, 1).at(new double[] {1, 2, 3}, new double[] {0.5, -1, 2});
    new DerivativeCheck(Derivatives.of(owner, "matvec"), companion, 2)
        .at(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new double[] {0.5, -1});
    new DerivativeCheck(Derivatives.of(owner, "search"), companion, 3).at(new double[] {0.3, -1, 0.7, 1.2, 0.1}, 1.5);
    new DerivativeCheck(Derivatives.of(owner, "search"), companion, 3).at(new double[] {0.3, -1, 0.7, 1.2, 0.1}, 100.0);
    new DerivativeCheck(Derivatives.of(owner, "inplace"), companion, 4).at(new double[] {0.3, -0.2, 0.4}, 2);
  }
}
