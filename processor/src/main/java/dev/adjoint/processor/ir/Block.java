package dev.adjoint.processor.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sequence of statements. Immutable once built. */
public record Block(List<Stmt> statements) {
  public static final Block EMPTY = new Block(List.of());

  public Block {
    statements = Collections.unmodifiableList(new ArrayList<>(statements));
  }

  public boolean isEmpty() {
    return statements.isEmpty();
  }

  /** Collects statements in order. */
  public static final class Builder {
    private final List<Stmt> statements = new ArrayList<>();

    public Builder add(Stmt s) {
      statements.add(s);
      return this;
    }

    public Builder addAll(Block b) {
      statements.addAll(b.statements());
      return this;
    }

    public Builder addAll(List<? extends Stmt> list) {
      statements.addAll(list);
      return this;
    }

    public boolean isEmpty() {
      return statements.isEmpty();
    }

    public Block build() {
      return new Block(statements);
    }
  }
}
