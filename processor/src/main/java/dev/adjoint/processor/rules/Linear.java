package dev.adjoint.processor.rules;

import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What {@link Linearization} says about one expression: how its derivative is made from the
 * derivatives of its operands. Forward mode applies it to tangents, reverse mode transposes it onto
 * adjoints; neither knows more about the operation than this.
 */
public final class Linear {
  private Linear() {}

  /** One operand of a {@link Sum} and the local partial derivative of the value with respect to it. */
  public record Term(Expr operand, Expr partial) {}

  /**
   * A {@code double} value: {@code y' = sum(partial_i * x_i')}. Each operand is a place that holds
   * a derivative, a {@code double} variable or an array element ({@link Linearization#storage} says
   * where). Operands that are constants, or of a type without derivatives, have no term; no terms
   * at all means the derivative is zero.
   */
  public record Sum(List<Term> terms) {
    public Sum {
      terms = List.copyOf(terms);
    }
  }

  /** Where the derivative of an array value, or of a {@code double} place, is kept. */
  public sealed interface Storage {
    <R> R accept(Visitor<R> visitor);
  }

  /** One method per kind of {@link Storage}: a mode that forgets one does not compile. */
  public interface Visitor<R> {
    R variable(Var v);

    R alias(Alias a);

    R copy(Copy c);

    R pack(Pack p);

    R fresh();
  }

  /** A variable: its derivative is the mode's derivative variable for it ({@code xDot}, {@code xBar}). */
  public record Variable(Var var) implements Storage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.variable(var);
    }
  }

  /**
   * A value that shares storage with {@code parts}: an element {@code a[i]}, a row {@code m[i]}, a
   * choice {@code c ? a : b}, a matrix made of rows. Its derivative storage is the same expression
   * over the parts' derivative storage, which {@code rebuild} makes. The operation is its own
   * transpose: adjoint arrays alias exactly as the primal ones do, and nothing needs adding back.
   */
  public record Alias(List<Expr> parts, Function<List<Expr>, Expr> rebuild) implements Storage {
    public Alias {
      parts = List.copyOf(parts);
    }

    /** The derivative storage, given how the mode finds the derivative storage of a part. */
    public Expr over(Function<Expr, Expr> derivativeOfPart) {
      List<Expr> derivatives = new ArrayList<>();
      for (Expr part : parts) {
        derivatives.add(derivativeOfPart.apply(part));
      }
      return rebuild.apply(derivatives);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.alias(this);
    }
  }

  /**
   * A fresh copy of {@code source}: the derivative is a copy of the source's derivative; transposed,
   * the copy's adjoint is added into the source's.
   */
  public record Copy(Expr source) implements Storage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.copy(this);
    }
  }

  /**
   * A fresh vector {@code new double[] {e0, e1, ...}}: element i's derivative is {@code elements.get(i)};
   * transposed, the adjoint of element i is scattered onto the operands of {@code e_i}.
   */
  public record Pack(Type type, List<Sum> elements) implements Storage {
    public Pack {
      elements = List.copyOf(elements);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pack(this);
    }
  }

  /**
   * Fresh storage whose values carry no derivative: {@code new double[n]}, {@code null}, a static
   * field, the result of a constant call. Its derivative storage is zeros (or {@code null}).
   */
  public record Fresh() implements Storage {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.fresh();
    }
  }
}
