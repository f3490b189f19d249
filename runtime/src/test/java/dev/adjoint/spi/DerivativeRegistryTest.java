package dev.adjoint.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DerivativeRegistryTest {
  /** Owners private to this test, so no other test registers methods for them. */
  static final class Once {}

  static final class Many {}

  static final class Empty {}

  @Test
  void theFirstRegistrationOfANameWins() {
    GeneratedMethod first = method(Once.class, "f");
    DerivativeRegistry.register(Once.class, first);
    DerivativeRegistry.register(Once.class, method(Once.class, "f"), method(Once.class, "g"));
    assertSame(first, DerivativeRegistry.lookup(Once.class, "f").orElseThrow());
    assertEquals(List.of("f", "g"), new ArrayList<>(DerivativeRegistry.registeredNames(Once.class)));
  }

  @Test
  void unknownOwnersAndNamesFindNothing() {
    assertTrue(DerivativeRegistry.lookup(Empty.class, "f").isEmpty());
    assertEquals(Set.of(), DerivativeRegistry.registeredNames(Empty.class));
  }

  @Test
  void aMethodMustBelongToTheOwnerItIsRegisteredFor() {
    GeneratedMethod elsewhere = method(Once.class, "h");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DerivativeRegistry.register(Empty.class, elsewhere));
    assertTrue(e.getMessage().contains("DerivativeRegistryTest$Empty"), e.getMessage());
    assertTrue(DerivativeRegistry.lookup(Empty.class, "h").isEmpty());
  }

  @Test
  void registersFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String name = "m" + (i % 50);
        done.add(pool.submit(() -> DerivativeRegistry.register(Many.class, method(Many.class, name))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(50, DerivativeRegistry.registeredNames(Many.class).size());
  }

  private static GeneratedMethod method(Class<?> owner, String name) {
    return new GeneratedMethod(owner, name, List.of("x"), List.<Class<?>>of(double.class), new boolean[] {true},
        double.class) {
      @Override
      protected Object invokeChecked(Object[] args) {
        return args[0];
      }

      @Override
      protected Object tangentChecked(Object[] args, Object[] tangents) {
        return tangents[0];
      }
    };
  }
}
