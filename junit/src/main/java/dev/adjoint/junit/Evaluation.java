package dev.adjoint.junit;

import dev.adjoint.DifferentiableMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** What both checks share: calls through the registry on fresh copies of a point, and random weights. */
final class Evaluation {
  private final Point point;
  private final DifferentiableMethod method;

  Evaluation(Point point) {
    this.point = point;
    this.method = point.method();
  }

  DifferentiableMethod method() {
    return method;
  }

  Object[] arguments() {
    return point.arguments();
  }

  boolean returnsScalar() {
    return method.returnType() == double.class;
  }

  /** The indices of the differentiable parameters. */
  List<Integer> differentiableParameters() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < method.parameterNames().size(); i++) {
      if (method.isDifferentiable(i)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Weights of the result's components: a {@code Double} or a {@code double[]} as long as the result. */
  Object randomResultWeights(Random random) {
    if (returnsScalar()) {
      return random.nextGaussian();
    }
    double[] result = (double[]) method.invoke(arguments());
    return randomLike(result, random);
  }

  /** A value of the shape of {@code like} ({@code Double}, {@code double[]}, {@code double[][]}), entries random. */
  static Object randomLike(Object like, Random random) {
    if (like instanceof Double) {
      return random.nextGaussian();
    }
    if (like instanceof double[] a) {
      double[] out = new double[a.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = random.nextGaussian();
      }
      return out;
    }
    double[][] m = (double[][]) like;
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = (double[]) randomLike(m[i], random);
    }
    return out;
  }

  /** The result of {@code f} at {@code args}, weighted: {@code weights . f(args)}. */
  double weightedValue(Object[] args, Object weights) {
    Object value = method.invoke(args);
    return Entries.dot(value, weights)[0];
  }

  /** {@code Foo.f(x = 2.0, ...)}, as the messages and test names show the point. */
  String describe() {
    return method.owner().getSimpleName() + "." + point;
  }

  /** "parameter w, element [3]" or "parameter x". */
  String entryName(int parameter, Entries.Entry entry) {
    String name = "parameter " + method.parameterNames().get(parameter);
    return entry.label().isEmpty() ? name : name + ", element " + entry.label();
  }
}
