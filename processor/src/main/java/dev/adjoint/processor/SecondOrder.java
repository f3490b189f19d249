package dev.adjoint.processor;

import dev.adjoint.processor.emit.DerivativeSet;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.GeneratedNames;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.transform.ForwardTransform.CallTangent;
import dev.adjoint.processor.transform.HessianVectorTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds second-order code to one companion's derivative sets, once all of them (the entry points and
 * the copies specialised to call sites) are known: a Hessian-vector method for each entry point
 * returning double, and the tangents of the callee adjoints those call.
 *
 * <p>Which adjoints get tangents is a greatest fixed point: every adjoint is assumed to get one,
 * and those that call derivative code without a tangent are dropped until none is. So a recursive
 * callee, whose adjoint calls itself, gets one.
 */
final class SecondOrder {
  private SecondOrder() {}

  static List<DerivativeSet> addTo(List<DerivativeSet> sets, String companion) {
    Map<String, DerivativeSet> byAdjoint = new HashMap<>();
    for (DerivativeSet set : sets) {
      if (!set.entryPoint() && set.adjoint() != null) {
        byAdjoint.put(set.adjoint().name(), set);
      }
    }
    Set<String> withTangents = new LinkedHashSet<>(byAdjoint.keySet());
    boolean changed = true;
    while (changed) {
      changed = withTangents.removeIf(name -> HessianVectorTransform.unsupported(byAdjoint.get(name).adjoint(),
          withTangents) != null);
    }
    Map<String, CallTangent> calls = new HashMap<>();
    for (String name : withTangents) {
      Function adjoint = byAdjoint.get(name).adjoint();
      calls.put(name, HessianVectorTransform.callOfAdjointTangent(adjoint, tangentName(adjoint), record(adjoint, companion)));
    }
    List<DerivativeSet> out = new ArrayList<>();
    for (DerivativeSet set : sets) {
      Function adjointTangent = null;
      if (set.adjoint() != null && withTangents.contains(set.adjoint().name())) {
        Function adjoint = set.adjoint();
        adjointTangent = HessianVectorTransform.adjointTangent(adjoint, tangentName(adjoint), record(adjoint, companion),
            calls);
      }
      Function hessianVector = null;
      String noHessianVector = null;
      if (set.entryPoint() && !set.returnsVector()) {
        Function reverse = set.reverseOverLeaves();
        noHessianVector = HessianVectorTransform.unsupported(reverse, withTangents);
        if (noHessianVector == null) {
          String name = set.source().name();
          Type record = Type.record(companion + "." + GeneratedNames.hessianVectorRecord(name));
          hessianVector = HessianVectorTransform.apply(reverse, GeneratedNames.hessianVectorMethod(name), record, calls);
          if (set.records() != null) {
            // Record parameters and their directions come whole, and their parts of H v go back as records.
            hessianVector = set.records().hessianVector(hessianVector, record);
          }
        }
      }
      out.add(set.withSecondOrder(adjointTangent, hessianVector, noHessianVector));
    }
    return out;
  }

  private static String tangentName(Function adjoint) {
    return adjoint.name() + "Tangent";
  }

  /** {@code GAdjointWrtXTangent(value, tangent)} for an adjoint returning a double; none for a void one. */
  private static Type record(Function adjoint, String companion) {
    return adjoint.returnType().equals(Type.DOUBLE)
        ? Type.record(companion + "." + GeneratedNames.capitalized(tangentName(adjoint)))
        : null;
  }
}
