package dev.adjoint.processor;

import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.MethodRef;
import dev.adjoint.processor.transform.CallSpecialization;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * What one companion generates for the callees of its methods, beyond their public derivatives:
 * copies of callees' derivatives specialised to what a call needs ({@code gGradientWrtXS}: g
 * differentiated with respect to x and s), and copies of private helpers it cannot call. Each is
 * named once, and queued until the generator has written it.
 */
final class Specialisations implements CallSpecialization.Specializer {
  /** A callee to copy: with derivatives under {@code names}, or, when {@code names} is null, as it is under {@code copyName}. */
  record Request(MethodRef callee, MethodRef.DerivativeSignature names, String copyName) {}

  private static final List<String> KINDS = List.of("Gradient", "Pullback", "Tangent", "Adjoint");

  private final String companion;
  private final CalleeBodies callees;
  private final Map<String, MethodRef.DerivativeSignature> specialised = new HashMap<>();
  private final Map<String, String> copies = new HashMap<>();
  private final Set<String> takenNames = new HashSet<>();
  private final Queue<Request> pending = new ArrayDeque<>();

  /** {@code reserved}: the names the companion's own methods and records already use. */
  Specialisations(String companion, CalleeBodies callees, Set<String> reserved) {
    this.companion = companion;
    this.callees = callees;
    this.takenNames.addAll(reserved);
  }

  @Override
  public String companion() {
    return companion;
  }

  @Override
  public MethodRef.DerivativeSignature specialise(MethodRef callee, List<Boolean> differentiable) {
    String key = callee.key() + differentiable;
    MethodRef.DerivativeSignature known = specialised.get(key);
    if (known != null || callees.body(callee) == null) {
      return known;
    }
    MethodRef.DerivativeSignature names = names(callee, differentiable);
    specialised.put(key, names);
    pending.add(new Request(callee, names, null));
    return names;
  }

  @Override
  public String primalCopy(MethodRef callee) {
    String known = copies.get(callee.key());
    if (known != null || callees.body(callee) == null) {
      return known;
    }
    String name = unique(callee.name(), List.of(""));
    copies.put(callee.key(), name);
    pending.add(new Request(callee, null, name));
    return name;
  }

  @Override
  public String whyNot(MethodRef callee) {
    return callees.whyNot(callee);
  }

  /** The next copy to generate, or null when all are done. Generating one may queue others. */
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
    String base = unique(callee.name() + "%s" + wrt, KINDS);
    String record = GeneratedNames.capitalized(base);
    return new MethodRef.DerivativeSignature(
        companion,
        String.format(base, "Gradient"),
        companion + "." + String.format(record, "Gradient"),
        String.format(base, "Pullback"),
        companion + "." + String.format(record, "Pullback"),
        String.format(base, "Tangent"),
        companion + "." + String.format(record, "Tangent"),
        differentiable,
        componentNames(parameterNames, differentiable),
        String.format(base, "Adjoint"),
        null);
  }

  /**
   * A name pattern ({@code %s} stands for each of {@code kinds}) whose names, and their
   * capitalised forms (records), are all free; they are taken from then on.
   */
  private String unique(String pattern, List<String> kinds) {
    String candidate = pattern;
    for (int n = 2; isTaken(candidate, kinds); n++) {
      candidate = pattern + n;
    }
    for (String kind : kinds) {
      takenNames.add(String.format(candidate, kind));
    }
    return candidate;
  }

  private boolean isTaken(String pattern, List<String> kinds) {
    for (String kind : kinds) {
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
