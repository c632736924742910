/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SNILS (Russian pension insurance number). The grouped {@code 123-456-789 01} form counts alone; a
 * bare 11-digit run only next to "СНИЛС"/"snils". Without the keyword the control number must be
 * right; next to it, it need not.
 */
final class SnilsDetector extends RegexDetector {

  /** Keyword or grouped form; used only when the value contains a document keyword. */
  static final Pattern PATTERN =
      Pattern.compile(
          "(?iu)(?:(снилс|snils)[^0-9\\n]{0,20}?)?"
              + START
              + "(\\d{3}[ -]?\\d{3}[ -]?\\d{3}[ -]?\\d{2})"
              + END);

  /** Without a keyword only the grouped form counts: no case-insensitive keyword search. */
  static final Pattern GROUPED_ONLY =
      Pattern.compile("()" + START + "(\\d{3}-\\d{3}-\\d{3}[ -]\\d{2})" + END);

  private final boolean keyword;

  private SnilsDetector(boolean keyword) {
    super("snils", keyword ? PATTERN : GROUPED_ONLY, Markers.SNILS);
    this.keyword = keyword;
  }

  /** For values that contain a document keyword (СНИЛС, snils, ...). */
  static SnilsDetector nearKeyword() {
    return new SnilsDetector(true);
  }

  /** For values without one: only the grouped {@code 123-456-789 01} form. */
  static SnilsDetector groupedForm() {
    return new SnilsDetector(false);
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.has(features, TextFeatures.DOCUMENT_KEYWORD) == keyword
        && TextFeatures.longestDigitRun(features) >= 11;
  }

  @Override
  long accept(Matcher match, String text) {
    int start = match.start(2);
    int end = match.end(2);
    // group 1 is the keyword; in GROUPED_ONLY it is the empty group "()"
    boolean keyword = match.end(1) > match.start(1);
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
    // next to its keyword a SNILS is one even with a mistyped control number
    return keyword || SnilsChecksum.isValid(digits) ? region(start, end) : REJECT;
  }

  private static boolean isGrouped(String text, int start, int end) {
    // The pattern already guarantees digits in between; check the three separators are there.
    return end - start == 14
        && text.charAt(start + 3) == '-'
        && text.charAt(start + 7) == '-'
        && (text.charAt(start + 11) == ' ' || text.charAt(start + 11) == '-');
  }
}
