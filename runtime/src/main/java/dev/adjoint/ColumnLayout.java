package dev.adjoint;

import java.util.Objects;

/**
 * Which Jacobian column belongs to which parameter: the differentiable parameters in order, each
 * taking {@link Flattening#width} columns at the given arguments.
 */
final class ColumnLayout {
  private final DifferentiableMethod method;
  /** First column of each parameter; -1 for parameters that are not differentiable. */
  private final int[] start;
  private final int columns;

  private ColumnLayout(DifferentiableMethod method, int[] start, int columns) {
    this.method = method;
    this.start = start;
    this.columns = columns;
  }

  static ColumnLayout of(DifferentiableMethod m, Object[] args) {
    Objects.requireNonNull(m, "the method is null");
    Objects.requireNonNull(args, "the argument array is null");
    int n = m.parameterTypes().size();
    if (args.length != n) {
      throw new IllegalArgumentException(m.owner().getSimpleName() + "." + m.name() + " takes " + n
          + " arguments but was given " + args.length);
    }
    int[] start = new int[n];
    int columns = 0;
    for (int i = 0; i < n; i++) {
      start[i] = -1;
      if (m.isDifferentiable(i)) {
        requireType(m, i, args[i]);
        start[i] = columns;
        columns = Math.addExact(columns, Flattening.width(args[i]));
      }
    }
    return new ColumnLayout(m, start, columns);
  }

  int columns() {
    return columns;
  }

  boolean isVariable(int parameter) {
    return start[parameter] >= 0;
  }

  int start(int parameter) {
    return start[parameter];
  }

  /** The parameter that a column belongs to. */
  int parameterAt(int column) {
    Objects.checkIndex(column, columns);
    int found = -1;
    for (int p = 0; p < start.length && (start[p] < 0 || start[p] <= column); p++) {
      if (start[p] >= 0) {
        found = p; // the last variable starting at or before the column
      }
    }
    return found;
  }

  /** Copies one entry per parameter (a gradient or pullback) into a row of {@link #columns} numbers. */
  void flatten(Object[] perParameter, double[] row) {
    for (int p = 0; p < start.length; p++) {
      if (start[p] >= 0) {
        Flattening.write(perParameter[p], row, start[p]);
      }
    }
  }

  DifferentiableMethod method() {
    return method;
  }

  /** The layout reads argument shapes, so it checks them before the method itself is called. */
  private static void requireType(DifferentiableMethod m, int i, Object arg) {
    Class<?> type = m.parameterTypes().get(i);
    boolean ok = type == double.class ? arg instanceof Double : type.isInstance(arg);
    if (!ok) {
      throw new IllegalArgumentException(m.owner().getSimpleName() + "." + m.name() + ": argument " + i + " ("
          + type.getSimpleName() + " " + m.parameterNames().get(i) + ") must be a "
          + (type == double.class ? "Double" : type.getSimpleName()) + " but was given "
          + (arg == null ? "null" : arg.getClass().getSimpleName()));
    }
  }
}
