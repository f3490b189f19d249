package dev.adjoint.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GradientScalingTest {

  @Test
  void scalesEveryShapeIntoFreshArrays() {
    double[] v = {1, -2};
    double[][] m = {{3}, null, {4, 5}};
    Object[] scaled = GradientScaling.scale(new Object[] {2.0, v, m, null}, 3.0);
    assertEquals(6.0, scaled[0]);
    assertArrayEquals(new double[] {3, -6}, (double[]) scaled[1]);
    assertNotSame(v, scaled[1]);
    double[][] sm = (double[][]) scaled[2];
    assertNotSame(m, sm);
    assertArrayEquals(new double[] {9}, sm[0]);
    assertNull(sm[1]);
    assertArrayEquals(new double[] {12, 15}, sm[2]);
    assertNull(scaled[3]);
    assertArrayEquals(new double[] {1, -2}, v, "the input is left alone");
  }
}
