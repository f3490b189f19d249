package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code switch} on String selectors (labels compared with equals) and enum selectors (labels are
 * the enum's constants), statements and expressions, arrow and colon forms with fall-through,
 * inside and outside loops; a null selector throws as Java's switch does.
 */
class SwitchOnStringsAndEnumsTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("StringEnumSwitches", """
          enum Shape { LINE, SQUARE, WAVE }

          static final String WAVY = "wave";

          @Differentiable
          static double byName(double x, String name) {
            double y = switch (name) {
              case "line" -> 2 * x;
              case "square", "sq" -> x * x;
              case WAVY -> Math.sin(x);
              default -> {
                double t = Math.exp(x);
                yield t + name.length();
              }
            };
            return y;
          }

          @Differentiable
          @SuppressWarnings("fallthrough")
          static double byNameInALoop(double x, String[] names, int n) {
            double y = x;
            for (int i = 0; i < n; i++) {
              String name = names[i % names.length];
              switch (name) {
                case "grow":
                  y *= 1.5;
                case "shift":
                  y += x;
                  break;
                default:
                  y = Math.sin(y);
              }
            }
            return y;
          }

          @Differentiable
          static double byShape(double x, Shape shape) {
            double y = 0;
            for (int k = 0; k < 3; k++) {
              switch (shape) {
                case LINE -> y += 3 * x;
                case SQUARE -> y += x * x;
                default -> y += Math.cos(x * k);
              }
            }
            return y;
          }

          @Differentiable
          static double byShapeColon(double x, Shape shape) {
            double y;
            switch (shape) {
              case LINE:
                y = x;
                break;
              case SQUARE:
              case WAVE:
                y = Math.sin(x) * x;
                break;
              default:
                y = 0;
            }
            return y;
          }
        """);
  }

  @Test
  void stringCasesCompareWithEquals() {
    // new String(...): equal but not identical to the labels, as equals requires.
    fx.check("byName", at(0.3, new String("line")), at(0.3, "square"), at(-0.8, "sq"), at(1.2, "wave"),
        at(0.4, "other"));
  }

  @Test
  void stringCasesFallThroughInsideALoop() {
    fx.check("byNameInALoop", at(0.6, new String[] {"grow", "shift", "x"}, 5), at(-0.2, new String[] {"x"}, 3),
        at(0.9, new String[] {"shift"}, 0));
  }

  @Test
  void enumCasesCompareTheConstant() {
    Class<?> shape = fx.owner().getDeclaredClasses()[0];
    for (Object s : shape.getEnumConstants()) {
      fx.check("byShape", at(0.7, s), at(-1.1, s));
      fx.check("byShapeColon", at(0.7, s), at(-1.1, s));
    }
  }

  @Test
  void aNullSelectorThrowsInEveryMode() {
    assertThrows(NullPointerException.class, () -> fx.invoke("byName", 0.5, null));
    assertThrows(NullPointerException.class, () -> fx.callCompanion0("byNameGradient", 0.5, null));
    assertThrows(NullPointerException.class, () -> fx.callCompanion0("byNameTangent", 0.5, 1.0, null));
    assertThrows(NullPointerException.class, () -> fx.callCompanion0("byShapeColonGradient", 0.5, null));
    assertThrows(NullPointerException.class, () -> fx.callCompanion0("byShapeTangent", 0.5, 1.0, null));
  }
}
