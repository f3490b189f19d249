package dev.adjoint.processor.diagnostics;

import dev.adjoint.processor.ir.SourcePos;

/** Reports errors at source positions. Counts them so a stage can tell whether to go on. */
public interface Reporter {
  void error(SourcePos pos, Message message, Object... args);

  int errorCount();
}
