package dev.adjoint.processor.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Tells which {@link Message} a diagnostic is, from its text and its hint with the arguments left open. */
final class MessageTemplates {
  private MessageTemplates() {}

  /** The message whose text and hint match the diagnostic; the most specific one (longest fixed text) wins. */
  static Message classify(String diagnostic) {
    Message best = null;
    int bestFixed = -1;
    for (Message m : Message.values()) {
      Pattern p = Pattern.compile(open(m.text()) + "\\s*what to do: " + open(m.hint()), Pattern.DOTALL);
      int fixed = (m.text() + m.hint()).replace("%s", "").length();
      if (p.matcher(diagnostic.trim()).matches() && fixed > bestFixed) {
        best = m;
        bestFixed = fixed;
      }
    }
    if (best == null) {
      throw new AssertionError("no Message matches the diagnostic:\n" + diagnostic);
    }
    return best;
  }

  /** A template as a pattern: fixed text quoted, each {@code %s} any text. */
  private static String open(String template) {
    List<String> quoted = new ArrayList<>();
    for (String fixed : template.split("%s", -1)) {
      quoted.add(Pattern.quote(fixed));
    }
    return String.join(".*", quoted);
  }
}
