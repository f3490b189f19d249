package dev.adjoint.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
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
}
