package dev.adjoint.processor;

import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.transform.CallDecisions;
import dev.adjoint.processor.transform.CallLog;

/**
 * What the pipeline did on the way to one method's derivatives, kept for the graph and the cost
 * report: the method after inlining, after call specialisation, and each call's fate.
 */
final class DerivationTrace {
  private final CallLog calls;
  private Function inlined;
  private Function specialised;

  private DerivationTrace(CallLog calls) {
    this.calls = calls;
  }

  /** Keeps everything. */
  static DerivationTrace recording() {
    return new DerivationTrace(new CallLog());
  }

  /** Keeps nothing; for derivations no one looks at. */
  static DerivationTrace none() {
    return new DerivationTrace(null);
  }

  /** An empty trace that keeps what this one keeps: for an attempt that may be thrown away. */
  DerivationTrace fresh() {
    return new DerivationTrace(calls == null ? null : new CallLog());
  }

  /** Takes over what an attempt kept, in place of what this trace kept so far. */
  void replaceWith(DerivationTrace attempt) {
    if (calls != null) {
      calls.replaceWith(attempt.calls);
    }
    inlined = attempt.inlined;
    specialised = attempt.specialised;
  }

  CallDecisions decisions() {
    return calls == null ? CallDecisions.NONE : calls;
  }

  CallLog calls() {
    return calls;
  }

  void inlined(Function f) {
    inlined = f;
  }

  Function inlined() {
    return inlined;
  }

  void specialised(Function f) {
    specialised = f;
  }

  Function specialised() {
    return specialised;
  }
}
