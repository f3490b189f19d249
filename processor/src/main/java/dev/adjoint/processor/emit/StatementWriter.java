package dev.adjoint.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.adjoint.processor.ir.Block;
import dev.adjoint.processor.ir.Expr;
import dev.adjoint.processor.ir.Stmt;
import dev.adjoint.processor.ir.Type;
import dev.adjoint.processor.ir.Var;
import dev.adjoint.processor.ir.Walk;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Prints IR statements as Java, one statement a line, keeping the structure of loops and branches. */
final class StatementWriter {
  private static final ClassName SHAPES = ClassName.get("dev.adjoint.spi", "Shapes");

  private final JavaNames names;
  private final ExpressionWriter expressions;
  /** Loops being printed, innermost first, with the label a jump must name (null: none needed). */
  private final Deque<LoopTarget> loops = new ArrayDeque<>();

  private record LoopTarget(int id, String breakLabel, String continueLabel, boolean continueIsBreak) {}

  StatementWriter(JavaNames names, ExpressionWriter expressions) {
    this.names = names;
    this.expressions = expressions;
  }

  void block(Block b, CodeBlock.Builder out) {
    Printer printer = new Printer(out);
    for (Stmt s : b.statements()) {
      s.accept(printer);
    }
  }

  /** Prints statements into one code block. */
  private final class Printer implements Stmt.Visitor<Void> {
    private final CodeBlock.Builder out;

    Printer(CodeBlock.Builder out) {
      this.out = out;
    }

    @Override
    public Void visitComment(Stmt.Comment c) {
      out.add("// $L\n", c.text());
      return null;
    }

    @Override
    public Void visitDeclare(Stmt.Declare d) {
      declare(d, out);
      return null;
    }

    @Override
    public Void visitAssign(Stmt.Assign a) {
      out.addStatement("$L", assignment(a));
      return null;
    }

    @Override
    public Void visitArrayStore(Stmt.ArrayStore st) {
      out.addStatement("$L", store(st));
      return null;
    }

    @Override
    public Void visitArrayCopy(Stmt.ArrayCopy c) {
      if (c.source().type().equals(Type.DOUBLE_MATRIX)) {
        out.addStatement("$T.copyInto($L, $L)", SHAPES, expressions.write(c.source()), expressions.write(c.target()));
      } else {
        out.addStatement("$T.arraycopy($L, 0, $L, 0, $L.length)", System.class, expressions.write(c.source()),
            expressions.write(c.target()), expressions.write(c.source(), 16));
      }
      return null;
    }

    @Override
    public Void visitIf(Stmt.If i) {
      ifStatement(i, out, false);
      return null;
    }

    @Override
    public Void visitLoop(Stmt.Loop l) {
      loop(l, out);
      return null;
    }

    @Override
    public Void visitBreak(Stmt.Break b) {
      LoopTarget t = target(b.loopId());
      out.addStatement(t.breakLabel == null ? "break" : "break " + t.breakLabel);
      return null;
    }

    @Override
    public Void visitContinue(Stmt.Continue c) {
      LoopTarget t = target(c.loopId());
      if (t.continueIsBreak) {
        out.addStatement("break $L", t.continueLabel);
      } else {
        out.addStatement(t.continueLabel == null ? "continue" : "continue " + t.continueLabel);
      }
      return null;
    }

    @Override
    public Void visitReturn(Stmt.Return r) {
      // A method that returns nothing has its only return last (flattened): falling off the end says it.
      if (!r.value().type().equals(Type.VOID)) {
        out.addStatement("return $L", expressions.write(r.value()));
      }
      return null;
    }

    @Override
    public Void visitPush(Stmt.Push p) {
      out.addStatement("tape.$L($L)", TapeCalls.push(p.value().type()), expressions.write(p.value()));
      return null;
    }

    @Override
    public Void visitEvaluate(Stmt.Evaluate e) {
      out.addStatement("$L", expressions.write(e.value()));
      return null;
    }

    @Override
    public Void visitRepeat(Stmt.Repeat r) {
      String counter = names.of(r.counter());
      out.beginControlFlow("for (int $L = $L; $L > 0; $L--)", counter, expressions.write(r.count()), counter, counter);
      block(r.body(), out);
      out.endControlFlow();
      return null;
    }
  }

  private LoopTarget target(int id) {
    boolean innermost = true;
    for (LoopTarget t : loops) {
      if (t.id == id) {
        if (innermost) {
          return new LoopTarget(id, null, t.continueIsBreak ? t.continueLabel : null, t.continueIsBreak);
        }
        return t;
      }
      innermost = false;
    }
    throw new IllegalStateException("jump to a loop that is not open: " + id);
  }

