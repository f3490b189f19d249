package dev.adjoint.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The class-file reader behind the generated-method size check reads what javap reads. */
class MethodSizesTest {
  static int small(int x) {
    return x + 1;
  }

  static double longer(double[] a) {
    double s = 0;
    for (double v : a) {
      s += Math.sin(v) * 2.5 + 1e300;
    }
    return s;
  }

  @Test
  void readsTheCodeLengthOfEachMethod() throws IOException {
    byte[] bytes;
    try (InputStream in = MethodSizesTest.class.getResourceAsStream("MethodSizesTest.class")) {
      bytes = in.readAllBytes();
    }
    Map<String, Integer> sizes = MethodSizes.of(bytes);
    // iload_0, iconst_1, iadd, ireturn
    assertEquals(4, sizes.get("small(I)I"));
    assertTrue(sizes.get("longer([D)D") > 20, sizes.toString());
    assertTrue(sizes.containsKey("readsTheCodeLengthOfEachMethod()V"), sizes.toString());
  }
}
