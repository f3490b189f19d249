package dev.adjoint.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.TapeOutOfMemoryError;
import java.lang.reflect.Field;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TapeTest {

  @Test
  void everyStackGivesBackWhatWasPushedLastInFirstOut() {
    Tape tape = Tape.open();
    tape.pushDouble(1.5);
    tape.pushDouble(-0.0);
    tape.pushDouble(Double.NaN);
    assertTrue(Double.isNaN(tape.popDouble()));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(tape.popDouble()));
    assertEquals(1.5, tape.popDouble());

    tape.pushInt(Integer.MIN_VALUE);
    tape.pushInt(7);
    assertEquals(7, tape.popInt());
    assertEquals(Integer.MIN_VALUE, tape.popInt());

    tape.pushLong(Long.MAX_VALUE);
    tape.pushLong(-3L);
    assertEquals(-3L, tape.popLong());
    assertEquals(Long.MAX_VALUE, tape.popLong());

    tape.pushBoolean(true);
    tape.pushBoolean(false);
    tape.pushBoolean(true);
    assertTrue(tape.popBoolean());
    assertFalse(tape.popBoolean());
    assertTrue(tape.popBoolean());

    double[] v = {1, 2};
    double[][] m = {{3}, {4, 5}};
    int[] ints = {6};
    tape.pushDoubleArray(v);
    tape.pushDoubleMatrix(m);
    tape.pushIntArray(ints);
    tape.pushObject("x");
    assertEquals("x", tape.popObject());
    assertSame(ints, tape.popIntArray());
    assertSame(m, tape.popDoubleMatrix());
    assertSame(v, tape.popDoubleArray());
    assertTrue(tape.isEmpty());
    tape.close();
  }

  @Test
  void interleavedStacksKeepTheirOwnOrder() {
    Tape tape = Tape.open();
    tape.pushDouble(1.0);
    tape.pushInt(2);
    tape.pushBoolean(true);
    tape.pushLong(3L);
    tape.pushDouble(4.0);
    tape.pushObject("five");
    tape.pushBoolean(false);
    assertEquals(7, tape.size());
    assertFalse(tape.popBoolean());
    assertEquals("five", tape.popObject());
    assertEquals(4.0, tape.popDouble());
    assertEquals(3L, tape.popLong());
    assertTrue(tape.popBoolean());
    assertEquals(2, tape.popInt());
    assertEquals(1.0, tape.popDouble());
    assertEquals(0, tape.size());
    tape.close();
  }

  @Test
  void stacksGrowFarPastTheirFirstCapacity() {
    int n = 10_000;
    Tape tape = Tape.open();
    for (int i = 0; i < n; i++) {
      tape.pushDouble(i * 0.5);
      tape.pushInt(i);
      tape.pushLong(-i);
      tape.pushBoolean(i % 3 == 0);
      tape.pushObject(i);
    }
    assertEquals(5 * n, tape.size());
    for (int i = n - 1; i >= 0; i--) {
      assertEquals(i, tape.popObject());
      assertEquals(i % 3 == 0, tape.popBoolean(), "boolean " + i);
      assertEquals(-i, tape.popLong());
      assertEquals(i, tape.popInt());
      assertEquals(i * 0.5, tape.popDouble());
    }
    assertTrue(tape.isEmpty());
    tape.close();
  }

  @Test
  void aClosedTapeIsReusedByTheNextOpen() {
    Tape first = Tape.open();
    for (int i = 0; i < 1000; i++) {
      first.pushDouble(i);
    }
    for (int i = 0; i < 1000; i++) {
      first.popDouble();
    }
    first.close();
    Tape second = Tape.open();
    assertSame(first, second);
    assertTrue(second.isEmpty());
    second.close();
  }

  @Test
  void nestedOpensGetDistinctTapes() {
    Tape outer = Tape.open();
    outer.pushDouble(1.0);
    Tape inner = Tape.open();
    assertNotSame(outer, inner);
    assertTrue(inner.isEmpty());
    inner.pushDouble(2.0);
    assertEquals(2.0, inner.popDouble());
    inner.close();
    assertEquals(1.0, outer.popDouble());
    outer.close();
  }

  @Test
  void closingANonEmptyTapeClearsItAndThrows() {
    Tape tape = Tape.open();
    tape.pushDouble(1.0);
    tape.pushBoolean(true);
    tape.pushObject(new double[1]);
    IllegalStateException e = assertThrows(IllegalStateException.class, tape::close);
    assertEquals("Adjoint internal error: the tape held 3 entries at the end of the reverse sweep",
        e.getMessage());
    Tape again = Tape.open();
    assertSame(tape, again, "the cleared tape went back to the pool");
    assertTrue(again.isEmpty());
    again.close();
  }

  @Test
  void closingTwiceThrows() {
    Tape tape = Tape.open();
    tape.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, tape::close);
    assertTrue(e.getMessage().contains("closed twice"), e.getMessage());
  }

  @Test
  void poppingAnEmptyStackThrows() {
    Tape tape = Tape.open();
    tape.pushInt(1); // other stacks being non-empty must not matter
    for (Consumer<Tape> pop : java.util.List.<Consumer<Tape>>of(Tape::popDouble, Tape::popLong,
        Tape::popBoolean, Tape::popObject, Tape::popDoubleArray)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> pop.accept(tape));
      assertTrue(e.getMessage().startsWith("Adjoint internal error"), e.getMessage());
    }
    assertEquals(1, tape.popInt());
    assertThrows(IllegalStateException.class, tape::popInt);
    tape.close();
  }

  @Test
  void bytesAreCountedPerEntryAndThePeakIsKept() {
    Tape tape = Tape.open();
    tape.pushDouble(1);
    tape.pushDouble(2);
    tape.pushInt(3);
    for (int i = 0; i < 9; i++) {
      tape.pushBoolean(true);
    }
    tape.pushObject("o");
    long expected = 2 * 8 + 4 + 2 + 8; // 9 booleans round up to 2 bytes
    assertEquals(expected, tape.bytesInUse());
    assertEquals(expected, tape.peakBytes());
    tape.popObject();
    for (int i = 0; i < 9; i++) {
      tape.popBoolean();
    }
    tape.popInt();
    tape.popDouble();
    assertEquals(8, tape.bytesInUse());
    assertEquals(expected, tape.peakBytes());
    tape.popDouble();
    tape.close();
    Tape next = Tape.open();
    assertEquals(0, next.peakBytes(), "the peak starts again at open");
    next.close();
  }

  @Test
  void poppedObjectsAreNotKeptReachable() throws ReflectiveOperationException {
    Tape tape = Tape.open();
    tape.pushDoubleArray(new double[100]);
    tape.popDoubleArray();
    Field objects = Tape.class.getDeclaredField("objects");
    objects.setAccessible(true);
    assertNull(((Object[]) objects.get(tape))[0]);
    tape.close();
  }

  @Test
  void booleansSurviveWordBoundaries() {
    Tape tape = Tape.open();
    for (int i = 0; i < 200; i++) {
      tape.pushBoolean(true); // leaves set bits behind in the words, which pushes must overwrite
    }
    for (int i = 0; i < 200; i++) {
      tape.popBoolean();
    }
    boolean[] pattern = new boolean[200];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = Integer.bitCount(i * 37) % 2 == 0;
      tape.pushBoolean(pattern[i]);
    }
    boolean[] popped = new boolean[pattern.length];
    for (int i = pattern.length - 1; i >= 0; i--) {
      popped[i] = tape.popBoolean();
    }
    assertArrayEquals(pattern, popped);
    tape.close();
  }

  // ---- blocks ----

  /** Stack lengths, per type, that cross many blocks: several 256 KiB blocks each. */
  private static final int MANY_DOUBLES = 5 * TapeBlocks.MAX_BLOCK_BYTES / 8 + 1234;
  private static final int MANY_INTS = 5 * TapeBlocks.MAX_BLOCK_BYTES / 4 + 321;
  private static final int MANY_BOOLEANS = 3 * TapeBlocks.MAX_BLOCK_BYTES * 8 + 77;

  @Test
  void randomInterleavedPushesAndPopsMatchAModelAcrossManyBlocks() {
    Random random = new Random(20261201);
    Model model = new Model(MANY_BOOLEANS);
    Tape tape = Tape.open();
    // Grow (pushes more likely), then wander around, then shrink to empty: each phase crosses
    // block boundaries of every stack many times, in every interleaving of the types.
    for (int phase = 0; phase < 3; phase++) {
      int steps = phase == 1 ? 3_000 : 300_000;
      double pushBias = phase == 0 ? 0.75 : phase == 1 ? 0.5 : 0.25;
      for (int step = 0; step < steps; step++) {
        int type = random.nextInt(5);
        int run = (1 + random.nextInt(phase == 1 ? 3000 : 40)) * (type == 3 ? 40 : 1); // runs cross boundaries
        boolean push = random.nextDouble() < pushBias;
        for (int r = 0; r < run; r++) {
          if (push) {
            if (!model.push(tape, type, random)) {
              break;
            }
          } else if (!model.pop(tape, type)) {
            break;
          }
        }
        if (step % 50_000 == 0) {
          assertEquals(model.bytes(), tape.bytesInUse());
          assertEquals(model.peakBytes(), tape.peakBytes());
          assertEquals(model.size(), tape.size());
        }
      }
    }
    for (int type = 0; type < 5; type++) {
      while (model.pop(tape, type)) {
        // drain
      }
    }
    assertTrue(model.maxDoubles > MANY_DOUBLES / 2, "the doubles crossed several blocks: " + model.maxDoubles);
    assertTrue(model.maxBooleans > 2 * TapeBlocks.MAX_BLOCK_BYTES * 8, "booleans: " + model.maxBooleans);
    assertTrue(tape.isEmpty());
    assertEquals(0, tape.bytesInUse());
    assertEquals(model.peakBytes(), tape.peakBytes());
    tape.close();
  }

  /** Plain arrays of what the tape should hold, and the per-stack peaks. */
  private static final class Model {
    final double[] doubles = new double[2 * MANY_DOUBLES];
    final int[] ints = new int[2 * MANY_INTS];
    final long[] longs = new long[2 * MANY_DOUBLES];
    final boolean[] booleans;
    final Object[] objects = new Object[2 * MANY_DOUBLES];
    final int[] tops = new int[5];
    final int[] peaks = new int[5];
    int maxDoubles;
    int maxBooleans;

    Model(int booleans) {
      this.booleans = new boolean[2 * booleans];
    }

    /** @return false when the model's stack is full, and nothing was pushed */
    boolean push(Tape tape, int type, Random random) {
      int top = tops[type];
      if (top == capacity(type)) {
        return false;
      }
      switch (type) {
        case 0 -> {
          double v = random.nextGaussian();
          doubles[top] = v;
          tape.pushDouble(v);
        }
        case 1 -> {
          int v = random.nextInt();
          ints[top] = v;
          tape.pushInt(v);
        }
        case 2 -> {
          long v = random.nextLong();
          longs[top] = v;
          tape.pushLong(v);
        }
        case 3 -> {
          boolean v = random.nextBoolean();
          booleans[top] = v;
          tape.pushBoolean(v);
        }
        default -> {
          Object v = top % 7 == 0 ? null : Integer.valueOf(top);
          objects[top] = v;
          tape.pushObject(v);
        }
      }
      tops[type] = ++top;
      peaks[type] = Math.max(peaks[type], top);
      maxDoubles = Math.max(maxDoubles, tops[0]);
      maxBooleans = Math.max(maxBooleans, tops[3]);
      return true;
    }

    private int capacity(int type) {
      return switch (type) {
        case 0 -> doubles.length;
        case 1 -> ints.length;
        case 2 -> longs.length;
        case 3 -> booleans.length;
        default -> objects.length;
      };
    }

    /** @return false when the model's stack is empty (and then checks the tape's is too) */
    boolean pop(Tape tape, int type) {
      if (tops[type] == 0) {
        Consumer<Tape> pop = switch (type) {
          case 0 -> Tape::popDouble;
          case 1 -> Tape::popInt;
          case 2 -> Tape::popLong;
          case 3 -> Tape::popBoolean;
          default -> Tape::popObject;
        };
        assertThrows(IllegalStateException.class, () -> pop.accept(tape));
        return false;
      }
      int top = --tops[type];
      boolean same = switch (type) {
        case 0 -> Double.doubleToRawLongBits(doubles[top]) == Double.doubleToRawLongBits(tape.popDouble());
        case 1 -> ints[top] == tape.popInt();
        case 2 -> longs[top] == tape.popLong();
        case 3 -> booleans[top] == tape.popBoolean();
        default -> objects[top] == tape.popObject();
      };
      if (!same) {
        throw new AssertionError("stack " + type + " entry " + top + " came back wrong");
      }
      return true;
    }

    long size() {
      return tops[0] + tops[1] + tops[2] + tops[3] + tops[4];
    }

    long bytes() {
      return bytes(tops);
    }

    long peakBytes() {
      return bytes(peaks);
    }

    private static long bytes(int[] counts) {
      return 8L * counts[0] + 4L * counts[1] + 8L * counts[2] + (counts[3] + 7L) / 8 + 8L * counts[4];
    }
  }

  @Test
  void everyTypeComesBackInOrderAcrossBlockBoundaries() {
    Tape tape = Tape.open();
    for (int i = 0; i < MANY_DOUBLES; i++) {
      tape.pushDouble(i);
      tape.pushLong(-i);
      tape.pushObject(i);
      tape.pushInt(i);
      tape.pushInt(~i);
    }
    for (int i = 0; i < MANY_BOOLEANS; i++) {
      tape.pushBoolean(Integer.bitCount(i) % 2 == 0);
    }
    long expected = MANY_DOUBLES * (8L + 8 + 8 + 4 + 4) + (MANY_BOOLEANS + 7L) / 8;
    assertEquals(expected, tape.bytesInUse());
    for (int i = MANY_BOOLEANS - 1; i >= 0; i--) {
      assertEquals(Integer.bitCount(i) % 2 == 0, tape.popBoolean(), "boolean " + i);
    }
    for (int i = MANY_DOUBLES - 1; i >= 0; i--) {
      assertEquals(~i, tape.popInt());
      assertEquals(i, tape.popInt());
      assertEquals(i, tape.popObject());
      assertEquals(-i, tape.popLong());
      assertEquals(i, tape.popDouble());
    }
    assertTrue(tape.isEmpty());
    assertEquals(expected, tape.peakBytes());
    assertThrows(IllegalStateException.class, tape::popDouble);
    assertThrows(IllegalStateException.class, tape::popBoolean);
    tape.close();
  }

  @Test
  void theTapeHoldsItsEntriesPlusAtMostOneBlockPerStackAndNeverCopies() {
    Tape tape = Tape.create().opened(); // a new tape: no blocks from the pool
    CountingAllocator counting = new CountingAllocator(tape);
    for (int i = 0; i < 1_000_000; i++) {
      tape.pushDouble(i);
      long held = tape.blockBytesHeld();
      if (held > tape.bytesInUse() + TapeBlocks.MAX_BLOCK_BYTES || held < tape.bytesInUse()) {
        throw new AssertionError("at " + i + " the tape holds " + held + " bytes for " + tape.bytesInUse());
      }
    }
    // 4 KiB, 8 KiB, ..., 256 KiB, then 256 KiB blocks: every block allocated once, none copied.
    long held = tape.blockBytesHeld();
    assertEquals(held, counting.bytes);
    assertEquals(TapeBlocks.LAST_GROWING_LEVEL + 1 + (held - (2 * TapeBlocks.MAX_BLOCK_BYTES - TapeBlocks.FIRST_BLOCK_BYTES))
        / TapeBlocks.MAX_BLOCK_BYTES, counting.count.get());
    for (int i = 0; i < 1_000_000; i++) {
      tape.popDouble();
    }
    tape.close();
  }

  @Test
  void goingUpAndDownAcrossABoundaryAllocatesOnce() {
    Tape tape = Tape.create().opened(); // a new tape: no blocks from the pool
    CountingAllocator counting = new CountingAllocator(tape);
    int first = TapeBlocks.FIRST_BLOCK_BYTES / 8;
    for (int i = 0; i < first; i++) {
      tape.pushDouble(i);
    }
    assertEquals(1, counting.count.get());
    for (int round = 0; round < 1000; round++) {
      tape.pushDouble(-1);
      tape.pushDouble(-2);
      assertEquals(-2, tape.popDouble());
      assertEquals(-1, tape.popDouble());
      assertEquals(first - 1, tape.popDouble());
      tape.pushDouble(first - 1);
    }
    assertEquals(2, counting.count.get(), "the block above is kept while the tape is open");
    assertEquals((first + 2) * 8L, tape.peakBytes());
    for (int i = first - 1; i >= 0; i--) {
      assertEquals(i, tape.popDouble());
    }
    tape.close();
  }

  @Test
  void aReusedTapeAllocatesNothingWithinTheSpareBudget() {
    int n = 1_000_000; // 8 MB of doubles and 4 MB of ints, within the default 32 MiB
    for (int call = 0; call < 3; call++) {
      Tape tape = Tape.open();
      CountingAllocator counting = new CountingAllocator(tape);
      for (int i = 0; i < n; i++) {
        tape.pushDouble(i);
        tape.pushInt(i);
      }
      for (int i = n - 1; i >= 0; i--) {
        assertEquals(i, tape.popInt());
        assertEquals(i, tape.popDouble());
      }
      tape.close();
      if (call > 0) {
        assertEquals(0, counting.count.get(), "call " + call + " reused the blocks");
      }
    }
  }

  @Test
  void aPooledTapeKeepsItsLowestBlocksWithinTheBudget() {
    long limit = TapePool.spareLimit;
    try {
      TapePool.spareLimit = 1 << 20;
      TapePool.dropSpares();
      Tape tape = Tape.open();
      for (int i = 0; i < 1_000_000; i++) { // 8 MB
        tape.pushDouble(i);
        tape.pushBoolean(true);
      }
      for (int i = 0; i < 1_000_000; i++) {
        tape.popBoolean();
        tape.popDouble();
      }
      assertTrue(tape.blockBytesHeld() > 8_000_000, "blocks are kept while the tape is open");
      tape.close();
      assertTrue(tape.blockBytesHeld() <= 1 << 20, "held " + tape.blockBytesHeld());
      assertEquals(tape.blockBytesHeld(), tape.keptBytes());
      assertTrue(tape.blockBytesHeld() > (1 << 20) - 2 * TapeBlocks.MAX_BLOCK_BYTES, "held " + tape.blockBytesHeld());

      Tape again = Tape.open();
      assertSame(tape, again);
      CountingAllocator counting = new CountingAllocator(again);
      for (int i = 0; i < 10_000; i++) { // the lowest blocks of both stacks are still there
        again.pushDouble(i);
        again.pushBoolean(false);
      }
      assertEquals(0, counting.count.get());
      for (int i = 0; i < 10_000; i++) {
        again.popBoolean();
        again.popDouble();
      }
      // A second tape of the same thread shares the budget.
      Tape nested = Tape.open();
      for (int i = 0; i < 1_000_000; i++) {
        nested.pushInt(i);
      }
      for (int i = 0; i < 1_000_000; i++) {
        nested.popInt();
      }
      nested.close();
      again.close();
      assertTrue(again.blockBytesHeld() + nested.blockBytesHeld() <= 1 << 20,
          again.blockBytesHeld() + " + " + nested.blockBytesHeld());

      TapePool.spareLimit = 0;
      Tape third = Tape.open();
      Tape fourth = Tape.open();
      fourth.pushDouble(1);
      fourth.popDouble();
      fourth.close();
      assertEquals(0, fourth.blockBytesHeld(), "no budget left: the tape keeps no block");
      third.close();
    } finally {
      TapePool.spareLimit = limit;
    }
  }

  @Test
  void blocksBeyondTheBudgetAreHeldSoftlyAndTakenBackByTheNextLongCall() throws ReflectiveOperationException {
    long limit = TapePool.spareLimit;
    try {
      TapePool.spareLimit = 1 << 20;
      TapePool.dropSpares();
      int n = 1_000_000; // 8 MB of doubles, 4 MB of ints
      Field soft = Tape.class.getDeclaredField("softBlocks");
      soft.setAccessible(true);
      for (int call = 0; call < 4; call++) {
        Tape tape = Tape.open();
        if (call == 3) {
          // As the collector does when it needs the memory.
          ((java.lang.ref.Reference<?>) soft.get(tape)).clear();
        }
        CountingAllocator counting = new CountingAllocator(tape);
        for (int i = 0; i < n; i++) {
          tape.pushDouble(i);
          tape.pushInt(-i);
        }
        for (int i = n - 1; i >= 0; i--) {
          assertEquals(-i, tape.popInt());
          assertEquals(i, tape.popDouble());
        }
        tape.close();
        assertTrue(tape.blockBytesHeld() <= 1 << 20, "held " + tape.blockBytesHeld());
        assertEquals(12_000_000L, tape.peakBytes());
        if (call == 1 || call == 2) {
          assertEquals(0, counting.count.get(), "call " + call + " took its blocks back");
        } else {
          assertTrue(counting.count.get() > 40, "call " + call + " allocated " + counting.count.get());
        }
      }
    } finally {
      TapePool.spareLimit = limit;
    }
  }

  @Test
  void peakBytesIsThePeakSinceOpenAndStaysReadableAfterClose() {
    Tape tape = Tape.open();
    for (int i = 0; i < 100_000; i++) {
      tape.pushDouble(i);
    }
    for (int i = 0; i < 50_000; i++) {
      tape.popDouble();
    }
    for (int i = 0; i < 10_000; i++) {
      tape.pushDouble(i);
    }
    assertEquals(60_000 * 8L, tape.bytesInUse());
    assertEquals(100_000 * 8L, tape.peakBytes());
    for (int i = 0; i < 60_000; i++) {
      tape.popDouble();
    }
    for (int i = 0; i < 200_000; i++) { // a later, higher peak that is never popped from until the end
      tape.pushInt(i);
    }
    assertEquals(100_000 * 8L + 200_000 * 4L, tape.peakBytes(), "per stack: the sum of the stacks' peaks");
    for (int i = 0; i < 200_000; i++) {
      tape.popInt();
    }
    tape.close();
    assertEquals(0, tape.bytesInUse());
    assertEquals(100_000 * 8L + 200_000 * 4L, tape.peakBytes(), "kept after close");
    assertEquals(100_000 * 8L + 200_000 * 4L, Tape.lastPeakBytes());

    Tape next = Tape.open();
    assertSame(tape, next);
    assertEquals(0, next.peakBytes(), "the peak starts again at open");
    next.pushBoolean(true);
    next.popBoolean();
    next.close();
    assertEquals(1, Tape.lastPeakBytes());
  }

  @Test
  void aSessionThatUsesSomeStacksLeavesTheOthersAsTheLastOneLeftThem() {
    // close() settles only the stacks pushed on since open(); the others must still start empty,
    // at block 0, with a peak of 0.
    Tape tape = Tape.open();
    for (int i = 0; i < 2000; i++) { // past the first block
      tape.pushDouble(i);
    }
    for (int i = 1999; i >= 0; i--) {
      assertEquals(i, tape.popDouble());
    }
    tape.close();
    assertEquals(2000 * 8L, Tape.lastPeakBytes());

    Tape objectsOnly = Tape.open();
    assertSame(tape, objectsOnly);
    objectsOnly.pushObject("o");
    assertEquals(8, objectsOnly.peakBytes(), "the double stack's earlier peak is not counted");
    assertEquals("o", objectsOnly.popObject());
    objectsOnly.close();
    assertEquals(8, Tape.lastPeakBytes());

    Tape nothing = Tape.open();
    assertEquals(0, nothing.peakBytes());
    nothing.close();
    assertEquals(0, nothing.peakBytes());
    assertEquals(0, Tape.lastPeakBytes());

    Tape doublesAgain = Tape.open();
    doublesAgain.pushDouble(1.0);
    doublesAgain.pushDouble(2.0);
    assertEquals(16, doublesAgain.bytesInUse());
    assertEquals(2.0, doublesAgain.popDouble());
    assertEquals(1.0, doublesAgain.popDouble());
    assertThrows(IllegalStateException.class, doublesAgain::popDouble, "empty again, not left in an old block");
    doublesAgain.close();
    assertEquals(16, Tape.lastPeakBytes());
  }

  @Test
  void lastPeakBytesIsTheOuterTapesAfterNestedCalls() {
    Tape outer = Tape.open();
    outer.pushDouble(1);
    outer.pushDouble(2);
    Tape inner = Tape.open();
    inner.pushInt(1);
    assertEquals(1, inner.popInt());
    inner.close();
    assertEquals(4, Tape.lastPeakBytes());
    outer.popDouble();
    outer.popDouble();
    outer.close();
    assertEquals(16, Tape.lastPeakBytes());
  }

  @Test
  void reachingMaxBytesThrowsAClearErrorAndLeavesTheTapeUsable() {
    Tape tape = Tape.open();
    tape.maxBytes = 10_000;
    for (int i = 0; i < 512; i++) { // the first block: 4 KiB
      tape.pushDouble(i);
    }
    TapeOutOfMemoryError e = assertThrows(TapeOutOfMemoryError.class, () -> tape.pushDouble(512));
    assertEquals("Adjoint tape out of memory: the tape held 4096 bytes (4.0 KiB: 512 doubles) when its double"
        + " stack needed another block of 8.0 KiB, past adjoint.tape.maxBytes=10000 (9.8 KiB). The tape grows"
        + " with the number of loop iterations whose values the reverse sweep needs; to bound it,"
        + " differentiate fewer iterations per gradient call (one call per segment of a long simulation,"
        + " chaining the segments' gradients), or raise -Dadjoint.tape.maxBytes.", e.getMessage());
    assertEquals(4096, e.bytesInUse());
    assertEquals("double", e.stack());
    assertEquals(10_000, e.maxBytes());
    assertNull(e.getCause());
    assertTrue(e instanceof OutOfMemoryError);
    for (int i = 511; i >= 0; i--) {
      assertEquals(i, tape.popDouble());
    }
    tape.close();
  }

  @Test
  void aLongTapeStopsWithinOneBlockOfMaxBytes() {
    Tape tape = Tape.create().opened(); // a new tape: no spare blocks from the pool
    long max = 10L << 20;
    tape.maxBytes = max;
    int pushed = 0;
    try {
      while (true) {
        tape.pushInt(pushed);
        tape.pushBoolean(pushed % 2 == 0);
        pushed++;
      }
    } catch (TapeOutOfMemoryError e) {
      assertEquals(tape.bytesInUse(), e.bytesInUse());
      assertTrue(e.bytesInUse() <= max && e.bytesInUse() > max - 2 * TapeBlocks.MAX_BLOCK_BYTES,
          "held " + e.bytesInUse());
      assertTrue(tape.blockBytesHeld() <= max);
      assertTrue(e.getMessage().contains("the tape held " + e.bytesInUse() + " bytes (" + Tape.readable(e.bytesInUse())
          + ": "), e.getMessage());
      assertTrue(e.getMessage().contains(" ints, "), e.getMessage());
      assertTrue(e.getMessage().contains("fewer iterations per gradient call"), e.getMessage());
    }
    // The failed push left nothing half done.
    int ints = (int) (tape.bytesInUse() - (pushed + 7L) / 8) / 4;
    assertTrue(ints == pushed || ints == pushed + 1, pushed + " " + ints);
    if (ints > pushed) {
      assertEquals(pushed, tape.popInt());
    }
    for (int i = pushed - 1; i >= 0; i--) {
      assertEquals(i % 2 == 0, tape.popBoolean());
      assertEquals(i, tape.popInt());
    }
    tape.close();
  }

  @Test
  void aFullHeapThrowsAClearErrorCausedByTheHeapsOwn() {
    Tape tape = Tape.open();
    AtomicInteger blocks = new AtomicInteger();
    tape.allocator = (kind, length) -> {
      if (blocks.incrementAndGet() > 12) {
        throw new OutOfMemoryError("Java heap space");
      }
      return kind.allocate(length);
    };
    int pushed = 0;
    TapeOutOfMemoryError e = null;
    try {
      while (true) {
        tape.pushBoolean(true);
        pushed++;
      }
    } catch (TapeOutOfMemoryError thrown) {
      e = thrown;
    }
    // 12 blocks: 4 KiB to 256 KiB (7), then 5 of 256 KiB.
    long held = 2L * TapeBlocks.MAX_BLOCK_BYTES - TapeBlocks.FIRST_BLOCK_BYTES
        + (11L - TapeBlocks.LAST_GROWING_LEVEL) * TapeBlocks.MAX_BLOCK_BYTES;
    assertEquals(held * 8, pushed);
    assertEquals(held, e.bytesInUse());
    assertEquals("boolean", e.stack());
    assertEquals(Long.MAX_VALUE, e.maxBytes());
    assertEquals("Java heap space", e.getCause().getMessage());
    assertEquals("Adjoint tape out of memory: the tape held " + held + " bytes (1.7 MiB: " + pushed
        + " booleans) when its boolean stack needed another block of 256.0 KiB, and the Java heap had no room"
        + " for it. The tape grows with the number of loop iterations whose values the reverse sweep needs;"
        + " to bound it, differentiate fewer iterations per gradient call (one call per segment of a long"
        + " simulation, chaining the segments' gradients), or raise -Xmx.", e.getMessage());
    for (int i = 0; i < pushed; i++) {
      assertTrue(tape.popBoolean());
    }
    tape.close();
  }

  @Test
  void byteSizesReadLikeXmx() {
    assertEquals(0, Tape.parseByteSize("p", "0"));
    assertEquals(1000, Tape.parseByteSize("p", "1000"));
    assertEquals(64L << 10, Tape.parseByteSize("p", "64k"));
    assertEquals(512L << 20, Tape.parseByteSize("p", "512M"));
    assertEquals(2L << 30, Tape.parseByteSize("p", "2g"));
    assertEquals(3L << 40, Tape.parseByteSize("p", "3T"));
    for (String bad : new String[] {"", "g", "-1", "1.5g", "2gb", "ten", "9999999999t"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Tape.parseByteSize("adjoint.tape.maxBytes", bad), bad);
      assertEquals("-Dadjoint.tape.maxBytes=" + bad + ": expected a number of bytes, optionally with a suffix"
          + " k, m, g or t, as in -Dadjoint.tape.maxBytes=2g", e.getMessage());
    }
    assertEquals("1000 B", Tape.readable(1000));
    assertEquals("1.5 MiB", Tape.readable(3L << 19));
  }

  @Test
  void closingANonEmptyTapeAcrossBlocksClearsEveryReference() throws ReflectiveOperationException {
    Tape tape = Tape.open();
    for (int i = 0; i < 100_000; i++) {
      tape.pushObject(new double[1]);
      tape.pushDouble(i);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, tape::close);
    assertEquals("Adjoint internal error: the tape held 200000 entries at the end of the reverse sweep",
        e.getMessage());
    Field chain = Tape.class.getDeclaredField("objectBlocks");
    chain.setAccessible(true);
    Field blocks = TapeBlocks.class.getDeclaredField("blocks");
    blocks.setAccessible(true);
    Object[] kept = (Object[]) blocks.get(chain.get(tape));
    assertTrue(kept.length > 0 && kept[0] != null, "the pooled tape kept blocks");
    for (Object block : kept) {
      if (block != null) {
        for (Object entry : (Object[]) block) {
          assertNull(entry);
        }
      }
    }
    Tape again = Tape.open();
    assertSame(tape, again);
    assertTrue(again.isEmpty());
    assertEquals(0, again.size());
    again.pushObject("x");
    assertEquals("x", again.popObject());
    again.close();
  }

  @Test
  void poppingPastTheBottomAfterManyBlocksThrows() {
    Tape tape = Tape.open();
    for (int i = 0; i < 100_000; i++) {
      tape.pushLong(i);
    }
    for (int i = 0; i < 100_000; i++) {
      tape.popLong();
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, tape::popLong);
    assertEquals("Adjoint internal error: the reverse sweep popped a long that the tape does not hold",
        e.getMessage());
    tape.pushLong(7);
    assertEquals(7, tape.popLong());
    tape.close();
  }

  @Test
  void aRewoundTapeGivesTheSameEntriesAgainAcrossBlockBoundaries() {
    Tape tape = Tape.create().opened();
    CountingAllocator blocks = new CountingAllocator(tape);
    // Pushed earlier and never popped: the rewinds must leave these where they are.
    tape.pushDouble(-1);
    tape.pushObject("kept");
    for (int i = 0; i < MANY_DOUBLES; i++) {
      tape.pushDouble(i);
      tape.pushLong(-i);
      tape.pushInt(~i);
    }
    for (int i = 0; i < MANY_BOOLEANS; i++) {
      tape.pushBoolean(Integer.bitCount(i) % 2 == 0);
    }
    tape.mark();
    long peak = tape.peakBytes();
    long inUse = tape.bytesInUse();
    int allocated = blocks.count.get();
    for (int row = 0; row < 3; row++) {
      tape.rewind();
      assertEquals(inUse, tape.bytesInUse(), "row " + row);
      for (int i = MANY_BOOLEANS - 1; i >= 0; i--) {
        assertEquals(Integer.bitCount(i) % 2 == 0, tape.popBoolean(), "row " + row + ", boolean " + i);
      }
      // The last row stops half way: a rewind from the middle of a block works too.
      int stop = row == 2 ? MANY_DOUBLES / 2 : 0;
      for (int i = MANY_DOUBLES - 1; i >= stop; i--) {
        assertEquals(~i, tape.popInt(), "row " + row);
        assertEquals(-i, tape.popLong(), "row " + row);
        assertEquals(i, tape.popDouble(), "row " + row);
      }
    }
    tape.rewind();
    assertEquals(inUse, tape.bytesInUse());
    for (int i = MANY_BOOLEANS - 1; i >= 0; i--) {
      tape.popBoolean();
    }
    for (int i = MANY_DOUBLES - 1; i >= 0; i--) {
      assertEquals(~i, tape.popInt());
      assertEquals(-i, tape.popLong());
      assertEquals(i, tape.popDouble());
    }
    assertEquals("kept", tape.popObject());
    assertEquals(-1, tape.popDouble());
    assertTrue(tape.isEmpty());
    assertEquals(allocated, blocks.count.get(), "rewinding reuses the blocks kept");
    assertEquals(peak, tape.peakBytes(), "rewinding is not a new peak");
    tape.close();
  }

  @Test
  void rewindingRefusesWhatItCannotPutBack() {
    Tape tape = Tape.open();
    assertThrows(IllegalStateException.class, tape::rewind, "no mark");
    tape.pushDouble(1);
    tape.pushObject("x");
    tape.mark();
    tape.pushDouble(2);
    IllegalStateException pushed = assertThrows(IllegalStateException.class, tape::rewind);
    assertTrue(pushed.getMessage().contains("pushed on after its mark"), pushed.getMessage());
    assertEquals(2, tape.popDouble());
    tape.rewind();
    assertEquals("x", tape.popObject());
    IllegalStateException popped = assertThrows(IllegalStateException.class, tape::rewind);
    assertTrue(popped.getMessage().contains("objects were popped"), popped.getMessage());
    assertEquals(1, tape.popDouble());
    tape.close();
    Tape again = Tape.open();
    assertThrows(IllegalStateException.class, again::rewind, "a mark does not outlive its session");
    again.close();
  }

  @Test
  void clearingTakesEveryEntryOffAcrossBlocksAndKeepsNoReference() throws ReflectiveOperationException {
    Tape tape = Tape.open();
    for (int i = 0; i < MANY_DOUBLES; i++) {
      tape.pushDouble(i);
      tape.pushInt(i);
      tape.pushLong(i);
      tape.pushObject(new double[] {i});
    }
    for (int i = 0; i < MANY_BOOLEANS; i++) {
      tape.pushBoolean(true);
    }
    long peak = tape.peakBytes();
    tape.clear();
    assertTrue(tape.isEmpty());
    assertEquals(0, tape.bytesInUse());
    assertEquals(peak, tape.peakBytes());
    Field objects = Tape.class.getDeclaredField("objects");
    objects.setAccessible(true);
    for (Object o : (Object[]) objects.get(tape)) {
      assertNull(o);
    }
    tape.clear();
    tape.close();
  }

  /** Counts the blocks a tape allocates from now on. */
  private static final class CountingAllocator implements Tape.Allocator {
    final AtomicInteger count = new AtomicInteger();
    long bytes;

    CountingAllocator(Tape tape) {
      tape.allocator = this;
    }

    @Override
    public Object allocate(TapeBlocks.Kind kind, int length) {
      count.incrementAndGet();
      bytes += (long) length * kind.elementBytes;
      return kind.allocate(length);
    }
  }
}
