package dev.adjoint.processor.diagnostics;

import com.sun.source.util.Trees;
import dev.adjoint.processor.ir.SourcePos;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/** Prints errors through javac, at the exact tree when there is one, so Maven shows file:line:column. */
public final class JavacReporter implements Reporter {
  private final Trees trees;
  private final Messager messager;
  private int errors;

  public JavacReporter(Trees trees, Messager messager) {
    this.trees = trees;
    this.messager = messager;
  }

  @Override
  public void error(SourcePos pos, Message message, Object... args) {
    errors++;
    String text = message.format(args);
    Object anchor = pos.anchor();
    if (anchor instanceof Anchor a && a.tree() != null && a.unit() != null) {
      trees.printMessage(Diagnostic.Kind.ERROR, text, a.tree(), a.unit());
    } else if (anchor instanceof Anchor a && a.element() != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, text, a.element());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, text);
    }
  }

  @Override
  public int errorCount() {
    return errors;
  }
}
