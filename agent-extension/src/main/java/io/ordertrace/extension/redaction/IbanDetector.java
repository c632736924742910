/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, compact ({@code DE89370400440532013000}) or in groups of four ({@code DE89 3704 0044 0532
 * 0130 00}). Without a keyword the ISO 13616 mod-97 check must pass; right after "IBAN" it need
 * not, since a mistyped IBAN is still somebody's account.
 */
final class IbanDetector extends RegexDetector {

  private static final String SEP = "[ \\u00A0]?";

  static final Pattern PATTERN =
      Pattern.compile(
          "((?i:iban)[^A-Za-z0-9\\n]{0,10})?"
              + "(?<![A-Za-z0-9])([A-Z]{2}\\d{2}(?:"
              + SEP
              + "[A-Z0-9]{4}){2,7}"
              + "(?:"
              + SEP
              + "[A-Z0-9]{1,3})?)(?![A-Za-z0-9])");

  IbanDetector() {
    super("iban", PATTERN, Markers.IBAN);
  }

  @Override
  boolean appliesTo(int features) {
    return TextFeatures.has(features, TextFeatures.IBAN_SHAPE)
        && TextFeatures.digits(features) >= 10;
  }

  @Override
  long accept(Matcher match, String text) {
    int start = match.start(2);
    int end = match.end(2);
    boolean keyword = match.start(1) >= 0;
    return keyword || isValid(text, start, end) ? region(start, end) : REJECT;
  }

  /** ISO 13616: move the first four characters to the end, letters to 10..35, mod 97 is 1. */
  static boolean isValid(CharSequence text, int start, int end) {
    StringBuilder compact = new StringBuilder(34);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\u00A0') {
        compact.append(c);
      }
    }
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    int remainder = 0;
    for (int k = 0; k < compact.length(); k++) {
      char c = compact.charAt((k + 4) % compact.length());
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }
}
