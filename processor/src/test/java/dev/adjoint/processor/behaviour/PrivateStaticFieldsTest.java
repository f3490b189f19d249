package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.processor.testing.Compiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Private static final fields that are not compile-time constants, of the owner and of a helper
 * class in the same package: the companion reads each once into a field of its own, and the
 * generated code uses that (the same array object as the original's).
 */
class PrivateStaticFieldsTest {
  private static Fixture fx;

  private static final String HELPER = """
      package p;

      final class Helper {
        private static final double[] W = {0.5, -1.25, 2.0};

        private Helper() {}

        static double weighted(double x) {
          double y = 0;
          for (int i = 0; i < W.length; i++) {
            y += W[i] * Math.pow(x, i);
          }
          return y;
        }
      }
      """;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Tables", """
          private static final double[] TABLE = {1.5, -2.0, 0.5};
          private static final double SCALE = Math.sqrt(2);
          private static final double[] SEEN = new double[1];
          private static final String NAME = String.valueOf("abc");

          @Differentiable
          static double table(double x) {
            double y = 0;
            for (int i = 0; i < TABLE.length; i++) {
              y += TABLE[i] * Math.sin(x * i);
            }
            return y * SCALE + NAME.length();
          }

          @Differentiable
          static double helper(double x) {
            return Helper.weighted(x) * SCALE;
          }

          @Differentiable
          static double marks(double x) {
            SEEN[0] = SEEN[0] + 1;
            return x * TABLE[1];
          }
        """, Compiler.source("p.Helper", HELPER));
  }

  @Test
  void theOwnersPrivateFieldsAreRead() {
    fx.check("table", at(0.3), at(-1.2), at(2.5));
  }

  @Test
  void aHelperClassesPrivateFieldsAreRead() {
    fx.check("helper", at(0.3), at(-1.2), at(2.5));
  }

  @Test
  void theCopyIsTheSameArrayObject() throws ReflectiveOperationException {
    java.lang.reflect.Field seen = fx.owner().getDeclaredField("SEEN");
    seen.setAccessible(true);
    double[] original = (double[]) seen.get(null);
    double before = original[0];
    fx.callCompanion("marksGradient", 1.0);
    fx.callCompanion("marksTangent", 1.0, 1.0);
    assertEquals(before + 2, original[0]);
  }

  @Test
  void theGeneratedCodeReadsItsOwnCopyWithoutReflectionOnEachCall() {
    String source = fx.generated();
    assertTrue(source.contains("private static final double[] Tables_TABLE;"), source);
    assertTrue(source.contains("Helper_W[i]"), source);
    assertTrue(source.contains(".findStaticGetter(Tables.class, \"SCALE\", double.class)"), source);
  }
}
