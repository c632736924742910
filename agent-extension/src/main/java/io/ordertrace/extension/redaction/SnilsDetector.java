package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SNILS (Russian pension insurance number). The grouped {@code 123-456-789 01} form counts alone;
 * a bare 11-digit run only next to "СНИЛС"/"snils". The control number is always verified.
 */
final class SnilsDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          "(?iu)(?:(снилс|snils)[^0-9\\n]{0,20}?)?"
              + START
              + "(\\d{3}-?\\d{3}-?\\d{3}[ -]?\\d{2})"
              + END);

  SnilsDetector() {
    super("snils", PATTERN, Markers.SNILS);
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.longestDigitRun(features) >= 11;
  }

  @Override
  long accept(Matcher match, String text) {
    int start = match.start(2);
    int end = match.end(2);
    boolean keyword = match.start(1) >= 0;
    if (!keyword && !isGrouped(text, start, end)) {
      return REJECT;
    }
    StringBuilder digits = new StringBuilder(11);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return SnilsChecksum.isValid(digits) ? region(start, end) : REJECT;
  }

  private static boolean isGrouped(String text, int start, int end) {
    // The pattern already guarantees digits in between; check the three separators are there.
    return end - start == 14
        && text.charAt(start + 3) == '-'
        && text.charAt(start + 7) == '-'
        && (text.charAt(start + 11) == ' ' || text.charAt(start + 11) == '-');
  }
}
