package dev.adjoint.processor.transform;

import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Stmt;
import java.util.ArrayList;
import java.util.List;

/**
 * The code one statement contributes: forward sweep, its adjoint, and the restores that follow the
 * adjoint. Restores are kept in the reverse of the order of their pushes: the tape is a stack.
 */
final class StatementCode {
  final Block.Builder forward = new Block.Builder();
  final Block.Builder reverse = new Block.Builder();
  final Restores restore = new Restores();

  /** Restore statements, the latest first. */
  static final class Restores {
    private final java.util.LinkedList<Stmt> list = new java.util.LinkedList<>();

    void add(Stmt s) {
      list.addFirst(s);
    }

    void addAll(Block b) {
      List<Stmt> items = new ArrayList<>(b.statements());
      java.util.Collections.reverse(items);
      for (Stmt s : items) {
        add(s);
      }
    }

    Block build() {
      return new Block(list);
    }

    void clear() {
      list.clear();
    }
  }
}