  private void declare(Stmt.Declare d, CodeBlock.Builder out) {
    String name = names.of(d.var());
    if (d.init() == null) {
      out.addStatement("$T $L", TypeNames.of(d.var().type()), name);
    } else {
      out.addStatement("$T $L = $L", TypeNames.of(d.var().type()), name, expressions.write(d.init()));
    }
  }

  /** {@code x = e}, printed as {@code x += e}, {@code i++} and the like where that reads better. */
  CodeBlock assignment(Stmt.Assign a) {
    String target = names.of(a.target());
    if (printsCompound(a)) {
      Expr.Binary b = (Expr.Binary) a.value();
      if (a.target().type().isIntegral() && b.right() instanceof Expr.Const c && ((Number) c.value()).longValue() == 1
          && (b.op() == Expr.BinaryOp.ADD || b.op() == Expr.BinaryOp.SUB)) {
        return CodeBlock.of("$L$L", target, b.op() == Expr.BinaryOp.ADD ? "++" : "--");
      }
      return CodeBlock.of("$L $L= $L", target, b.op().symbol, expressions.write(b.right(), b.op().precedence + 1));
    }
    return CodeBlock.of("$L = $L", target, expressions.write(a.value()));
  }

  /** Whether {@code x = x op e} is printed {@code x op= e} (or {@code i++}). */
  static boolean printsCompound(Stmt.Assign a) {
    return a.value() instanceof Expr.Binary b && b.left() == a.target() && isCompoundable(b);
  }

  /** Whether {@code a[i] = a[i] op e} is printed {@code a[i] op= e}, which evaluates a and i once. */
  static boolean printsCompound(Stmt.ArrayStore st) {
    return st.value() instanceof Expr.Binary b && isCompoundable(b) && b.left() instanceof Expr.ArrayLoad l
        && l.array().equals(st.array()) && l.index().equals(st.index());
  }

  private CodeBlock store(Stmt.ArrayStore st) {
    CodeBlock place = CodeBlock.of("$L[$L]", expressions.write(st.array(), 16), expressions.write(st.index(), 0));
    if (printsCompound(st)) {
      Expr.Binary b = (Expr.Binary) st.value();
      return CodeBlock.of("$L $L= $L", place, b.op().symbol, expressions.write(b.right(), b.op().precedence + 1));
    }
    return CodeBlock.of("$L = $L", place, expressions.write(st.value()));
  }

  private static boolean isCompoundable(Expr.Binary b) {
    return b.op().isArithmetic() && b.type().equals(b.left().type());
  }

  private void ifStatement(Stmt.If i, CodeBlock.Builder out, boolean chained) {
    if (!chained && withoutComments(i.then()).isEmpty() && !withoutComments(i.otherwise()).isEmpty()) {
      out.beginControlFlow("if (!$L)", expressions.write(i.condition(), 14));
      block(i.otherwise(), out);
      out.endControlFlow();
      return;
    }
    if (!chained) {
      out.beginControlFlow("if ($L)", expressions.write(i.condition()));
    }
    block(i.then(), out);
    Block otherwise = i.otherwise();
    List<Stmt> rest = withoutComments(otherwise);
    if (rest.size() == 1 && rest.get(0) instanceof Stmt.If next) {
      out.nextControlFlow("else if ($L)", expressions.write(next.condition()));
      ifStatement(next, out, true);
      return;
    }
    if (!otherwise.isEmpty()) {
      out.nextControlFlow("else");
      block(otherwise, out);
    }
    out.endControlFlow();
  }

  // ---- loops --------------------------------------------------------------------------------

  private void loop(Stmt.Loop l, CodeBlock.Builder out) {
    String label = needsLabel(l) ? (l.sourceLabel() != null ? l.sourceLabel() : "loop" + l.id()) : null;
    String prefix = label == null ? "" : label + ": ";
    boolean simpleHeader = l.header().isEmpty();
    List<CodeBlock> update = inlineUpdate(l.update());
    if (!l.kind().testFirst()) {
      if (simpleHeader) {
        out.add("$L", prefix);
        out.beginControlFlow("do");
        body(l, label, label, false, out);
        out.unindent().add("} while ($L);\n", expressions.write(l.condition()));
        return;
      }
      String bodyLabel = "body" + l.id();
      out.beginControlFlow("$Lwhile (true)", prefix);
      out.beginControlFlow("$L:", bodyLabel);
      body(l, label, bodyLabel, true, out);
      out.endControlFlow();
      block(l.header(), out);
      exitUnless(l.condition(), out);
      out.endControlFlow();
      return;
    }
    CodeBlock init = inlineInit(l.init());
    if (init == null) {
      block(l.init(), out);
      init = CodeBlock.of("");
    }
    if (simpleHeader && update != null) {
      if (init.isEmpty() && update.isEmpty()) {
        out.beginControlFlow("$Lwhile ($L)", prefix, expressions.write(l.condition()));
      } else {
        out.beginControlFlow("$Lfor ($L; $L; $L)", prefix, init, expressions.write(l.condition()),
            CodeBlock.join(update, ", "));
      }
      body(l, label, label, false, out);
      out.endControlFlow();
      return;
    }
    if (update != null) {
      out.beginControlFlow("$Lfor ($L; ; $L)", prefix, init, CodeBlock.join(update, ", "));
      block(l.header(), out);
      exitUnless(l.condition(), out);
      body(l, label, label, false, out);
      out.endControlFlow();
      return;
    }
    // The update has statements of its own: continue must still reach it, so it jumps out of a labelled body.
    String bodyLabel = "body" + l.id();
    out.beginControlFlow("$Lfor ($L; ; )", prefix, init);
    block(l.header(), out);
    exitUnless(l.condition(), out);
    out.beginControlFlow("$L:", bodyLabel);
    body(l, label, bodyLabel, true, out);
    out.endControlFlow();
    block(l.update(), out);
    out.endControlFlow();
  }

