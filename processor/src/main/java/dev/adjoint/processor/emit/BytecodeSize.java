package dev.adjoint.processor.emit;

import com.palantir.javapoet.TypeName;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Function;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytecode javac makes of the method {@link MethodWriter} writes for an IR function, counted
 * instruction by instruction: what decides whether HotSpot compiles the method at all. HotSpot does
 * not JIT-compile a method of more than 8,000 bytes ({@link #HUGE_METHOD_LIMIT}); it runs it
 * interpreted, tens of times slower, so a choice that makes a method larger (two rows in one
 * reverse sweep) asks this first.
 *
 * <p>It follows javac: locals get slots in the order they are declared, two for a {@code double}
 * or {@code long}, and a block's slots are free again after it; a load or store takes 1 byte for
 * slots 0 to 3, 2 up to 255 and 4 beyond (the {@code wide} form); constants take their shortest
 * form ({@code dconst_1}, {@code bipush}, {@code ldc2_w}); a comparison in a condition is a
 * compare-and-jump, elsewhere it also makes the boolean; {@code a[i] += v} evaluates a and i once.
 * What it cannot know exactly (javac's removal of a jump to the next instruction, constant-pool
 * indexes past 255) moves the count by a few bytes in a method: on generated code it is within 2 %
 * of the size in the class file (tested on the tests' generated classes).
 */
public final class BytecodeSize {
  /** HotSpot's {@code HugeMethodLimit}: larger methods are not compiled ({@code DontCompileHugeMethods}). */
  public static final int HUGE_METHOD_LIMIT = 8000;

  /** The JVM's limit on one method's code. */
  public static final int JVM_LIMIT = 65_535;
  /** Past this, javac compiles the method again with long jumps ({@code goto_w}): a jump offset must fit. */
  private static final int SHORT_JUMPS_LIMIT = 32_767;
  private static final int CALL = 3;

  private final Map<Var, Integer> slots = new HashMap<>();
  private int nextSlot;
  /** A goto; and a conditional jump, which in long form is the opposite jump over a goto_w. */
  private final int jump;
  private final int conditionalJump;

  private BytecodeSize(boolean longJumps) {
    jump = longJumps ? 5 : 3;
    conditionalJump = longJumps ? 8 : 3;
  }

  /** The size of the method's code, in bytes, as javac compiles it. */
  public static int of(Function f) {
    int bytes = new BytecodeSize(false).method(f);
    return bytes <= SHORT_JUMPS_LIMIT ? bytes : new BytecodeSize(true).method(f);
  }

  /** Whether the JVM takes the method: javac says "code too large" past 64 KiB. */
  public static boolean fitsTheJvm(Function f) {
    return of(f) <= JVM_LIMIT;
  }

  /** Whether HotSpot compiles the method (its code is at most {@link #HUGE_METHOD_LIMIT} bytes). */
  public static boolean isCompiled(Function f) {
    return of(f) <= HUGE_METHOD_LIMIT;
  }

  private int method(Function f) {
    boolean tapeParameter = false;
    for (Function.Parameter p : f.parameters()) {
      declare(p.var());
      tapeParameter |= p.var() == Var.TAPE;
    }
    int bytes = 0;
    boolean ownTape = !tapeParameter && StatementWriter.usesTape(f.body());
    if (ownTape) {
      // Tape tape = Tape.open(); ... tape.close();
      declare(Var.TAPE);
      bytes += CALL + local(Var.TAPE) + local(Var.TAPE) + CALL;
    }
    bytes += block(f.body());
    List<Stmt> all = f.body().statements();
    boolean returnsValue = !all.isEmpty() && all.get(all.size() - 1) instanceof Stmt.Return r
        && !r.value().type().equals(Type.VOID);
    if (!returnsValue) {
      bytes += 1; // return
    }
    return bytes;
  }

  // ---- locals -------------------------------------------------------------------------------

  private void declare(Var v) {
    slots.put(v, nextSlot);
    nextSlot += width(v.type());
  }

  private static int width(Type t) {
    if (t.kind() == Type.Kind.DOUBLE || t.kind() == Type.Kind.LONG) {
      return 2;
    }
    if (t.kind() == Type.Kind.CONSTANT) {
      TypeName name = t.javaType();
      return name.equals(TypeName.DOUBLE) || name.equals(TypeName.LONG) ? 2 : 1;
    }
    return 1;
  }

  /** A load or a store of a local. */
  private int local(Var v) {
    Integer slot = slots.get(v);
    int s = slot == null ? nextSlot : slot;
    return s <= 3 ? 1 : s <= 255 ? 2 : 4;
  }

  private boolean isWide(Var v) {
    Integer slot = slots.get(v);
    return (slot == null ? nextSlot : slot) > 255;
  }

  /** A nested block: its declarations free their slots at its end, as javac's scopes do. */
  private int scoped(Block b) {
    int limit = nextSlot;
    int bytes = block(b);
    nextSlot = limit;
    return bytes;
  }

  private int block(Block b) {
    int bytes = 0;
    for (Stmt s : b.statements()) {
      bytes += s.accept(statements);
    }
    return bytes;
  }

  // ---- statements ---------------------------------------------------------------------------

  private final Stmt.Visitor<Integer> statements = new Stmt.Visitor<>() {
    @Override
    public Integer visitDeclare(Stmt.Declare d) {
      int init = d.init() == null ? 0 : value(d.init());
      declare(d.var());
      return d.init() == null ? 0 : init + local(d.var());
    }

    @Override
    public Integer visitAssign(Stmt.Assign a) {
      Var target = a.target();
      if (StatementWriter.printsCompound(a) && target.type().equals(Type.INT)
          && a.value() instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)
          && ConstantFolding.fold(b.right()) instanceof Integer k && k >= -32768 && k <= 32767) {
        // i++, i--, i += 3: iinc, in its wide form past slot 255 or past a byte's range
        boolean wide = isWide(target) || k < -128 || k > 127;
        return wide ? 6 : 3;
      }
      return value(a.value()) + local(target);
    }

    @Override
    public Integer visitArrayStore(Stmt.ArrayStore st) {
      if (StatementWriter.printsCompound(st)) {
        Expr.Binary b = (Expr.Binary) st.value();
        // a, i, dup2, load, v, op, store
        return value(st.array()) + value(st.index()) + 1 + 1 + value(b.right()) + 1 + 1;
      }
      return value(st.array()) + value(st.index()) + value(st.value()) + 1;
    }

    @Override
    public Integer visitArrayCopy(Stmt.ArrayCopy c) {
      if (c.source().type().equals(Type.DOUBLE_MATRIX)) {
        return value(c.source()) + value(c.target()) + CALL;
      }
      // System.arraycopy(source, 0, target, 0, source.length)
      return value(c.source()) + 1 + value(c.target()) + 1 + value(c.source()) + 1 + CALL;
    }

    @Override
    public Integer visitIf(Stmt.If i) {
      Cond c = condition(i.condition());
      boolean hasElse = !isEmptyOfCode(i.otherwise());
      if (c.known() != null) {
        return c.bytes() + (c.known() ? scoped(i.then()) : hasElse ? scoped(i.otherwise()) : 0);
      }
      int bytes = c.bytes() + scoped(i.then());
      if (hasElse) {
        bytes += (completesNormally(i.then()) ? jump : 0) + scoped(i.otherwise());
      }
      return bytes;
    }

    @Override
    public Integer visitLoop(Stmt.Loop l) {
      // An init in the header is the loop's scope; one printed before the loop declares in the enclosing block.
      int outer = nextSlot;
      int bytes = block(l.init());
      int afterInit = nextSlot;
      Cond c = condition(l.condition());
      boolean alwaysTrue = Boolean.TRUE.equals(c.known());
      boolean never = Boolean.FALSE.equals(c.known());
      // if (!c) break;  the condition's jump over the break's goto
      int exitUnless = alwaysTrue ? 0 : never ? jump : c.bytes() + jump;
      if (!l.kind().testFirst()) {
        // do { body } while (c): the test jumps back; with a header, while (true) { body: {...} header; if (!c) break; }
        bytes += l.header().isEmpty() ? scoped(l.body()) + c.bytes() + (alwaysTrue ? jump : 0)
            : scoped(l.body()) + block(l.header()) + exitUnless + jump;
      } else if (l.header().isEmpty() && StatementWriter.updateInHeader(l.update())) {
        // for (init; c; update) body: the test jumps out, the end jumps back to it; a false test skips the rest
        bytes += never ? jump : c.bytes() + scoped(l.body()) + block(l.update()) + jump;
      } else {
        // for (init; ; update) { header; if (!c) break; body }
        bytes += block(l.header()) + exitUnless + scoped(l.body()) + block(l.update()) + jump;
      }
      nextSlot = StatementWriter.initInHeader(l.init()) ? outer : afterInit;
      return bytes;
    }

    @Override
    public Integer visitBreak(Stmt.Break b) {
      return jump;
    }

    @Override
    public Integer visitContinue(Stmt.Continue c) {
      return jump;
    }

    @Override
    public Integer visitReturn(Stmt.Return r) {
      return r.value().type().equals(Type.VOID) ? 0 : value(r.value()) + 1;
    }

    @Override
    public Integer visitPush(Stmt.Push p) {
      return local(Var.TAPE) + value(p.value()) + CALL;
    }

    @Override
    public Integer visitEvaluate(Stmt.Evaluate e) {
      Type t = e.value().type();
      int discard = t.equals(Type.VOID) ? 0 : width(t);
      return value(e.value()) + discard;
    }

    @Override
    public Integer visitComment(Stmt.Comment c) {
      return 0;
    }

    @Override
    public Integer visitRepeat(Stmt.Repeat r) {
      // for (int k = count; k > 0; k--) body
      int limit = nextSlot;
      int count = value(r.count());
      declare(r.counter());
      int counter = local(r.counter());
      int bytes = count + counter + counter + conditionalJump + scoped(r.body()) + (isWide(r.counter()) ? 6 : 3) + jump;
      nextSlot = limit;
      return bytes;
    }
  };

  private static boolean isEmptyOfCode(Block b) {
    for (Stmt s : b.statements()) {
      if (!(s instanceof Stmt.Comment)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the code after a block is reached from its end: not after a jump or a return, nor after
   * a branch whose two sides jump. javac writes no jump over an else branch when its then branch
   * cannot complete.
   */
  private static boolean completesNormally(Block b) {
    List<Stmt> all = b.statements();
    for (int i = all.size() - 1; i >= 0; i--) {
      Stmt s = all.get(i);
      if (s instanceof Stmt.Comment) {
        continue;
      }
      if (s instanceof Stmt.Break || s instanceof Stmt.Continue || s instanceof Stmt.Return) {
        return false;
      }
      if (s instanceof Stmt.If branch && !isEmptyOfCode(branch.otherwise())) {
        return completesNormally(branch.then()) || completesNormally(branch.otherwise());
      }
      return true;
    }
    return true;
  }

  // ---- expressions --------------------------------------------------------------------------

  /**
   * A condition's code: its bytes, and whether javac knows its value (a constant, or {@code a && false}),
   * in which case it generates no code for the branch never taken.
   */
  private record Cond(int bytes, Boolean known) {}

  /** An expression evaluated as a condition: a compare-and-jump, no boolean made. */
  private Cond condition(Expr e) {
    if (ConstantFolding.fold(e) instanceof Boolean b) {
      return new Cond(0, b);
    }
    if (e instanceof Expr.Binary b && (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR)) {
      boolean and = b.op() == Expr.BinaryOp.AND;
      Cond left = condition(b.left());
      if (left.known() != null && left.known() != and) {
        return left; // false && ..., true || ...: the right operand is not generated
      }
      Cond right = condition(b.right());
      Boolean known = left.known() != null ? right.known() : right.known() != null && right.known() != and ? right.known()
          : null;
      return new Cond(left.bytes() + right.bytes(), known);
    }
    if (e instanceof Expr.Binary b && b.op().isComparison()) {
      return new Cond(comparison(b), null);
    }
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NOT) {
      Cond inner = condition(u.operand());
      return new Cond(inner.bytes(), inner.known() == null ? null : !inner.known());
    }
    return new Cond(value(e) + conditionalJump, null);
  }

  /** A comparison as a jump: longs and floating point compare first, ints and references jump at once. */
  private int comparison(Expr.Binary b) {
    Type t = b.left().type();
    if (isIntLike(t) && isIntLike(b.right().type())) {
      if (isZero(b.right())) {
        return value(b.left()) + conditionalJump;
      }
      if (isZero(b.left())) {
        return value(b.right()) + conditionalJump;
      }
      return value(b.left()) + value(b.right()) + conditionalJump;
    }
    if (t.isReference() || b.right().type().isReference()) {
      if (isNull(b.right())) {
        return value(b.left()) + conditionalJump;
      }
      if (isNull(b.left())) {
        return value(b.right()) + conditionalJump;
      }
      return value(b.left()) + value(b.right()) + conditionalJump;
    }
    return value(b.left()) + value(b.right()) + 1 + conditionalJump;
  }

  private static boolean isIntLike(Type t) {
    Type.Kind k = t.kind();
    if (k == Type.Kind.INT || k == Type.Kind.BOOLEAN || k == Type.Kind.CHAR) {
      return true;
    }
    if (k == Type.Kind.CONSTANT) {
      TypeName n = t.javaType();
      return n.equals(TypeName.SHORT) || n.equals(TypeName.BYTE);
    }
    return false;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Const c && (c.value() instanceof Integer i && i == 0
        || c.value() instanceof Boolean bool && !bool || c.value() instanceof Character ch && ch == 0);
  }

  private static boolean isNull(Expr e) {
    return e instanceof Expr.Const c && c.value() == null;
  }

  private int value(Expr e) {
    return e.accept(values);
  }

  private int values(List<Expr> list) {
    int bytes = 0;
    for (Expr e : list) {
      bytes += value(e);
    }
    return bytes;
  }

  private final Expr.Visitor<Integer> values = new Expr.Visitor<>() {
    @Override
    public Integer visitVar(Var v) {
      return local(v);
    }

    @Override
    public Integer visitConst(Expr.Const c) {
      return constant(c.value());
    }

    @Override
    public Integer visitStaticField(Expr.StaticField f) {
      return CALL; // getstatic
    }

    @Override
    public Integer visitBinary(Expr.Binary b) {
      Object folded = ConstantFolding.fold(b);
      if (folded != null) {
        return constant(folded);
      }
      if (b.op().isComparison() || b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
        // the jump, then iconst_1, goto, iconst_0
        return condition(b).bytes() + 1 + jump + 1;
      }
      return value(b.left()) + value(b.right()) + 1;
    }

    @Override
    public Integer visitUnary(Expr.Unary u) {
      Object folded = ConstantFolding.fold(u);
      if (folded != null) {
        return constant(folded);
      }
      switch (u.op()) {
        case NEG:
          return value(u.operand()) + 1;
        case BIT_NOT:
          return value(u.operand()) + 2; // x, iconst_m1 (or ldc2_w -1L), xor
        default:
          return condition(u.operand()).bytes() + 1 + jump + 1;
      }
    }

    @Override
    public Integer visitCast(Expr.Cast c) {
      Object folded = ConstantFolding.fold(c);
      if (folded != null) {
        return constant(folded);
      }
      boolean sameReference = c.implicit() && c.type().isReference();
      return value(c.operand()) + (sameReference ? 0 : conversion(c.operand().type(), c.type()));
    }

    @Override
    public Integer visitConditional(Expr.Conditional c) {
      Cond cond = condition(c.cond());
      if (cond.known() != null) {
        return cond.bytes() + value(cond.known() ? c.ifTrue() : c.ifFalse());
      }
      return cond.bytes() + value(c.ifTrue()) + jump + value(c.ifFalse());
    }

    @Override
    public Integer visitMathCall(Expr.MathCall m) {
      return values(m.args()) + CALL;
    }

    @Override
    public Integer visitArrayLoad(Expr.ArrayLoad l) {
      return value(l.array()) + value(l.index()) + 1;
    }

    @Override
    public Integer visitArrayLength(Expr.ArrayLength l) {
      return value(l.array()) + 1;
    }

    @Override
    public Integer visitNewArray(Expr.NewArray n) {
      int dims = values(n.dimensions());
      if (n.dimensions().size() > 1) {
        return dims + 4; // multianewarray
      }
      // newarray for a primitive element, anewarray for rows
      boolean primitiveElements = n.type().equals(Type.DOUBLE_ARRAY) || n.type().equals(Type.INT_ARRAY);
      return dims + (primitiveElements ? 2 : 3);
    }

    @Override
    public Integer visitArrayInit(Expr.ArrayInit a) {
      Type element = a.type().element();
      int bytes = constant(a.elements().size()) + (element.isReference() ? 3 : 2); // anewarray or newarray
      for (int i = 0; i < a.elements().size(); i++) {
        // dup, index, element, store
        bytes += 1 + constant(i) + value(a.elements().get(i)) + 1;
      }
      return bytes;
    }

    @Override
    public Integer visitArrayClone(Expr.ArrayClone c) {
      if (c.type().equals(Type.DOUBLE_MATRIX)) {
        return value(c.array()) + CALL;
      }
      return value(c.array()) + CALL + CALL; // invokevirtual clone, checkcast
    }

    @Override
    public Integer visitZerosLike(Expr.ZerosLike z) {
      if (z.type().equals(Type.DOUBLE_MATRIX)) {
        return value(z.array()) + CALL;
      }
      return value(z.array()) + 1 + 2; // arraylength, newarray
    }

    @Override
    public Integer visitInvoke(Expr.Invoke i) {
      return values(i.args()) + CALL;
    }

    @Override
    public Integer visitInvokeInstance(Expr.InvokeInstance i) {
      return value(i.receiver()) + values(i.args()) + CALL;
    }

    @Override
    public Integer visitInvokeDerivative(Expr.InvokeDerivative i) {
      return values(i.args()) + CALL;
    }

    @Override
    public Integer visitRecordGet(Expr.RecordGet r) {
      return value(r.record()) + CALL;
    }

    @Override
    public Integer visitNewRecord(Expr.NewRecord r) {
      return CALL + 1 + values(r.components()) + CALL; // new, dup, components, invokespecial
    }

    @Override
    public Integer visitTapePop(Expr.TapePop t) {
      int cast = t.type().equals(Type.CHAR) ? 1 : t.type().isReference() ? CALL : 0;
      return local(Var.TAPE) + CALL + cast;
    }
  };

  /** The shortest push of a constant: {@code iconst}, {@code bipush}, {@code sipush}, {@code dconst} or a pool entry. */
  private static int constant(Object v) {
    if (v == null || v instanceof Boolean) {
      return 1;
    }
    if (v instanceof Integer || v instanceof Character || v instanceof Short || v instanceof Byte) {
      long k = v instanceof Character ch ? ch : ((Number) v).longValue();
      return k >= -1 && k <= 5 ? 1 : k >= -128 && k <= 127 ? 2 : k >= -32768 && k <= 32767 ? 3 : 3;
    }
    if (v instanceof Long l) {
      return l == 0 || l == 1 ? 1 : 3;
    }
    if (v instanceof Double d) {
      return Double.doubleToRawLongBits(d) == 0 || d == 1.0 ? 1 : 3;
    }
    if (v instanceof Float f) {
      return Float.floatToRawIntBits(f) == 0 || f == 1.0f || f == 2.0f ? 1 : 3;
    }
    return 3; // a string or a class: ldc_w
  }

  /** The instructions of a primitive conversion: {@code i2d}, {@code d2i} then {@code i2c}, or a reference cast. */
  private static int conversion(Type from, Type to) {
    if (from.equals(to)) {
      return 0;
    }
    if (to.isReference() || from.isReference()) {
      return CALL; // checkcast
    }
    int fromWidth = rank(from);
    int toWidth = rank(to);
    if (fromWidth == toWidth) {
      return 0;
    }
    boolean narrowInt = toWidth == 0; // char, short, byte: through int
    boolean fromInt = fromWidth == 1 || fromWidth == 0;
    if (narrowInt) {
      return fromInt ? 1 : 2;
    }
    return fromInt && toWidth == 1 ? 0 : 1;
  }

  /** 0: char, short, byte; 1: int; 2: long; 3: float; 4: double. */
  private static int rank(Type t) {
    switch (t.kind()) {
      case CHAR:
        return 0;
      case INT:
      case BOOLEAN:
        return 1;
      case LONG:
        return 2;
      case DOUBLE:
        return 4;
      default:
        TypeName n = t.javaType();
        if (n.equals(TypeName.FLOAT)) {
          return 3;
        }
        if (n.equals(TypeName.LONG)) {
          return 2;
        }
        if (n.equals(TypeName.DOUBLE)) {
          return 4;
        }
        return n.equals(TypeName.INT) ? 1 : 0;
    }
  }
}
