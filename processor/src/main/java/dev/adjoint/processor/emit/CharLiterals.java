package dev.adjoint.processor.emit;

/** Java source for a {@code char} literal: {@code 'a'}, {@code '\n'}, {@code '\u00e9'}. */
final class CharLiterals {
  private CharLiterals() {}

  static String of(char c) {
    switch (c) {
      case '\'':
        return "'\\''";
      case '\\':
        return "'\\\\'";
      case '\n':
        return "'\\n'";
      case '\r':
        return "'\\r'";
      case '\t':
        return "'\\t'";
      case '\b':
        return "'\\b'";
      case '\f':
        return "'\\f'";
      default:
        break;
    }
    if (c >= 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    // Written as a unicode escape: the generated file stays ASCII, and none of the characters that
    // would break a literal once the escape is translated (line ends, quote, backslash) gets here.
    return String.format("'\\u%04x'", (int) c);
  }
}
