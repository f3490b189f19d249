package dev.adjoint.processor.fuzz;

import dev.adjoint.processor.fuzz.Ast.Param;
import dev.adjoint.processor.fuzz.Ast.Ty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The signatures of the restricted-calls part of a generated program: callees ({@code lib0},
 * {@code lib1}, ...) that restrict their own derivatives with {@code @NoDerivative} on some double
 * or double[] parameters, with a {@code wrt} list leaving some out, or both; then unrestricted
 * callers ({@code use0}, ...). {@link ProgramGenerator} writes their bodies: a lib reads its
 * restricted parameters, in a loop (so that a call of it from inside a loop stays a call) or
 * straight-line (so that it is inlined); a caller, and sometimes a later lib, passes values that
 * depend on its differentiable parameters, and constants, into those parameters.
 */
final class CallShapes {
  private CallShapes() {}

  /**
   * A method to generate. {@code looped}: its body has a loop (a caller's always holds a call of a
   * lib). {@code caller}: an unrestricted caller rather than a restricted lib.
   */
  record Shape(String name, List<Param> params, List<String> wrt, Ty result, boolean looped, boolean caller) {
    /** Whether {@code p} is a double or double[] parameter this method does not differentiate. */
    boolean restricted(Param p) {
      return p.ty() != Ty.I && !Ast.differentiates(p, wrt);
    }
  }

  static List<Shape> draw(Random r) {
    List<Shape> out = new ArrayList<>();
    int libs = 1 + r.nextInt(3);
    for (int i = 0; i < libs; i++) {
      out.add(lib("lib" + i, r));
    }
    int callers = 1 + r.nextInt(2);
    for (int i = 0; i < callers; i++) {
      out.add(caller("use" + i, r));
    }
    return out;
  }

  private static Shape lib(String name, Random r) {
    int doubles = 1 + r.nextInt(3);
    int arrays = r.nextInt(3);
    if (doubles + arrays < 2) {
      doubles++;
    }
    int total = doubles + arrays;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    Set<Integer> off = new HashSet<>(order.subList(0, 1 + r.nextInt(total - 1)));
    int style = r.nextInt(3); // 0: all by @NoDerivative, 1: all by wrt, 2: each either way
    List<Param> params = new ArrayList<>();
    List<String> differentiated = new ArrayList<>();
    boolean needsWrt = false;
    for (int i = 0; i < total; i++) {
      boolean isArray = i >= doubles;
      boolean restricted = off.contains(i);
      String pname = (restricted ? (isArray ? "d" : "s") : (isArray ? "a" : "x")) + i;
      boolean marked = restricted && (style == 0 || (style == 2 && r.nextBoolean()));
      needsWrt |= restricted && !marked;
      params.add(new Param(pname, isArray ? Ty.A : Ty.D, marked));
      if (!restricted) {
        differentiated.add(pname);
      }
    }
    if (r.nextInt(3) == 0) {
      params.add(new Param("n", Ty.I));
    }
    Collections.shuffle(params, r);
    Ty result = r.nextInt(3) == 0 ? Ty.A : Ty.D;
    return new Shape(name, params, needsWrt ? differentiated : List.of(), result, r.nextInt(4) != 0, false);
  }

  private static Shape caller(String name, Random r) {
    List<Param> params = new ArrayList<>();
    params.addAll(Ast.params("x", 1 + r.nextInt(3), Ty.D));
    params.addAll(Ast.params("a", 1 + r.nextInt(2), Ty.A));
    if (r.nextInt(3) == 0) {
      params.add(new Param("n", Ty.I));
    }
    Collections.shuffle(params, r);
    return new Shape(name, params, List.of(), r.nextInt(4) == 0 ? Ty.A : Ty.D, true, true);
  }
}
