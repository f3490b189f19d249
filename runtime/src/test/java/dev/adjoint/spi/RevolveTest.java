package dev.adjoint.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RevolveTest {
  /**
   * Plays a schedule on a simulated state (the number of the next iteration): turns must come in
   * reverse order, each at the state it reverses; restores must read slots that were written.
   */
  private static long play(int n, int c) {
    Revolve schedule = Revolve.of(n, c, 8);
    Integer[] slots = new Integer[schedule.snapshots()];
    slots[0] = 0; // the forward sweep's snapshot before iteration 0
    Integer state = null; // after the forward sweep, the state is the loop's exit state
    int expectedTurn = n - 1;
    for (int action = schedule.next(); action != Revolve.DONE; action = schedule.next()) {
      switch (action) {
        case Revolve.RESTORE -> {
          state = slots[schedule.slot()];
          assertTrue(state != null, "restore of an empty slot");
        }
        case Revolve.TAKE_SNAPSHOT -> slots[schedule.slot()] = state;
        case Revolve.ADVANCE -> {
          assertTrue(schedule.steps() > 0);
          state += schedule.steps();
          assertTrue(state < n, "advanced past the last iteration");
        }
        case Revolve.TURN -> {
          assertEquals(expectedTurn, schedule.step(), "iterations reversed out of order");
          assertEquals(expectedTurn, (int) state, "turn at the wrong state");
          expectedTurn--;
          state = null; // recording and reversing the iteration leaves no usable state
        }
        default -> throw new AssertionError("unknown action " + action);
      }
    }
    assertEquals(-1, expectedTurn, "not every iteration was reversed");
    return schedule.forwardSteps();
  }

  /** The least number of unrecorded iterations, by brute force over every first split point. */
  private static long[][] leastForwardSteps(int maxN, int maxC) {
    long[][] t = new long[maxN + 1][maxC + 1];
    for (int n = 2; n <= maxN; n++) {
      t[n][1] = (long) n * (n - 1) / 2;
      for (int c = 2; c <= maxC; c++) {
        long best = Long.MAX_VALUE;
        for (int d = 1; d < n; d++) {
          best = Math.min(best, d + t[n - d][c - 1] + t[d][c]);
        }
        t[n][c] = best;
      }
    }
    return t;
  }

  @Test
  void everyIterationIsReversedOnceInReverseOrderWithTheLeastRecomputation() {
    long[][] least = leastForwardSteps(120, 7);
    for (int n = 0; n <= 120; n++) {
      for (int c = 1; c <= 7; c++) {
        long steps = play(n, c);
        int slots = Math.max(1, Math.min(c, Math.max(1, n)));
        assertEquals(least[n][slots], steps, "n=" + n + " c=" + c);
        assertEquals(Revolve.optimalForwardSteps(n, slots), steps, "binomial formula, n=" + n + " c=" + c);
      }
    }
  }

  @Test
  void largeSchedulesMatchTheBinomialFormula() {
    int[][] cases = {{100_000, 10}, {1_000_003, 32}, {65_537, 3}, {10_000, 200}};
    for (int[] nc : cases) {
      assertEquals(Revolve.optimalForwardSteps(nc[0], nc[1]), play(nc[0], nc[1]), nc[0] + " steps, " + nc[1] + " snapshots");
    }
  }

  @Test
  void automaticChoiceRecomputesAtMostTwice() {
    for (int n : new int[] {1, 2, 7, 1000, 123_457, 10_000_000}) {
      Revolve schedule = Revolve.of(n, 0, 24);
      assertTrue(Revolve.repetitions(n, schedule.snapshots()) <= 2, "n=" + n);
      assertTrue(schedule.snapshots() <= Math.max(1, n));
    }
    // a budget that holds two snapshots gets two
    assertEquals(2, Revolve.automaticSnapshots(1_000_000, 1000, 2500));
    assertEquals(1, Revolve.automaticSnapshots(1_000_000, 10_000, 2500));
  }

  @Test
  void noIterationsNoActions() {
    assertEquals(Revolve.DONE, Revolve.of(0, 5, 8).next());
  }

  @Test
  void binomialCoefficients() {
    assertEquals(1, Revolve.binomial(5, 0));
    assertEquals(6, Revolve.binomial(5, 1));
    assertEquals(21, Revolve.binomial(5, 2));
    assertEquals(184_756, Revolve.binomial(10, 10));
    assertEquals(1L << 62, Revolve.binomial(1000, 1000));
  }
}
