/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Phone numbers in the shapes people write them. A bare digit run is a phone only as a Russian
 * mobile ({@code [78]9} + 9 digits): anything looser would eat order ids and timestamps.
 */
final class PhoneDetector extends RegexDetector {

  /** Spaces (no-break ones too, as word processors insert them) or a hyphen. */
  private static final String SEP = "[ \\u00A0\\u2007\\u202F-]?";

  private static final String SPACE = "[ \\u00A0\\u2007\\u202F-]";

  static final Pattern PATTERN =
      Pattern.compile(
          START
              + "(?:"
              // +7 912 345 67 89, +7 (912) 345-67-89, +79123456789
              + "\\+7"
              + SEP
              + "\\(?\\d{3}\\)?"
              + SEP
              + "\\d{3}"
              + SEP
              + "\\d{2}"
              + SEP
              + "\\d{2}"
              // 8 (912) 345-67-89
              + "|8"
              + SEP
              + "\\(\\d{3}\\)"
              + SEP
              + "\\d{3}"
              + SEP
              + "\\d{2}"
              + SEP
              + "\\d{2}"
              // 8 912 345 67 89, 8-800-555-35-35
              + "|8"
              + SPACE
              + "\\d{3}"
              + SPACE
              + "\\d{3}"
              + SEP
              + "\\d{2}"
              + SEP
              + "\\d{2}"
              // 89123456789, 79123456789
              + "|[78]9\\d{9}"
              // +44 20 7946 0958, +1-202-555-0143; digit count checked in accept()
              + "|\\+[1-9]\\d{0,2}(?>(?:"
              + SEP
              + "\\(?\\d{1,4}\\)?){2,6})"
              + ")"
              + END);

  PhoneDetector() {
    super("phone", PATTERN, Markers.PHONE);
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.longestDigitRun(features) >= 10;
  }

  @Override
  long accept(Matcher match, String text) {
    int digits = 0;
    for (int i = match.start(); i < match.end(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    // E.164 allows at most 15 digits; fewer than 10 is an extension or a price, not a phone.
    return digits >= 10 && digits <= 15 ? region(match.start(), match.end()) : REJECT;
  }
}
