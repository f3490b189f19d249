package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static dev.adjoint.processor.behaviour.Fixture.vector;

import dev.adjoint.processor.testing.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Benchmark objectives written the way their reference (ADBench's C++) is, not the way that suits
 * the processor: unannotated helpers, void helpers writing into arrays, flat indexing with offsets,
 * running counters. They must compile as written and give derivatives that agree with finite
 * differences and across modes.
 */
class AdbenchPortsTest {
  @Test
  void gmmObjectiveAsInGmmH() throws IOException {
    Fixture fx = Fixture.compileSources("p.GmmPort", Compiler.source("p.GmmPort", resource("/ports/GmmPort.java.txt")));
    int d = 3;
    int k = 2;
    int n = 4;
    int icfSize = d * (d + 1) / 2 * k;
    Random random = new Random(7);
    for (int point = 0; point < 3; point++) {
      fx.check("gmm_objective", at(d, k, n, vector(random, k, -1, 1), vector(random, d * k, -1, 1),
          vector(random, icfSize, -0.5, 0.5), vector(random, d * n, -1, 1), 1.5, 2));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = AdbenchPortsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
