/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers, 13 to 19 digits, optionally grouped by spaces (no-break ones too) or
 * hyphens, or written in dotted groups of four ({@code 4111.1111.1111.1111}).
 */
final class CardNumberDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          START
              + "(?:\\d{4}(?:\\.\\d{4}){3}(?:\\.\\d{1,3})?"
              + "|\\d(?:[ \\u00A0\\u2007\\u202F-]?\\d){12,18})"
              + END);

  CardNumberDetector() {
    super("card", PATTERN, Markers.CARD);
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.longestDigitRun(features) >= 13
        || TextFeatures.has(features, TextFeatures.DOTTED_DIGITS);
  }

  /**
   * A grouped run may hold more than the card ("id 12 4111 1111 1111 1111"), so every contiguous
   * run of whole groups is tried, longest first.
   */
  @Override
  long accept(Matcher match, String text) {
    int start = match.start();
    int end = match.end();
    // Group boundaries: groupStarts[i] .. groupEnds[i]; at most 19 groups of one digit.
    int[] groupStarts = new int[19];
    int[] groupEnds = new int[19];
    int groups = 0;
    int groupStart = start;
    for (int i = start; i <= end; i++) {
      if (i == end || !isDigit(text.charAt(i))) {
        groupStarts[groups] = groupStart;
        groupEnds[groups] = i;
        groups++;
        groupStart = i + 1;
      }
    }
    StringBuilder digits = new StringBuilder(19);
    for (int span = groups; span >= 1; span--) {
      for (int first = 0; first + span <= groups; first++) {
        digits.setLength(0);
        for (int g = first; g < first + span; g++) {
          digits.append(text, groupStarts[g], groupEnds[g]);
        }
        if (digits.length() >= 13
            && digits.length() <= 19
            && CardBrand.isKnown(digits)
            && LuhnCheck.isValid(digits)) {
          return region(groupStarts[first], groupEnds[first + span - 1]);
        }
      }
    }
    return REJECT;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
