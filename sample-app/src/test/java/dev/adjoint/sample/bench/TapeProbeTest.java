package dev.adjoint.sample.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.spi.Tape;
import org.junit.jupiter.api.Test;

/** The probe reads the peak of the tape a call opened, and of the tapes of calls nested in it. */
class TapeProbeTest {
    @Test
    void readsThePeakOfTheCallsOwnTape() {
        TapeProbe.Peak peak = TapeProbe.of(() -> {
            try (Tape tape = Tape.open()) {
                tape.pushDouble(1.0);
                tape.pushDouble(2.0);
                tape.pushInt(3);
                return tape.popInt() + tape.popDouble() + tape.popDouble();
            }
        });
        assertEquals(new TapeProbe.Peak(8 + 8 + 4, 0), peak);
    }

    @Test
    void addsTheTapeOfANestedCall() {
        TapeProbe.Peak peak = TapeProbe.of(() -> {
            try (Tape outer = Tape.open()) {
                outer.pushDouble(1.0);
                try (Tape inner = Tape.open()) {
                    inner.pushInt(2);
                    inner.popInt();
                }
                return outer.popDouble();
            }
        });
        assertEquals(new TapeProbe.Peak(8, 4), peak);
    }

    @Test
    void aCallWithoutATapeHasNone() {
        assertEquals(new TapeProbe.Peak(0, 0), TapeProbe.of(() -> 1.0));
    }
}
