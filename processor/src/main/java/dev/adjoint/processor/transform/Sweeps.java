package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Stmt;

/** The forward-sweep and reverse-sweep code of a piece of IR. */
record Sweeps(Block forward, Block reverse) {
  /** Whether the reverse code does nothing (comments only). */
  boolean reverseIsEmpty() {
    return reverse.statements().stream().allMatch(s -> s instanceof Stmt.Comment);
  }
}
