package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.ArrayList;
import java.util.List;

/** Prints IR expressions as Java, with only the parentheses Java's precedence rules need. */
final class ExpressionWriter {
  private static final int ATOM = 16;
  private static final int UNARY = 14;
  private static final int CONDITIONAL = 2;
  private static final ClassName SHAPES = ClassName.get("dev.adjoint.spi", "Shapes");

  private final java.util.function.Function<Var, String> names;

  ExpressionWriter(JavaNames names) {
    this(names::of);
  }

  /** {@code names}: the name printed for each variable. */
  ExpressionWriter(java.util.function.Function<Var, String> names) {
    this.names = names;
  }

  /** An expression where Java converts the value to the expected type by itself (assignment, argument). */
  CodeBlock write(Expr e) {
    if (e instanceof Expr.Cast c && c.implicit()) {
      return write(c.operand());
    }
    return write(e, 0);
  }

  CodeBlock write(Expr e, int context) {
    int p = precedence(e);
    CodeBlock code = print(e);
    return p < context ? CodeBlock.of("($L)", code) : code;
  }

  private static int precedence(Expr e) {
    if (e instanceof Expr.Binary b) {
      return b.op().precedence;
    }
    if (e instanceof Expr.Unary || e instanceof Expr.Cast c && !c.implicit()) {
      return UNARY;
    }
    if (e instanceof Expr.Cast c) {
      return precedence(c.operand());
    }
    if (e instanceof Expr.TapePop t && needsCast(t.type())) {
      return UNARY;
    }
    if (e instanceof Expr.Conditional) {
      return CONDITIONAL;
    }
    if (e instanceof Expr.Const c && c.value() instanceof Number n && n.doubleValue() < 0) {
      return UNARY;
    }
    if (e instanceof Expr.Const c && c.value() instanceof Double d && d == 0 && 1 / d < 0) {
      return UNARY;
    }
    return ATOM;
  }

  private CodeBlock print(Expr e) {
    return e.accept(printer);
  }

  private final Expr.Visitor<CodeBlock> printer = new Expr.Visitor<>() {
    @Override
    public CodeBlock visitVar(Var v) {
      return CodeBlock.of("$L", names.apply(v));
    }

    @Override
    public CodeBlock visitConst(Expr.Const c) {
      return constant(c);
    }

    @Override
    public CodeBlock visitStaticField(Expr.StaticField f) {
      if (f.privateFinal()) {
        return CodeBlock.of("$L", dev.adjoint.processor.ir.GeneratedNames.privateFieldCopy(f.owner(), f.field()));
      }
      return CodeBlock.of("$T.$L", className(f.owner()), f.field());
    }

    @Override
    public CodeBlock visitBinary(Expr.Binary b) {
      return binary(b);
    }

    @Override
    public CodeBlock visitUnary(Expr.Unary u) {
      CodeBlock operand = write(u.operand(), UNARY);
      boolean clash = u.operand() instanceof Expr.Unary || precedence(u.operand()) == UNARY && !(u.operand() instanceof Expr.Cast);
      return clash ? CodeBlock.of("$L($L)", u.op().symbol, print(u.operand())) : CodeBlock.of("$L$L", u.op().symbol, operand);
    }

    @Override
    public CodeBlock visitCast(Expr.Cast c) {
      return c.implicit() ? print(c.operand()) : CodeBlock.of("($L) $L", c.type().javaName(), write(c.operand(), UNARY));
    }

    @Override
    public CodeBlock visitConditional(Expr.Conditional c) {
      return CodeBlock.of("$L ? $L : $L", write(c.cond(), CONDITIONAL + 1), write(c.ifTrue(), CONDITIONAL + 1),
          write(c.ifFalse(), CONDITIONAL));
    }

    @Override
    public CodeBlock visitMathCall(Expr.MathCall m) {
      return CodeBlock.of("$T.$L($L)", className(m.owner()), m.method(), arguments(m.args()));
    }

    @Override
    public CodeBlock visitArrayLoad(Expr.ArrayLoad l) {
      return CodeBlock.of("$L[$L]", write(l.array(), ATOM), write(l.index(), 0));
    }

    @Override
    public CodeBlock visitArrayLength(Expr.ArrayLength l) {
      return CodeBlock.of("$L.length", write(l.array(), ATOM));
    }

    /** Array dimensions, constant array types ({@code double[][][]}) included. */
    private int rank(Type t) {
      if (!t.isConstantArray()) {
        return t.rank();
      }
      int rank = 0;
      for (com.palantir.javapoet.TypeName name = t.javaType(); name instanceof com.palantir.javapoet.ArrayTypeName a;
          name = a.componentType()) {
        rank++;
      }
      return rank;
    }

    @Override
    public CodeBlock visitNewArray(Expr.NewArray n) {
      CodeBlock.Builder b = CodeBlock.builder().add("new double");
      if (n.type().equals(Type.INT_ARRAY)) {
        b = CodeBlock.builder().add("new int");
      }
      for (Expr d : n.dimensions()) {
        b.add("[$L]", write(d, 0));
      }
      for (int i = n.dimensions().size(); i < rank(n.type()); i++) {
        b.add("[]");
      }
      return b.build();
    }

    @Override
    public CodeBlock visitArrayInit(Expr.ArrayInit a) {
      return CodeBlock.of("new $L {$L}", a.type().javaName(), arguments(a.elements()));
    }

    @Override
    public CodeBlock visitArrayClone(Expr.ArrayClone c) {
      if (c.type().equals(Type.DOUBLE_MATRIX)) {
        return CodeBlock.of("$T.copyOf($L)", SHAPES, write(c.array(), 0));
      }
      return CodeBlock.of("$L.clone()", write(c.array(), ATOM));
    }

    @Override
    public CodeBlock visitZerosLike(Expr.ZerosLike z) {
      if (z.type().equals(Type.DOUBLE_MATRIX)) {
        return CodeBlock.of("$T.zerosLike($L)", SHAPES, write(z.array(), 0));
      }
      return CodeBlock.of("new double[$L.length]", write(z.array(), ATOM));
    }

    @Override
    public CodeBlock visitInvoke(Expr.Invoke i) {
      return CodeBlock.of("$T.$L($L)", className(i.method().owner()), i.method().name(), arguments(i.args()));
    }

    @Override
    public CodeBlock visitInvokeInstance(Expr.InvokeInstance i) {
      return CodeBlock.of("$L.$L($L)", write(i.receiver(), ATOM), i.method(), arguments(i.args()));
    }

    @Override
    public CodeBlock visitInvokeDerivative(Expr.InvokeDerivative i) {
      return CodeBlock.of("$T.$L($L)", className(i.owner()), i.name(), arguments(i.args()));
    }

    @Override
    public CodeBlock visitRecordGet(Expr.RecordGet r) {
      return CodeBlock.of("$L.$L()", write(r.record(), ATOM), r.component());
    }

    @Override
    public CodeBlock visitNewRecord(Expr.NewRecord r) {
      return CodeBlock.of("new $T($L)", typeName(r.type()), arguments(r.components()));
    }

    @Override
    public CodeBlock visitTapePop(Expr.TapePop t) {
      if (t.type().equals(Type.CHAR)) {
        return CodeBlock.of("(char) tape.popInt()");
      }
      if (needsCast(t.type())) {
        return CodeBlock.of("($T) tape.popObject()", typeName(t.type()));
      }
      return CodeBlock.of("tape.$L()", TapeCalls.pop(t.type()));
    }
  };