  private void exitUnless(Expr condition, CodeBlock.Builder out) {
    if (condition instanceof Expr.Const c && Boolean.TRUE.equals(c.value())) {
      return;
    }
    out.beginControlFlow("if (!$L)", expressions.write(condition, 14));
    out.addStatement("break");
    out.endControlFlow();
  }

  private void body(Stmt.Loop l, String breakLabel, String continueLabel, boolean continueIsBreak, CodeBlock.Builder out) {
    loops.push(new LoopTarget(l.id(), breakLabel, continueLabel, continueIsBreak));
    block(l.body(), out);
    loops.pop();
  }

  /** Whether a jump inside a nested loop targets this loop, so it needs a label. */
  private static boolean needsLabel(Stmt.Loop l) {
    boolean[] found = {false};
    for (Block b : List.of(l.body())) {
      Walk.statements(b, s -> {
        if (s instanceof Stmt.Loop inner) {
          Walk.statements(inner.body(), j -> {
            if (j instanceof Stmt.Break br && br.loopId() == l.id()
                || j instanceof Stmt.Continue c && c.loopId() == l.id()) {
              found[0] = true;
            }
          });
        }
      });
    }
    return found[0];
  }

  /**
   * Whether a for loop's init goes into its header: when empty or a single declaration. Otherwise
   * it is printed before the loop, and what it declares stays declared after it.
   */
  static boolean initInHeader(Block init) {
    List<Stmt> list = withoutComments(init);
    return list.isEmpty() || list.size() == 1 && list.get(0) instanceof Stmt.Declare d && d.init() != null;
  }

  /** Whether a loop's update goes into a for header: assignments and array stores only. */
  static boolean updateInHeader(Block update) {
    for (Stmt s : withoutComments(update)) {
      if (!(s instanceof Stmt.Assign || s instanceof Stmt.ArrayStore)) {
        return false;
      }
    }
    return true;
  }

  /** {@code int i = 0} when the loop's init is a single declaration, "" when empty, otherwise null. */
  private CodeBlock inlineInit(Block init) {
    if (!initInHeader(init)) {
      return null;
    }
    List<Stmt> list = withoutComments(init);
    if (list.isEmpty()) {
      return CodeBlock.of("");
    }
    Stmt.Declare d = (Stmt.Declare) list.get(0);
    return CodeBlock.of("$T $L = $L", TypeNames.of(d.var().type()), names.of(d.var()), expressions.write(d.init()));
  }

  /** The update as expressions for a for header, or null when it has statements that are not expressions. */
  private List<CodeBlock> inlineUpdate(Block update) {
    if (!updateInHeader(update)) {
      return null;
    }
    List<CodeBlock> parts = new ArrayList<>();
    for (Stmt s : withoutComments(update)) {
      if (s instanceof Stmt.Assign a) {
        parts.add(assignment(a));
      } else {
        parts.add(store((Stmt.ArrayStore) s));
      }
    }
    return parts;
  }

  private static List<Stmt> withoutComments(Block b) {
    List<Stmt> list = new ArrayList<>();
    for (Stmt s : b.statements()) {
      if (!(s instanceof Stmt.Comment)) {
        list.add(s);
      }
    }
    return list;
  }

  static boolean usesTape(Block b) {
    boolean[] found = {false};
    Walk.statements(b, s -> {
      if (s instanceof Stmt.Push) {
        found[0] = true;
      }
      // A split adjoint's parts take the tape as an argument.
      for (Expr e : Walk.expressions(s)) {
        found[0] |= Walk.reads(e).contains(Var.TAPE);
      }
    });
    return found[0];
  }
}
