package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code for} loop of a {@link Differentiable} method for checkpointing, written on its
 * loop variable: {@code for (@Checkpointed int step = 0; step < n; step++)}.
 *
 * <p>Without it, the gradient records what every iteration overwrites, so its memory grows with
 * the number of iterations. With it, the gradient's forward sweep runs the loop without recording
 * anything and counts its iterations; its reverse sweep then keeps a few snapshots of the
 * loop-carried state (the variables and array elements the body changes) and recomputes the
 * iterations between them, recording one iteration at a time, in the order of Griewank and
 * Walther's binomial schedule (revolve). The memory is a few snapshots plus the record of one
 * iteration; the price is recomputation: with {@code c} snapshots and {@code n} iterations each
 * iteration runs about {@code r + 1} times without recording, where {@code r} is the smallest number
 * with {@code (c + r)! / (c! r!) >= n}.
 *
 * <p>The derivatives are the same as without the marker. Forward mode ({@code fTangent}) records
 * nothing, so the marker changes nothing there.
 *
 * <p>The processor reports an error where the marker cannot be honoured: on a variable that is not
 * the variable of a {@code for} loop, on a loop inside another loop, on a body that reassigns an
 * array variable declared before the loop, or calls an instance method (a recomputed iteration would
 * call it again). Static methods called in the body run again for each recomputed iteration.
 */
@Documented
@Target(ElementType.LOCAL_VARIABLE)
@Retention(RetentionPolicy.SOURCE)
public @interface Checkpointed {
  /**
   * The number of snapshots of the loop-carried state the reverse sweep may keep at once. More
   * snapshots mean less recomputation. The default, 0, chooses at run time, from the number of
   * iterations and the size of one snapshot: enough snapshots for each iteration to run at most
   * three times without recording (two recomputations after the forward sweep), as long as they
   * take no more than {@code adjoint.checkpoint.maxBytes} together (a system property, default
   * {@code 64m}; bytes, or with a suffix {@code k}, {@code m}, {@code g}); at least one snapshot.
   *
   * @return the number of snapshots, or 0 to choose automatically
   */
  int snapshots() default 0;
}
