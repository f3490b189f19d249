package dev.adjoint.optim;

/** Called by an optimizer after every iteration, for printing or recording the progress. */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that does nothing. */
  ProgressListener NONE = progress -> {};

  /**
   * One iteration is done.
   *
   * @param progress the state after it
   */
  void onIteration(Progress progress);
}
