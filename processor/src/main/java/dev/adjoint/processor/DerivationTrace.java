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
