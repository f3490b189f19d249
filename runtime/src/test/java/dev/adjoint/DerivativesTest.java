package dev.adjoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.fixtures.Broken;
import dev.adjoint.fixtures.NoCompanion;
import dev.adjoint.fixtures.Outer;
import dev.adjoint.fixtures.Square;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DerivativesTest {

  @Test
  void findsTheMethodTheCompanionRegisters() {
    DifferentiableMethod sq = Derivatives.of(Square.class, "sq");
    assertEquals(Square.class, sq.owner());
    assertEquals("sq", sq.name());
    assertEquals(9.0, sq.invoke(3.0));
    assertEquals(6.0, sq.gradient(3.0)[0]);
    assertEquals(1.5, sq.tangent(new Object[] {3.0}, new Object[] {0.25}));
    assertSame(sq, Derivatives.of(Square.class, "sq"));
  }

  @Test
  void aMethodTheCompanionDoesNotRegisterIsAnError() {
    String message = assertThrows(IllegalArgumentException.class, () -> Derivatives.of(Square.class, "cube"))
        .getMessage();
    assertTrue(message.startsWith("No derivatives for dev.adjoint.fixtures.Square.cube: the method is not annotated"
        + " @Differentiable"), message);
    assertTrue(message.contains("has derivatives of [sq] only"), message);
  }

  @Test
  void aMisspeltMethodNameIsPointedOut() {
    String message = assertThrows(IllegalArgumentException.class, () -> Derivatives.of(Square.class, "sqr"))
        .getMessage();
    assertTrue(message.contains("dev.adjoint.fixtures.Square.sqr"), message);
    assertTrue(message.endsWith("dev.adjoint.fixtures.Square declares no method named sqr"), message);
  }

  @Test
  void aClassWithoutCompanionIsAnErrorThatSaysHowToFixIt() {
    String message = assertThrows(IllegalArgumentException.class, () -> Derivatives.of(NoCompanion.class, "f"))
        .getMessage();
    assertTrue(message.startsWith("No derivatives for dev.adjoint.fixtures.NoCompanion.f: the method is not annotated"
        + " @Differentiable, or dev.adjoint.fixtures.NoCompanion was not compiled with the adjoint-processor"
        + " annotation processor"), message);
    assertTrue(message.contains("dev.adjoint.fixtures.NoCompanionDerivatives"), message);
    assertTrue(message.contains("add dev.adjoint:adjoint-processor to the compiler's annotationProcessorPaths"), message);
    assertThrows(IllegalArgumentException.class, () -> Derivatives.of(String.class, "length"));
    assertThrows(IllegalArgumentException.class, () -> Derivatives.of(int[].class, "clone"));
  }

  @Test
  void aCompanionThatCannotBeLoadedIsAnErrorThatNamesItAndTheCause() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Derivatives.of(Broken.class, "f"));
    String message = e.getMessage();
    assertTrue(message.startsWith("No derivatives for dev.adjoint.fixtures.Broken.f: "
        + "dev.adjoint.fixtures.BrokenDerivatives exists but could not be loaded (java.lang.ExceptionInInitializerError"),
        message);
    assertTrue(message.endsWith("rebuild dev.adjoint.fixtures.Broken with the adjoint-processor of the same version"
        + " as the adjoint-runtime it runs with"), message);
    assertTrue(e.getCause() instanceof ExceptionInInitializerError, String.valueOf(e.getCause()));
    // Maven runs these tests on the module path, inside the module dev.adjoint, which reads itself.
    assertTrue(message.contains("Module dev.adjoint reads dev.adjoint, which is all the registry needs"), message);
  }

  @Test
  void nestedOwnersUseTheirOuterClassesInTheCompanionName() {
    assertEquals("dev.adjoint.fixtures.Outer_InnerDerivatives", CompanionName.of(Outer.Inner.class));
    assertEquals("dev.adjoint.DerivativesTest_A_BDerivatives", CompanionName.of(A.B.class));
    assertEquals("dev.adjoint.fixtures.SquareDerivatives", CompanionName.of(Square.class));
    DifferentiableMethod twice = Derivatives.of(Outer.Inner.class, "twice");
    assertEquals(2.0, twice.gradient(5.0)[0]);
  }

  @Test
  void nullArgumentsAreRejectedWithAMessage() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Derivatives.of(null, "f"));
    assertEquals("Derivatives.of: owner class is null", e.getMessage());
    e = assertThrows(NullPointerException.class, () -> Derivatives.of(Square.class, null));
    assertEquals("Derivatives.of: method name is null", e.getMessage());
  }

  @Test
  void theCompanionIsLoadedThroughTheOwnersClassLoader() throws Exception {
    ClassLoader isolated = new FixturesLoader(getClass().getClassLoader());
    Class<?> otherSquare = isolated.loadClass(Square.class.getName());
    assertNotSame(Square.class, otherSquare);
    DifferentiableMethod sq = Derivatives.of(otherSquare, "sq");
    assertSame(otherSquare, sq.owner());
    assertNotSame(Derivatives.of(Square.class, "sq"), sq);
    assertEquals(16.0, sq.invoke(4.0));
  }

  static final class A {
    static final class B {}
  }

  /** Defines its own copies of the fixture classes, as a second application or plug-in would. */
  private static final class FixturesLoader extends ClassLoader {
    FixturesLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.adjoint.fixtures.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = define(name);
        }
        return c;
      }
    }

    private Class<?> define(String name) throws ClassNotFoundException {
      try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
        if (in == null) {
          throw new ClassNotFoundException(name);
        }
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }
}
