package dev.adjoint.processor;

import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.transform.CallSpecialization;
import dev.adjoint.processor.transform.Inliner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * The specialised callee derivatives one companion needs: for each callee and pattern of active
 * arguments, the names of a private copy of its derivatives, and a queue of the copies still to
 * generate. Names read {@code gGradientWrtXS} (g differentiated with respect to x and s).
 */
final class Specialisations implements CallSpecialization.Specializer {
  /** A callee to differentiate again, with respect to the flagged parameters, under the given names. */
  record Request(MethodRef callee, MethodRef.DerivativeSignature names) {}

  private final String companion;
  private final Inliner.Callees callees;
  private final Map<String, MethodRef.DerivativeSignature> byKey = new LinkedHashMap<>();
  private final Set<String> takenNames = new HashSet<>();
  private final Queue<Request> pending = new ArrayDeque<>();

  /** {@code reserved}: the method names the companion's public derivatives already use. */
  Specialisations(String companion, Inliner.Callees callees, Set<String> reserved) {
    this.companion = companion;
    this.callees = callees;
    this.takenNames.addAll(reserved);
  }

  @Override
  public MethodRef.DerivativeSignature specialise(MethodRef callee, List<Boolean> differentiable) {
    String key = callee.owner() + "." + callee.name() + differentiable;
    MethodRef.DerivativeSignature known = byKey.get(key);
    if (known != null) {
      return known;
    }
    if (callees.body(callee) == null) {
      return null;
    }
    MethodRef.DerivativeSignature names = names(callee, differentiable);
    byKey.put(key, names);
    pending.add(new Request(callee, names));
    return names;
  }

  /** The next copy to generate, or null when all are done. Generating one may request others. */
  Request next() {
    return pending.poll();
  }

  private MethodRef.DerivativeSignature names(MethodRef callee, List<Boolean> differentiable) {
    List<String> parameterNames = callees.body(callee).parameters().stream().map(p -> p.var().name()).toList();
    StringBuilder wrt = new StringBuilder("Wrt");
    for (int i = 0; i < differentiable.size(); i++) {
      if (differentiable.get(i)) {
        wrt.append(GeneratedNames.capitalized(parameterNames.get(i)));
      }
    }
    String base = unique(callee.name() + "%s" + wrt);
    String record = GeneratedNames.capitalized(base);
    List<String> components = componentNames(parameterNames, differentiable);
    return new MethodRef.DerivativeSignature(
        companion,
        String.format(base, "Gradient"),
        companion + "." + String.format(record, "Gradient"),
        String.format(base, "Pullback"),
        companion + "." + String.format(record, "Pullback"),
        String.format(base, "Tangent"),
        companion + "." + String.format(record, "Tangent"),
        differentiable,
        components);
  }

  /** A name pattern ({@code %s} stands for Gradient, Pullback or Tangent) whose methods are all free. */
  private String unique(String pattern) {
    String candidate = pattern;
    for (int n = 2; isTaken(candidate); n++) {
      candidate = pattern + n;
    }
    for (String kind : List.of("Gradient", "Pullback", "Tangent")) {
      takenNames.add(String.format(candidate, kind));
    }
    return candidate;
  }

  private boolean isTaken(String pattern) {
    for (String kind : List.of("Gradient", "Pullback", "Tangent")) {
      String name = String.format(pattern, kind);
      if (takenNames.contains(name) || takenNames.contains(GeneratedNames.capitalized(name))) {
        return true;
      }
    }
    return false;
  }

  /** Record components named after the parameters, kept clear of {@code value}, the first component. */
  private static List<String> componentNames(List<String> parameterNames, List<Boolean> differentiable) {
    Set<String> used = new HashSet<>(Set.of("value"));
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parameterNames.size(); i++) {
      if (!differentiable.get(i)) {
        names.add("");
        continue;
      }
      String name = parameterNames.get(i);
      while (!used.add(name)) {
        name = name + "Derivative";
      }
      names.add(name);
    }
    return names;
  }
}
