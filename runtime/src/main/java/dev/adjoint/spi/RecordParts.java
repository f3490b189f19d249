package dev.adjoint.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.function.UnaryOperator;

/**
 * Record arguments, gradients and tangents as the runtime takes them apart: a record's components
 * in declaration order, of which those declared {@code double}, {@code double[]}, {@code double[][]}
 * or a record with such a component carry derivatives (the processor flattens records the same
 * way), and new records built with the canonical constructor. Used by the registry and
 * {@code Jacobian}, not by generated code.
 */
public final class RecordParts {
  private RecordParts() {}

  /** Whether values declared with this type carry derivatives. */
  public static boolean carriesDerivatives(Class<?> type) {
    if (type == double.class || type == double[].class || type == double[][].class) {
      return true;
    }
    if (!type.isRecord()) {
      return false;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getType() != type && carriesDerivatives(c.getType())) {
        return true;
      }
    }
    return false;
  }

  /** Which components of a record type carry derivatives, in declaration order. */
  public static boolean[] differentiableComponents(Class<?> recordType) {
    RecordComponent[] cs = recordType.getRecordComponents();
    boolean[] out = new boolean[cs.length];
    for (int i = 0; i < cs.length; i++) {
      out[i] = cs[i].getType() != recordType && carriesDerivatives(cs[i].getType());
    }
    return out;
  }

  /** The record's component values, in declaration order. */
  public static Object[] components(Record r) {
    RecordComponent[] cs = r.getClass().getRecordComponents();
    Object[] values = new Object[cs.length];
    for (int i = 0; i < cs.length; i++) {
      Method accessor = cs[i].getAccessor();
      try {
        accessor.setAccessible(true);
        values[i] = accessor.invoke(r);
      } catch (IllegalAccessException | RuntimeException e) {
        throw inaccessible(r.getClass(), e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("the accessor " + accessor.getName() + "() of " + r.getClass().getName()
            + " threw", e.getCause());
      }
    }
    return values;
  }

  /** A new record of {@code r}'s class from component values, built with its canonical constructor. */
  public static Record build(Class<?> type, Object[] values) {
    RecordComponent[] cs = type.getRecordComponents();
    Class<?>[] types = new Class<?>[cs.length];
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
    }
    try {
      Constructor<?> canonical = type.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return (Record) canonical.newInstance(values);
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException | RuntimeException e) {
      throw inaccessible(type, e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("the canonical constructor of " + type.getName() + " refused the "
          + "derivative values it was given (a compact constructor that checks its arguments runs on tangents and"
          + " gradients too): " + e.getCause(), e.getCause());
    }
  }

  /** {@code r} with {@code f} applied to each component that carries derivatives; the others stay. */
  public static Record map(Record r, UnaryOperator<Object> f) {
    Object[] values = components(r);
    boolean[] differentiable = differentiableComponents(r.getClass());
    for (int i = 0; i < values.length; i++) {
      if (differentiable[i]) {
        values[i] = f.apply(values[i]);
      }
    }
    return build(r.getClass(), values);
  }

  private static IllegalStateException inaccessible(Class<?> type, Exception e) {
    return new IllegalStateException("Adjoint cannot read or build the record " + type.getName()
        + " by reflection (" + e + "); if it is in a named module, open its package to the module that holds Adjoint's runtime", e);
  }
}
