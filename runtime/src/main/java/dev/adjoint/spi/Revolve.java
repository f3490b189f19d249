package dev.adjoint.spi;

import java.util.Arrays;

/**
 * The binomial checkpointing schedule of Griewank and Walther ("revolve"): the order in which the
 * reverse sweep of a {@code @Checkpointed} loop recomputes, records and reverses its iterations
 * with a fixed number of snapshots. <b>For generated code.</b>
 *
 * <p>The loop has run {@code steps} iterations, numbered from 0; snapshot slot 0 holds the state
 * before iteration 0. {@link #next()} returns the actions one by one:
 * <ul>
 *   <li>{@link #RESTORE}: set the state from slot {@link #slot()};
 *   <li>{@link #ADVANCE}: run {@link #steps()} iterations without recording;
 *   <li>{@link #TAKE_SNAPSHOT}: copy the state into slot {@link #slot()};
 *   <li>{@link #TURN}: run the next iteration recording it, then its adjoint (which takes it back);
 *       the iteration is {@link #step()};
 *   <li>{@link #DONE}: every iteration has been reversed, the last one first.
 * </ul>
 * With {@code c} snapshots, the iterations run without recording {@code r n - C(c + r, r - 1)}
 * times in all, where {@code r} is the smallest number with {@code C(c + r, c) >= n}: the least
 * possible with c snapshots (Griewank 1992). Slots are numbered {@code 0 .. c - 1}.
 */
public final class Revolve {
  public static final int DONE = 0;
  public static final int ADVANCE = 1;
  public static final int TAKE_SNAPSHOT = 2;
  public static final int RESTORE = 3;
  public static final int TURN = 4;

  /** Default of {@code adjoint.checkpoint.maxBytes}: the snapshots the automatic choice may take. */
  static final long DEFAULT_BUDGET = 64L << 20;
  static final long BUDGET = Tape.byteSize("adjoint.checkpoint.maxBytes", DEFAULT_BUDGET);

  // Pending work, on a stack of (kind, a, b, c) tuples.
  private static final int REVERSE = 1; // reverse iterations a .. a+b-1 with c slots; state at a
  private static final int SNAPSHOT = 2; // slot a
  private static final int RESTORE_TO = 3; // slot a, which holds iteration b's state
  private static final int ONE_SLOT = 4; // one slot (a), iterations a' = b .. b+c reversed from the last
  private static final int TURN_AT = 5; // iteration a

  private final int steps;
  private final int snapshots;
  private int[] stack = new int[64];
  private int top;
  private int resultSteps;
  private int resultSlot;
  private int resultStep;
  private long forwardSteps;

  private Revolve(int steps, int snapshots) {
    this.steps = steps;
    this.snapshots = snapshots;
    if (steps > 0) {
      push(REVERSE, 0, steps, snapshots);
      push(RESTORE_TO, 0, 0, 0);
    }
  }

  /**
   * A schedule for {@code steps} iterations.
   *
   * @param snapshots the number of snapshots, or 0 (or less) to choose: the fewest with which each
   *     iteration is recomputed at most twice, within {@code adjoint.checkpoint.maxBytes}
   * @param bytesPerSnapshot the size of one snapshot, for the automatic choice
   */
  public static Revolve of(int steps, int snapshots, long bytesPerSnapshot) {
    if (steps < 0) {
      throw new IllegalArgumentException("negative number of steps: " + steps);
    }
    int c = snapshots > 0 ? snapshots : automaticSnapshots(steps, bytesPerSnapshot, BUDGET);
    return new Revolve(steps, Math.max(1, Math.min(c, Math.max(1, steps))));
  }

  /** The fewest snapshots with which revolve recomputes each of {@code steps} iterations at most twice, within a budget. */
  static int automaticSnapshots(int steps, long bytesPerSnapshot, long budget) {
    int c = (int) Math.max(1, Math.sqrt(2.0 * steps) - 2);
    while (binomial(c, 2) < steps) {
      c++;
    }
    long affordable = Math.max(1, budget / Math.max(1, bytesPerSnapshot));
    return (int) Math.min(c, Math.min(affordable, Integer.MAX_VALUE));
  }

  /** @return the number of iterations */
  public int stepCount() {
    return steps;
  }

  /** @return the number of snapshot slots the schedule uses */
  public int snapshots() {
    return snapshots;
  }

  /** @return the iterations run without recording so far (by {@link #ADVANCE} actions) */
  public long forwardSteps() {
    return forwardSteps;
  }