  /** Values the tape keeps as objects, or a char it keeps as an int: popped with a cast. */
  private static boolean needsCast(Type t) {
    return t.kind() == Type.Kind.RECORD || t.kind() == Type.Kind.CONSTANT || t.equals(Type.CHAR);
  }

  private CodeBlock binary(Expr.Binary b) {
    int p = b.op().precedence;
    CodeBlock left = operand(b.left(), b.right(), b, p);
    // Right operands of the same precedence keep their parentheses: a - (b - c), and for doubles a + (b + c).
    CodeBlock right = operand(b.right(), b.left(), b, p + 1);
    return CodeBlock.of("$L $L $L", left, b.op().symbol, right);
  }

  /** An implicit int-to-double conversion can be left to Java when the other operand is a double. */
  private CodeBlock operand(Expr operand, Expr other, Expr.Binary parent, int context) {
    if (operand instanceof Expr.Cast c && c.implicit()) {
      boolean otherIsWide = other.type().equals(c.type()) && !(other instanceof Expr.Cast oc && oc.implicit());
      // Java promotes a char operand to int by itself.
      boolean promotedAnyway = c.type().equals(Type.INT) && c.operand().type().equals(Type.CHAR);
      if (otherIsWide || promotedAnyway) {
        return write(c.operand(), context);
      }
      return CodeBlock.of("($L) $L", c.type().javaName(), write(c.operand(), UNARY));
    }
    return write(operand, context);
  }

  CodeBlock arguments(List<Expr> args) {
    List<CodeBlock> parts = new ArrayList<>();
    for (Expr a : args) {
      parts.add(write(a));
    }
    return CodeBlock.join(parts, ", ");
  }

  private static CodeBlock constant(Expr.Const c) {
    Object v = c.value();
    if (v == null) {
      return CodeBlock.of("null");
    }
    if (v instanceof Double d) {
      if (d.isNaN()) {
        return CodeBlock.of("$T.NaN", Double.class);
      }
      if (d.isInfinite()) {
        return CodeBlock.of(d > 0 ? "$T.POSITIVE_INFINITY" : "$T.NEGATIVE_INFINITY", Double.class);
      }
      return CodeBlock.of("$L", Double.toString(d));
    }
    if (v instanceof Long l) {
      return CodeBlock.of("$LL", l);
    }
    if (v instanceof String text) {
      return CodeBlock.of("$S", text);
    }
    if (v instanceof Character ch) {
      return CodeBlock.of("$L", CharLiterals.of(ch));
    }
    return CodeBlock.of("$L", v);
  }

  static ClassName className(String qualified) {
    return ClassNames.of(qualified);
  }

  static com.palantir.javapoet.TypeName typeName(Type t) {
    return TypeNames.of(t);
  }
}
