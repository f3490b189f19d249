package dev.adjoint.processor.ir;

import dev.adjoint.processor.rules.CustomRule;
import java.util.List;

/**
 * Expressions. The frontend produces them in "one differentiable operation per statement" form:
 * every operation on {@code double} values has atoms as operands, while integer and boolean
 * computations (indices, conditions) stay as trees. The transforms build derivative expressions
 * as trees, and the emitter prints trees with the fewest parentheses Java needs.
 */
public sealed interface Expr {
  Type type();

  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind of expression. A pass that must handle every kind implements it, so that
   * a new kind does not compile until each such pass says what it does with it. There are no
   * default methods on purpose: a default would let a new kind through silently.
   */
  interface Visitor<R> {
    R visitVar(Var v);

    R visitConst(Const c);

    R visitStaticField(StaticField f);

    R visitBinary(Binary b);

    R visitUnary(Unary u);

    R visitCast(Cast c);

    R visitConditional(Conditional c);

    R visitMathCall(MathCall m);

    R visitArrayLoad(ArrayLoad l);

    R visitArrayLength(ArrayLength l);

    R visitNewArray(NewArray n);

    R visitArrayInit(ArrayInit a);

    R visitArrayClone(ArrayClone c);

    R visitZerosLike(ZerosLike z);

    R visitInvoke(Invoke i);

    R visitInvokeInstance(InvokeInstance i);

    R visitInvokeDerivative(InvokeDerivative i);

    R visitRecordGet(RecordGet r);

    R visitNewRecord(NewRecord r);

    R visitTapePop(TapePop t);
  }

  /** Leaves: variables, constants and static fields. */
  sealed interface Atom extends Expr permits Var, Const, StaticField {}

  /** A literal or a compile-time constant (Integer, Long, Double or Boolean value). */
  record Const(Type type, Object value) implements Atom {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitConst(this);
    }

    public static Const ofDouble(double v) {
      return new Const(Type.DOUBLE, v);
    }

    public static Const ofInt(int v) {
      return new Const(Type.INT, v);
    }

    public static Const ofBoolean(boolean v) {
      return new Const(Type.BOOLEAN, v);
    }

