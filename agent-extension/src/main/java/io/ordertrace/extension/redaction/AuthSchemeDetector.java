/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code Bearer <token>} and {@code Basic <base64>} credentials. The scheme word stays so a reader
 * still knows which kind of credential was sent.
 */
final class AuthSchemeDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          "(?<![A-Za-z0-9])(?i:bearer|basic)[ \\t]+([A-Za-z0-9._~+/-]+=*)(?![A-Za-z0-9._~+/=-])");

  AuthSchemeDetector() {
    super("auth-scheme", PATTERN, Markers.TOKEN, TextFeatures.AUTH_SCHEME);
  }

  @Override
  long accept(Matcher match, String text) {
    int start = match.start(1);
    int end = match.end(1);
    return looksLikeCredential(text, start, end) ? region(start, end) : REJECT;
  }

  /**
   * Prose such as "Basic information" or "Bearer Authentication" must survive: a credential has a
   * digit, a symbol, or a capital letter after its first character.
   */
  static boolean looksLikeCredential(String text, int start, int end) {
    if (end - start < 6) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if ((c >= '0' && c <= '9') || (i > start && c >= 'A' && c <= 'Z')) {
        return true;
      }
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }
}