  /** @return iterations to run, after {@link #ADVANCE} */
  public int steps() {
    return resultSteps;
  }

  /** @return the slot, after {@link #TAKE_SNAPSHOT} and {@link #RESTORE} */
  public int slot() {
    return resultSlot;
  }

  /** @return the iteration, after {@link #TURN} */
  public int step() {
    return resultStep;
  }

  /** @return the next action: {@link #ADVANCE}, {@link #TAKE_SNAPSHOT}, {@link #RESTORE}, {@link #TURN} or {@link #DONE} */
  public int next() {
    while (top > 0) {
      top -= 4;
      int kind = stack[top];
      int a = stack[top + 1];
      int b = stack[top + 2];
      int c = stack[top + 3];
      switch (kind) {
        case SNAPSHOT:
          resultSlot = a;
          return TAKE_SNAPSHOT;
        case RESTORE_TO:
          resultSlot = a;
          return RESTORE;
        case TURN_AT:
          resultStep = a;
          return TURN;
        case ONE_SLOT:
          // Slot a holds iteration b's state, which is current; reverse b+c down to b.
          if (c == 0) {
            resultStep = b;
            return TURN;
          }
          push(ONE_SLOT, a, b, c - 1);
          push(RESTORE_TO, a, b, 0);
          push(TURN_AT, b + c, 0, 0);
          return advance(c);
        case REVERSE:
          if (b == 1) {
            resultStep = a;
            return TURN;
          }
          int slot = snapshots - c;
          if (c == 1) {
            push(ONE_SLOT, slot, a, b - 1);
            continue;
          }
          int d = split(b, c);
          push(REVERSE, a, d, c);
          push(RESTORE_TO, slot, a, 0);
          push(REVERSE, a + d, b - d, c - 1);
          push(SNAPSHOT, slot + 1, 0, 0);
          return advance(d);
        default:
          throw new IllegalStateException("unknown task " + kind);
      }
    }
    return DONE;
  }

  private int advance(int n) {
    resultSteps = n;
    forwardSteps += n;
    return ADVANCE;
  }

  private void push(int kind, int a, int b, int c) {
    if (top + 4 > stack.length) {
      stack = Arrays.copyOf(stack, stack.length * 2);
    }
    stack[top] = kind;
    stack[top + 1] = a;
    stack[top + 2] = b;
    stack[top + 3] = c;
    top += 4;
  }

  /**
   * Where the first snapshot goes for n iterations and c slots (c at least 2, n at least 2). The
   * cost, {@code d + cost(d, c) + cost(n - d, c - 1)}, is convex and piecewise linear in d, so its
   * least value is at a point where one of its two parts changes slope: d = C(c + k, k), or
   * n - d = C(c - 1 + k, k), for k near r. Those few points are tried.
   */
  static int split(int n, int c) {
    int r = repetitions(n, c);
    long bestCost = Long.MAX_VALUE;
    int best = 1;
    for (int k = Math.max(0, r - 3); k <= r + 1; k++) {
      long[] candidates = {binomial(c, k), n - binomial(c - 1, k)};
      for (long candidate : candidates) {
        int d = (int) Math.max(1, Math.min(candidate, n - 1));
        long cost = d + optimalForwardSteps(d, c) + optimalForwardSteps(n - d, c - 1);
        if (cost < bestCost || cost == bestCost && d > best) {
          bestCost = cost;
          best = d;
        }
      }
    }
    return best;
  }

  /** The smallest r with {@code C(c + r, c) >= n}. */
  static int repetitions(long n, int c) {
    int r = 0;
    while (binomial(c, r) < n) {
      r++;
    }
    return r;
  }

  /** {@code C(c + r, r)}: how many iterations c slots reverse with r recomputations; saturates at 2^62. */
  static long binomial(int c, int r) {
    if (r < 0 || c < 0) {
      return 0;
    }
    long b = 1;
    for (int i = 1; i <= r; i++) {
      // b * (c + i) / i stays exact: b is C(c + i - 1, i - 1).
      if (b > (1L << 62) / (c + i)) {
        return 1L << 62;
      }
      b = b * (c + i) / i;
    }
    return b;
  }

  /**
   * The least number of unrecorded iterations revolve needs for n iterations and c slots:
   * {@code r n - C(c + r, r - 1)} with r = {@link #repetitions}; 0 for n at most 1.
   */
  public static long optimalForwardSteps(long n, int c) {
    if (n <= 1) {
      return 0;
    }
    int r = repetitions(n, c);
    return r * n - binomial(c + 1, r - 1);
  }
}