    public boolean isDouble(double v) {
      return value instanceof Double && Double.compare((Double) value, v) == 0;
    }
  }

  /**
   * A read of a static field that is not a compile-time constant. A {@code privateFinal} one is
   * read through the companion's own copy of it ({@link GeneratedNames#privateFieldCopy}), which
   * holds the same value (the same array object), taken once when the companion is loaded.
   */
  record StaticField(String owner, String field, Type type, boolean privateFinal) implements Atom {
    public StaticField(String owner, String field, Type type) {
      this(owner, field, type, false);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitStaticField(this);
    }
  }

  enum BinaryOp {
    ADD("+", 11), SUB("-", 11), MUL("*", 12), DIV("/", 12), REM("%", 12),
    SHL("<<", 10), SHR(">>", 10), USHR(">>>", 10),
    LT("<", 9), LE("<=", 9), GT(">", 9), GE(">=", 9),
    EQ("==", 8), NE("!=", 8),
    BIT_AND("&", 7), BIT_XOR("^", 6), BIT_OR("|", 5),
    AND("&&", 4), OR("||", 3);

    public final String symbol;
    /** Java precedence, higher binds tighter. */
    public final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    public boolean isComparison() {
      return precedence == 9 || precedence == 8;
    }

    public boolean isArithmetic() {
      return this == ADD || this == SUB || this == MUL || this == DIV || this == REM;
    }
  }

  record Binary(BinaryOp op, Expr left, Expr right, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitBinary(this);
    }
  }

  enum UnaryOp {
    NEG("-"), NOT("!"), BIT_NOT("~");

    public final String symbol;

    UnaryOp(String symbol) {
      this.symbol = symbol;
    }
  }

  record Unary(UnaryOp op, Expr operand, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitUnary(this);
    }
  }

  /**
   * A conversion. {@code implicit} marks the widening conversions Java applies by itself (an int
   * operand of a double product); the emitter leaves those out where Java would add them anyway.
   */
  record Cast(Type type, Expr operand, boolean implicit) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCast(this);
    }
  }

  /** {@code cond ? ifTrue : ifFalse}, only for values that carry no derivative. */
  record Conditional(Expr cond, Expr ifTrue, Expr ifFalse, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitConditional(this);
    }
  }

  /**
   * A call of a function that has a row in the derivative table: a method of {@code java.lang.Math}
   * or {@code java.lang.StrictMath} ({@code owner}), or, with {@code rule} not null, a static method
   * that a user's {@code @DerivativeOf} rule gives the derivative of.
   */
  record MathCall(String owner, String method, List<Expr> args, Type type, CustomRule rule) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitMathCall(this);
    }

    public MathCall {
      args = List.copyOf(args);
    }

    /** A call of {@code Math} or {@code StrictMath}. */
    public MathCall(String owner, String method, List<Expr> args, Type type) {
      this(owner, method, args, type, null);
    }
  }

  record ArrayLoad(Expr array, Expr index, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitArrayLoad(this);
    }
  }

  record ArrayLength(Expr array) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitArrayLength(this);
    }

    @Override
    public Type type() {
      return Type.INT;
    }
  }

  /** {@code new double[d0][d1]}; fewer dimensions than the rank leave inner arrays null. */
  record NewArray(Type type, List<Expr> dimensions) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitNewArray(this);
    }

    public NewArray {
      dimensions = List.copyOf(dimensions);
    }
  }

  /** {@code new double[] {a, b}} (for matrices, the elements are rows). */
  record ArrayInit(Type type, List<Expr> elements) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitArrayInit(this);
    }

    public ArrayInit {
      elements = List.copyOf(elements);
    }
  }

  /** A fresh copy of an array, as deep as its rank ({@code a.clone()} for vectors). */
  record ArrayClone(Expr array) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitArrayClone(this);
    }

    @Override
    public Type type() {
      return array.type();
    }
  }

  /** A new array of zeros with the shape of {@code array} (rows included for matrices). */
  record ZerosLike(Expr array) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitZerosLike(this);
    }

    @Override
    public Type type() {
      return array.type();
    }
  }

  /** A call of a static method: a constant call, or the original of another differentiable method. */
  record Invoke(MethodRef method, List<Expr> args, SourcePos pos) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitInvoke(this);
    }

    public Invoke {
      args = List.copyOf(args);
    }

    @Override
    public Type type() {
      return method.returnType();
    }
  }

  /**
   * A call of an instance method on a constant object ({@code rng.nextGaussian()},
   * {@code s.charAt(i)}, {@code list.get(i)}). Its result is a constant: the frontend refuses one
   * whose arguments carry derivatives. It may have side effects, so it is never recomputed: the
   * frontend gives it a statement of its own, which both modes keep where it is and run once.
   */
  record InvokeInstance(Expr receiver, String method, List<Expr> args, Type type, SourcePos pos) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitInvokeInstance(this);
    }

    public InvokeInstance {
      args = List.copyOf(args);
    }
  }

  /**
   * A call of a generated derivative method, {@code owner.name(args)}, returning a record. Only
   * produced by the transforms.
   */
  record InvokeDerivative(String owner, String name, List<Expr> args, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitInvokeDerivative(this);
    }

    public InvokeDerivative {
      args = List.copyOf(args);
    }
  }

  /** A component of a record: {@code r.x()}. */
  record RecordGet(Expr record, String component, Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitRecordGet(this);
    }
  }

  /** {@code new R(components...)} for the records the generated methods return. */
  record NewRecord(Type type, List<Expr> components) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitNewRecord(this);
    }

    public NewRecord {
      components = List.copyOf(components);
    }
  }

  /** The value on top of the tape, removed from it (reverse sweep only). */
  record TapePop(Type type) implements Expr {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitTapePop(this);
    }
  }
}
