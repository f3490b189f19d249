package dev.adjoint.processor.emit;

import dev.adjoint.processor.ir.Function;

/**
 * A private helper that a companion calls but cannot reach, copied into it.
 *
 * @param function the helper's body under the copy's name
 * @param original the helper as the user wrote its name, {@code Owner.helper}
 * @param sourceFile the file it comes from, for the copy's comment
 */
public record HelperCopy(Function function, String original, String sourceFile) {}
