/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.util.regex.Pattern;

/**
 * Private keys: a PEM block from {@code -----BEGIN ... PRIVATE KEY-----} to its END line (or to the
 * end of the value, when a log line cut it), and a bare DER body ({@code MII...}, 60 or more base64
 * characters, line breaks allowed) without its armour.
 */
final class PemKeyDetector extends RegexDetector {

  static final Pattern PATTERN =
      Pattern.compile(
          "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?"
              + "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\\z)"
              + "|(?<![A-Za-z0-9+/])MII[A-Za-z0-9+/]{20,}(?:[\\r\\n]+[A-Za-z0-9+/]{4,})*"
              + "={0,2}");

  PemKeyDetector() {
    super("private-key", PATTERN, Markers.SECRET, TextFeatures.CREDENTIAL_SHAPE);
  }

  @Override
  long accept(java.util.regex.Matcher match, String text) {
    // a DER body must be long enough to be a key, not a word that starts with MII
    if (text.charAt(match.start()) == 'M' && countBase64(text, match.start(), match.end()) < 60) {
      return REJECT;
    }
    return region(match.start(), match.end());
  }

  private static int countBase64(String text, int start, int end) {
    int count = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != '\n' && c != '\r') {
        count++;
      }
    }
    return count;
  }
}
