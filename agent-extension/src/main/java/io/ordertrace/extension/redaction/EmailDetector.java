/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Pattern;

/**
 * E-mail addresses, also URL-encoded ({@code ivan%40mail.ru}) as they appear in query strings, with
 * Cyrillic (or any other script's) letters ({@code иван@почта.рф}) and punycode domains ({@code
 * ivan@xn--80a1acny.xn--p1ai}).
 */
final class EmailDetector extends RegexDetector {

  private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";

  // A dotted domain with an alphabetic (or punycode) TLD: "user@localhost" and "user@10.0.0.1"
  // are not mail.
  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}][\\p{L}\\p{N}._%+-]{0,63}(?:@|%40)"
              + LABEL
              + "(?:\\."
              + LABEL
              + ")*\\.(?:\\p{L}{2,24}|xn--[A-Za-z0-9-]{2,59})(?![\\p{L}\\p{N}-])");

  EmailDetector() {
    super("email", PATTERN, Markers.EMAIL, TextFeatures.AT);
  }
}
