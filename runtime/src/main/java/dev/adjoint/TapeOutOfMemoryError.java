package dev.adjoint;

/**
 * A gradient's tape could not grow: the Java heap had no room for another block of it, or it
 * reached the limit set with {@code -Dadjoint.tape.maxBytes}. The message says how big the tape
 * was, which of its stacks needed the block, and how to bound it.
 *
 * <p>The tape of a reverse-mode gradient records values that the method's loops overwrite, so it
 * grows with the number of iterations. Bounding it means fewer iterations per gradient call, or
 * more memory for the tape.
 *
 * <p>This is an {@link OutOfMemoryError}, so code that handles running out of memory handles this
 * too, and a {@code catch (Exception e)} around a computation does not swallow it and carry on
 * with a gradient that was never computed. The gradient call that throws it leaves nothing behind:
 * its tape is not returned to the thread's pool, so the memory it held can be collected at once.
 */
public final class TapeOutOfMemoryError extends OutOfMemoryError {
  private static final long serialVersionUID = 1L;

  private final long bytesInUse;
  private final String stack;
  private final long maxBytes;

  /**
   * @param message the full explanation
   * @param bytesInUse what the tape's entries took when it failed, in bytes
   * @param stack the stack that needed a block: {@code "double"}, {@code "int"}, {@code "long"},
   *     {@code "boolean"} or {@code "object"}
   * @param maxBytes the limit that was reached, or {@link Long#MAX_VALUE} when the heap was full
   */
  public TapeOutOfMemoryError(String message, long bytesInUse, String stack, long maxBytes) {
    super(message);
    this.bytesInUse = bytesInUse;
    this.stack = stack;
    this.maxBytes = maxBytes;
  }

  /** @return the bytes the tape's entries took when it failed, counted as by the tape's bytesInUse */
  public long bytesInUse() {
    return bytesInUse;
  }

  /** @return the stack that needed a block: double, int, long, boolean or object */
  public String stack() {
    return stack;
  }

  /**
   * @return the limit that was reached ({@code adjoint.tape.maxBytes}), or {@link Long#MAX_VALUE}
   *     when the Java heap itself had no room
   */
  public long maxBytes() {
    return maxBytes;
  }
}
