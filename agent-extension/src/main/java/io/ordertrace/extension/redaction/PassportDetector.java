/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Russian internal passports: series (4 digits) and number (6 digits). The spaced {@code 45 06
 * 123456} form is distinctive enough alone; {@code 4506 123456} and {@code 4506123456} look like
 * any id, so they count only near a keyword (паспорт, passport, серия).
 */
final class PassportDetector extends RegexDetector {

  private static final String KEYWORD = "(?:паспорт[а-яё]*|passport|сери[яиюей]|series)";

  /** All forms; used only when the value contains a document keyword. */
  static final Pattern PATTERN =
      Pattern.compile(
          "(?iu)"
              // keyword first: "паспорт серия 4506 номер 123456", "passport 4506123456"
              + KEYWORD
              + "[^0-9\\n]{0,30}?"
              + START
              + "(\\d{2} ?\\d{2}(?:[^0-9\\n]{1,15}?)?\\d{6})"
              + END
              // the spaced form anywhere
              + "|"
              + START
              + "(\\d{2} \\d{2} \\d{6})"
              + END
              // number first, keyword right after: "4506 123456 (паспорт РФ)"
              + "|"
              + START
              + "(\\d{4} ?\\d{6})"
              + END
              + "(?=[^0-9\\n]{0,20}?"
              + KEYWORD
              + ")");

  /**
   * Without a keyword only the spaced form can match; this pattern skips the case-insensitive
   * Unicode keyword search, which dominates the cost on digit-heavy values.
   */
  static final Pattern SPACED_ONLY = Pattern.compile(START + "(\\d{2} \\d{2} \\d{6})" + END);

  private final boolean keyword;

  private PassportDetector(boolean keyword) {
    super("passport", keyword ? PATTERN : SPACED_ONLY, Markers.PASSPORT);
    this.keyword = keyword;
  }

  /** For values that contain a document keyword (паспорт, passport, серия). */
  static PassportDetector nearKeyword() {
    return new PassportDetector(true);
  }

  /** For values without one: only the spaced {@code 45 06 123456} form. */
  static PassportDetector spacedForm() {
    return new PassportDetector(false);
  }

  @Override
  boolean appliesTo(int features) {
    if (TextFeatures.has(features, TextFeatures.DOCUMENT_KEYWORD) != keyword) {
      return false;
    }
    // the keyword forms may split series and number: "серия 4506 номер 123456"
    return keyword
        ? TextFeatures.digits(features) >= 10
        : TextFeatures.longestDigitRun(features) >= 10;
  }

  @Override
  long accept(Matcher match, String text) {
    for (int group = 1; group <= match.groupCount(); group++) {
      if (match.start(group) >= 0) {
        return region(match.start(group), match.end(group));
      }
    }
    return REJECT;
  }
}
