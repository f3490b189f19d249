package dev.adjoint.processor.frontend;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import dev.adjoint.processor.diagnostics.Anchor;
import dev.adjoint.processor.ir.SourcePos;
import java.io.IOException;

/** Turns javac trees into {@link SourcePos} values: line, column and the statement's source text. */
final class Positions {
  private static final int MAX_TEXT = 100;

  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final CharSequence source;

  Positions(Trees trees, CompilationUnitTree unit) {
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    this.source = readSource(unit);
  }

  private static CharSequence readSource(CompilationUnitTree unit) {
    try {
      return unit.getSourceFile().getCharContent(true);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  SourcePos of(Tree tree) {
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    if (start < 0) {
      return new SourcePos(0, 0, "", new Anchor(tree, unit, null));
    }
    long line = unit.getLineMap().getLineNumber(start);
    long column = unit.getLineMap().getColumnNumber(start);
    return new SourcePos(line, column, text(start, end, isCompound(tree)), new Anchor(tree, unit, null));
  }

  /** Statements with a body: their comment shows only the head, and their errors do not mute the body's. */
  static boolean isCompound(Tree tree) {
    switch (tree.getKind()) {
      case IF:
      case FOR_LOOP:
      case ENHANCED_FOR_LOOP:
      case WHILE_LOOP:
      case DO_WHILE_LOOP:
      case LABELED_STATEMENT:
      case METHOD:
      case BLOCK:
        return true;
      default:
        return false;
    }
  }

  private String text(long start, long end, boolean compound) {
    if (end <= start || end > source.length()) {
      return "";
    }
    String raw = source.subSequence((int) start, (int) end).toString();
    String oneLine = raw.replaceAll("\\s+", " ").trim();
    // Only the head of a compound statement: "for (int i = 0; i < n; i++)" rather than its body.
    int brace = oneLine.indexOf('{');
    if (compound && brace > 0) {
      oneLine = oneLine.substring(0, brace).trim();
    }
    if (oneLine.length() > MAX_TEXT) {
      oneLine = oneLine.substring(0, MAX_TEXT - 3) + "...";
    }
    // Generated comments must not close themselves or break the line.
    return oneLine.replace("*/", "* /").replace("\\u", "\\ u");
  }
}
