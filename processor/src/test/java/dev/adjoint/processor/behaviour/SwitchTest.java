package dev.adjoint.processor.behaviour;

import static dev.adjoint.processor.behaviour.Fixture.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code switch} statements and expressions (arrow and colon forms, {@code yield}, fall-through,
 * {@code default} anywhere), on int selectors with int and char labels, inside and outside loops; labelled blocks
 * left with {@code break label}. Every case of each is reached at the points checked.
 */
class SwitchTest {
  private static Fixture fx;

  @BeforeAll
  static void compile() {
    fx = Fixture.compile("Switches", """
          @Differentiable
          static double arrowStatement(double x, int k) {
            double y = x;
            for (int i = 0; i < 3; i++) {
              switch ((k + i) % 4) {
                case 0 -> y = y * x;
                case 1, 2 -> {
                  double t = Math.sin(y);
                  y = t + x;
                }
                default -> y += 2 * x;
              }
            }
            return y;
          }

          @Differentiable
          static double colonWithBreaks(double x, int k) {
            double y;
            switch (k) {
              case 0:
                y = x * x;
                break;
              default:
                y = Math.exp(x);
                break;
              case 1:
              case 2:
                y = x / (1 + x * x);
                break;
            }
            return y;
          }

          @Differentiable
          @SuppressWarnings("fallthrough")
          static double fallThrough(double x, int k) {
            double y = 1;
            switch (k) {
              case 0:
                y *= x;
              case 1:
                y *= x + 1;
                if (y > 10) {
                  break;
                }
              default:
                y += Math.cos(x);
              case 3:
                y *= 2;
            }
            return y;
          }

          @Differentiable
          static double expressions(double x, int k) {
            double a = switch (k) {
              case 0 -> x * x;
              case 1 -> {
                double t = Math.exp(x);
                yield t * x;
              }
              default -> 3 * x;
            };
            double b = switch (k % 2) {
              case 0:
                yield a + x;
              default:
                yield a * x;
            };
            return a + b;
          }

          @Differentiable
          static double yieldInABranch(double x, int k) {
            double s = 0;
            for (int i = 0; i < 4; i++) {
              s += switch ((k + i) % 3) {
                case 0 -> {
                  if (x > 0) {
                    yield x * s;
                  }
                  yield -x;
                }
                case 1 -> Math.sin(x + s);
                default -> s * s + 1;
              };
            }
            return s;
          }

          @Differentiable
          static double charSelector(double x, int k) {
            return switch ('a' + k) {
              case 'a' -> x * x;
              case 'b' -> x * 3;
              default -> Math.sqrt(x * x + 1);
            };
          }

          @Differentiable
          static double breakAndContinueInALoop(double x, int k) {
            double y = x;
            for (int i = 0; i < 6; i++) {
              switch ((i + k) % 3) {
                case 0:
                  continue;
                case 1:
                  y = y * 0.5 + x;
                  break;
                default:
                  y = Math.sin(y);
              }
              y += x * i;
            }
            return y;
          }

          @Differentiable
          static double returnInACase(double x, int k) {
            switch (k) {
              case 0:
                return x * x;
              case 1:
                return Math.exp(x);
              default:
                break;
            }
            return x;
          }

          @Differentiable
          static double labelledBlock(double x, int k) {
            double y = x;
            found: {
              for (int i = 0; i < 5; i++) {
                y = y * x + 0.1;
                if (i == k) {
                  break found;
                }
              }
              y = -y;
            }
            return y;
          }
        """);
  }

  @ParameterizedTest
  @ValueSource(strings = {"arrowStatement", "colonWithBreaks", "fallThrough", "expressions", "yieldInABranch",
      "charSelector", "breakAndContinueInALoop", "returnInACase", "labelledBlock"})
  void everyCaseInBothModes(String name) {
    for (int k = 0; k < 6; k++) {
      fx.check(name, at(0.7, k), at(-1.3, k), at(2.1, k));
    }
  }

  @Test
  void fallThroughGivesWhatJavaGives() {
    // k = 0: y = x, y *= x + 1, (not > 10) y += cos x, y *= 2
    double x = 0.5;
    double expected = (x * (x + 1) + Math.cos(x)) * 2;
    assertEquals(expected, (Double) fx.invoke("fallThrough", x, 0), 0);
    // k = 3: only the last case
    assertEquals(2.0, (Double) fx.invoke("fallThrough", x, 3), 0);
    // k = 1 with a large x: the break leaves the switch
    assertEquals(13.0, (Double) fx.invoke("fallThrough", 12.0, 1), 0);
  }
}
