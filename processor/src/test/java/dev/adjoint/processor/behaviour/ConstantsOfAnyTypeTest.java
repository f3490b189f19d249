package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.adjoint.processor.testing.Compiler;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parameters and locals of types without derivatives (String, char, an enum, a List, a Random, a
 * class of the user's) are constants: read, compared, switched on, passed to calls and asked for
 * constants by their instance methods, in both modes, inside and outside loops.
 */
class ConstantsOfAnyTypeTest {
  private static Fixture fx;

  private static final String COUNTER = """
      package p;

      public final class Counter {
        public int calls;

        public double next() {
          calls++;
          return 0.5 * calls;
        }
      }
      """;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Constants", """
          enum Mode { SQUARE, SINE, CUBE }

          @Differentiable
          static double strings(double x, String s) {
            String prefix = "ab";
            double y = x;
            if (s.equals("square")) {
              y = x * x;
            } else if (s.startsWith(prefix) && s.length() > 3) {
              y = s.charAt(2) == 'c' ? 2 * x * x : 3 * x;
            }
            for (int i = 0; i < s.length(); i++) {
              char c = s.charAt(i);
              if (c != 'q') {
                y += (c - 'a') * Math.sin(x);
              }
            }
            return y;
          }

          @Differentiable
          static double chars(double x, char c) {
            char next = (char) (c + 1);
            double y = switch (c) {
              case 'a' -> x * x;
              case 'b', 'c' -> Math.exp(x);
              default -> x * (next - 'a');
            };
            return y;
          }

          @Differentiable
          static double modes(double x, Mode mode, long scale) {
            double y = 0;
            Mode other = Mode.CUBE;
            for (int k = 0; k < 3; k++) {
              if (mode == Mode.SQUARE) {
                y += x * x;
              } else if (mode != other) {
                y += Math.sin(x * mode.ordinal());
              } else {
                y += x * x * x * scale;
              }
            }
            return y;
          }

          @Differentiable
          static double list(double x, java.util.List<Double> weights) {
            double y = 0;
            for (int i = 0; i < weights.size(); i++) {
              y += weights.get(i) * Math.sin(x * i);
            }
            double first = weights.get(0);
            return y * first;
          }

          @Differentiable
          static double iterator(double x, java.util.List<Double> weights) {
            java.util.Iterator<Double> it = weights.iterator();
            double y = x;
            while (it.hasNext()) {
              y = y * it.next() + Math.sin(y);
            }
            return y;
          }

          @Differentiable
          static double random(double x, java.util.Random rng, int n) {
            double y = 0;
            for (int i = 0; i < n; i++) {
              double g = rng.nextGaussian();
              y += Math.sin(x * g) + x * rng.nextDouble();
            }
            double last = rng.nextGaussian();
            return y * last;
          }

          @Differentiable
          static double counted(double x, Counter counter) {
            double y = 0;
            for (int i = 0; i < 4; i++) {
              y += x * counter.next();
            }
            return y * counter.next();
          }
        """, Compiler.source("p.Counter", COUNTER));
  }

  @Test
  void stringsAreReadComparedAndAskedForCharacters() {
    fx.check("strings", at(0.7, "square"), at(0.7, "abcd"), at(-1.3, "abxd"), at(0.2, "zzq"), at(1.1, ""));
  }

  @Test
  void charsAreComparedSwitchedOnAndUsedInArithmetic() {
    fx.check("chars", at(0.4, 'a'), at(0.4, 'b'), at(0.4, 'c'), at(-0.9, 'z'), at(0.3, '\n'));
  }

  @Test
  void enumsAreComparedByIdentityAndAskedForTheirOrdinal() {
    Class<?> mode = fx.owner().getDeclaredClasses()[0];
    for (Object m : mode.getEnumConstants()) {
      fx.check("modes", at(0.8, m, 2L), at(-1.7, m, 3L));
    }
  }

  @Test
  void aListOfDoublesGivesConstantDoubles() {
    fx.check("list", at(0.6, List.of(1.5, -2.0, 0.25)), at(-0.3, List.of(2.0)));
  }

  @Test
  void anIteratorAdvancesInTheLoopHeaderAndBodyOnce() {
    fx.check("iterator", at(0.6, List.of(1.5, -2.0, 0.25)), at(-0.3, List.of()));
  }

  @Test
  void aRandomIsDrawnFromOnceForEachDrawOfTheOriginalInTheSameOrder() throws Throwable {
    double x = 0.9;
    int n = 5;
    double original = (Double) fx.invoke("random", x, new Random(7), n);
    Random afterReverse = new Random(7);
    Object gradient = fx.callCompanion0("randomGradient", x, afterReverse, n);
    Random afterTangent = new Random(7);
    Object tangent = fx.callCompanion0("randomTangent", x, 1.0, afterTangent, n);
    Random afterOriginal = new Random(7);
    fx.invoke("random", x, afterOriginal, n);
    assertEquals(original, (Double) Fixture.component(gradient, "value"));
    assertEquals(original, (Double) Fixture.component(tangent, "value"));
    // The generators are where the original leaves its own: no draw was made twice or left out.
    double next = afterOriginal.nextDouble();
    assertEquals(next, afterReverse.nextDouble());
    assertEquals(next, afterTangent.nextDouble());
    double h = 1e-6;
    double fd = ((Double) fx.invoke("random", x + h, new Random(7), n)
        - (Double) fx.invoke("random", x - h, new Random(7), n)) / (2 * h);
    double reverse = (Double) Fixture.component(gradient, "x");
    assertEquals(fd, reverse, 1e-5 * Math.max(1, Math.abs(fd)));
    assertEquals(reverse, (Double) Fixture.component(tangent, "tangent"), 1e-12 * Math.max(1, Math.abs(reverse)));
  }

  @Test
  void aCallWithSideEffectsRunsAsOftenInEachModeAsInTheOriginal() throws Throwable {
    Class<?> counterClass = fx.owner().getClassLoader().loadClass("p.Counter");
    Object original = counterClass.getConstructor().newInstance();
    Object reverse = counterClass.getConstructor().newInstance();
    Object tangent = counterClass.getConstructor().newInstance();
    double value = (Double) fx.invoke("counted", 1.5, original);
    Object gradient = fx.callCompanion0("countedGradient", 1.5, reverse);
    Object forward = fx.callCompanion0("countedTangent", 1.5, 1.0, tangent);
    java.lang.reflect.Field calls = counterClass.getField("calls");
    assertEquals(5, calls.get(original));
    assertEquals(5, calls.get(reverse));
    assertEquals(5, calls.get(tangent));
    assertEquals(value, (Double) Fixture.component(gradient, "value"));
    // y = x * (0.5 + 1 + 1.5 + 2) * 2.5
    assertEquals(12.5, (Double) Fixture.component(gradient, "x"));
    assertEquals(12.5, (Double) Fixture.component(forward, "tangent"));
  }

  /** Parameters of every type the IR does not know compile cleanly and pass through both modes. */
  @Test
  void parametersOfEveryOtherTypeAreConstants() {
    Fixture all = Fixture.compile("AllTypes", """
          @Differentiable
          static double f(double x, float a, Object b, String c, Double d, java.util.List<Double> e, int[][] g,
              float[] h, long[] k, boolean[] m, double[][][] t, char u, short v, byte w, Integer z) {
            double s = b == null ? 1 : 2;
            if (c != null && u != 'q' && h.length + k.length + m.length + g.length > 0) {
              s += t[0][0][0] + k[0] + (m[0] ? 1 : 0) + e.size() + d + z;
            }
            return x * x * s;
          }
        """);
    Object[] point = at(0.5, 1.5f, "o", "s", 2.0, List.of(1.0), new int[][] {{1}}, new float[] {1f}, new long[] {3L},
        new boolean[] {true}, new double[][][] {{{0.25}}}, 'a', (short) 1, (byte) 2, 7);
    all.check("f", point);
  }

  @Test
  void theRegistryReturnsNullForConstantsOfAnyType() {
    Object[] g = fx.gradient("strings", 0.5, "q");
    assertEquals(1.0, (Double) g[0]);
    assertNull(g[1]);
  }

  @Test
  void aNullStringStillThrowsWhereTheOriginalThrows() {
    assertThrows(NullPointerException.class, () -> fx.callCompanion0("stringsGradient", 0.5, null));
  }
}
