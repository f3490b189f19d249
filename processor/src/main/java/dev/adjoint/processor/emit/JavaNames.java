package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Java names for the variables of one generated method: the wished-for name when it is free,
 * otherwise the name with a number ({@code eSum}, {@code eSum2}). Parameters keep their names.
 */
final class JavaNames {
  private final Map<Var, String> names = new IdentityHashMap<>();
  private final Set<String> used = new HashSet<>();
  private final Map<String, Integer> counters = new HashMap<>();

  /** Reserves a name that generated code uses for its own purposes (such as {@code tape}). */
  void reserve(String name) {
    used.add(name);
  }

  /** Gives v exactly {@code name}, which must have been reserved: generated code spells it so. */
  void bind(Var v, String name) {
    names.put(v, name);
  }

  String of(Var v) {
    return names.computeIfAbsent(v, this::allocate);
  }

  private String allocate(Var v) {
    String base = v.name();
    if (!SourceVersion.isIdentifier(base) || SourceVersion.isKeyword(base)) {
      base = "v" + base;
    }
    if (used.add(base)) {
      return base;
    }
    int n = counters.getOrDefault(base, 1);
    String candidate;
    do {
      n++;
      candidate = base + n;
    } while (!used.add(candidate));
    counters.put(base, n);
    return candidate;
  }
}
