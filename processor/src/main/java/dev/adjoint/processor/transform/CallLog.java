package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what {@link CallDecisions} hears for one method, in the order it was decided. */
public final class CallLog implements CallDecisions {
  /** A call that was inlined, and the statements that replaced it. */
  public record Inlined(Expr.Invoke call, String inside, Block copy) {}

  /** A call that stays a call: why, and what it runs for its derivatives (empty until known). */
  public record Kept(Expr.Invoke call, String inside, String reason) {}

  private final List<Inlined> inlined = new ArrayList<>();
  private final List<Kept> kept = new ArrayList<>();
  /** By the call as the inliner saw it, or as call specialisation saw it (the same object when nothing changed it). */
  private final Map<Expr.Invoke, String> derivatives = new IdentityHashMap<>();

  @Override
  public void inlined(Expr.Invoke call, String inside, Block copy) {
    inlined.add(new Inlined(call, inside, copy));
  }

  @Override
  public void keptAsCall(Expr.Invoke call, String inside, String reason) {
    kept.add(new Kept(call, inside, reason));
  }

  @Override
  public void derivativesChosen(Expr.Invoke call, String how) {
    derivatives.put(call, how);
  }

  /** Forgets what this log heard, and takes what {@code other} heard instead. */
  public void replaceWith(CallLog other) {
    inlined.clear();
    inlined.addAll(other.inlined);
    kept.clear();
    kept.addAll(other.kept);
    derivatives.clear();
    derivatives.putAll(other.derivatives);
  }

  public List<Inlined> inlined() {
    return Collections.unmodifiableList(inlined);
  }

  public List<Kept> kept() {
    return Collections.unmodifiableList(kept);
  }

  /**
   * What a kept call runs for its derivatives, as call specialisation decided it, or null when it
   * did not see the call (a call whose value is not used keeps none).
   */
  public String derivativesOf(Kept k) {
    String how = derivatives.get(k.call());
    if (how != null) {
      return how;
    }
    // Passes between the inliner and call specialisation rebuild calls; the position is kept.
    for (Map.Entry<Expr.Invoke, String> e : derivatives.entrySet()) {
      if (e.getKey().pos() == k.call().pos() && e.getKey().method().name().equals(k.call().method().name())) {
        return e.getValue();
      }
    }
    return null;
  }
}
