package dev.adjoint.processor.ir;

/**
 * Where an IR node came from: the source line and column, the source text of the statement (for
 * the comments in generated code) and an opaque anchor that only the diagnostics package
 * understands (it lets later stages report errors at the exact construct without touching javac
 * types).
 */
public record SourcePos(long line, long column, String text, Object anchor) {
  public static final SourcePos NONE = new SourcePos(0, 0, "", null);

  public boolean isKnown() {
    return line > 0;
  }
}
