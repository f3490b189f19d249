package dev.adjoint.spi;

/**
 * Checks what a caller passed to a {@link GeneratedMethod} before generated code sees it, so that
 * mistakes surface as messages naming the parameter rather than as a {@link ClassCastException}
 * from deep inside generated code.
 */
final class ArgumentCheck {
  private ArgumentCheck() {}

  /** Count, and each argument's runtime type against its parameter. */
  static void arguments(Signature s, Object[] args) {
    if (args == null) {
      throw new NullPointerException(s.shortName() + ": the argument array is null");
    }
    if (args.getClass() != Object[].class) {
      // f(double[][] m) called as invoke(matrix): Java passes the matrix itself as the varargs array.
      throw new IllegalArgumentException(s.shortName() + " was given a " + Signature.describe(args)
          + " as its whole argument array; wrap it as new Object[] {...} or cast it to (Object)");
    }
    if (args.length != s.arity()) {
      throw new IllegalArgumentException(s.shortName() + " takes " + s.arity()
          + (s.arity() == 1 ? " argument (" : " arguments (") + s.parameterList()
          + ") but was given " + args.length);
    }
    for (int i = 0; i < args.length; i++) {
      requireType(s, "argument", i, args[i]);
    }
  }

  /**
   * One tangent per argument; for each differentiable parameter one of its type and shape.
   * {@code noun} is what the caller calls them: "tangent" for {@code tangent}, "direction" for
   * {@code hessianVector}.
   */
  static void tangents(Signature s, boolean[] differentiable, Object[] args, Object[] tangents, String noun) {
    if (tangents == null) {
      throw new NullPointerException(s.shortName() + ": the " + noun + " array is null");
    }
    if (tangents.length != args.length) {
      throw new IllegalArgumentException(s.shortName() + " takes one " + noun + " per argument ("
          + args.length + ") but was given " + tangents.length);
    }
    for (int i = 0; i < tangents.length; i++) {
      if (differentiable[i]) {
        requireType(s, noun, i, tangents[i]);
        requireSameShape(s, noun, i, args[i], tangents[i]);
      }
    }
  }

  /** The result bar of a method returning {@code double}: any number. */
  static double scalarResultBar(Signature s, Object resultBar) {
    if (resultBar instanceof Number) {
      return ((Number) resultBar).doubleValue();
    }
    throw new IllegalArgumentException(s.shortName() + " returns double, so resultBar must be a Double"
        + " (or another Number), but was given " + Signature.describe(resultBar));
  }

  /**
   * The result bar of a method returning {@code double[]}, or of a void method (the adjoint of its
   * output array, which must be as long as that argument).
   */
  static double[] vectorResultBar(Signature s, Object resultBar, Object[] args) {
    int out = s.outputParameter();
    String expected = out < 0 ? "a double[] as long as the result" : "a double[] as long as " + s.parameter(out);
    if (!(resultBar instanceof double[] bar)) {
      throw new IllegalArgumentException(s.shortName() + " " + s.resultDescription() + ", so resultBar must be "
          + expected + ", but was given " + Signature.describe(resultBar));
    }
    if (out >= 0 && bar.length != ((double[]) args[out]).length) {
      throw new IllegalArgumentException(s.shortName() + " " + s.resultDescription() + ", so resultBar must be "
          + expected + " (" + ((double[]) args[out]).length + "), but has length " + bar.length);
    }
    return bar;
  }

  private static void requireType(Signature s, String what, int i, Object value) {
    Class<?> type = s.type(i);
    Class<?> expected = Signature.boxed(type);
    boolean nullAllowed = !type.isPrimitive() && !type.isArray();
    if (value == null ? nullAllowed : expected.isInstance(value)) {
      return;
    }
    String message = s.shortName() + ": " + what + " " + i + " (" + s.parameter(i) + ") must be "
        + Signature.aOrAn(expected) + " but was given " + Signature.describe(value);
    if (type.isPrimitive() && value instanceof Number) {
      message += "; numbers are not converted, so pass " + Signature.aOrAn(expected);
    }
    throw value == null ? new NullPointerException(message) : new IllegalArgumentException(message);
  }

  private static void requireSameShape(Signature s, String noun, int i, Object arg, Object tangent) {
    if (arg instanceof Record a && tangent instanceof Record t) {
      // A record's tangent is a record of its type whose components that carry derivatives have their shapes.
      Object[] args = RecordParts.components(a);
      Object[] tangents = RecordParts.components(t);
      boolean[] differentiable = RecordParts.differentiableComponents(a.getClass());
      for (int c = 0; c < args.length; c++) {
        if (differentiable[c] && args[c] != null) {
          if (tangents[c] == null || tangents[c].getClass() != args[c].getClass()) {
            throw shapeMismatch(s, noun, i, "has " + Signature.describe(tangents[c]) + " for the record component "
                + a.getClass().getRecordComponents()[c].getName() + ", which needs one of its argument's shape");
          }
          requireSameShape(s, noun, i, args[c], tangents[c]);
        }
      }
    } else if (arg instanceof double[]) {
      requireLength(s, noun, i, "", ((double[]) arg).length, ((double[]) tangent).length);
    } else if (arg instanceof double[][]) {
      double[][] a = (double[][]) arg;
      double[][] t = (double[][]) tangent;
      if (a.length != t.length) {
        throw shapeMismatch(s, noun, i, "has " + t.length + " rows but argument " + i + " has " + a.length);
      }
      for (int r = 0; r < a.length; r++) {
        if (a[r] != null) {
          requireLength(s, noun, i, " row " + r, a[r].length, t[r] == null ? -1 : t[r].length);
        }
      }
    }
  }

  private static void requireLength(Signature s, String noun, int i, String row, int argLength, int tangentLength) {
    if (argLength != tangentLength) {
      String has = tangentLength < 0 ? " is null" : " has length " + tangentLength;
      throw shapeMismatch(s, noun, i, row.trim() + has + " but argument " + i + row + " has length " + argLength);
    }
  }

  private static IllegalArgumentException shapeMismatch(Signature s, String noun, int i, String detail) {
    return new IllegalArgumentException(s.shortName() + ": " + noun + " " + i + " (" + s.parameter(i) + ") "
        + detail.trim() + "; a " + noun + " must have the shape of its argument");
  }
}
