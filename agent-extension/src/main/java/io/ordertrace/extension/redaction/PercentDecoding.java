/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/**
 * Undoes URL encoding ({@code %XX} as UTF-8 bytes; {@code +} as a space in query strings, where the
 * text has a {@code =}) so that the detectors see what the user typed. Servers differ in what they
 * have already decoded ({@code URI.getQuery()} turns {@code %2B} into {@code +} but leaves the
 * {@code +} that stood for spaces), so there is a second reading that keeps a {@code +} as it is
 * unless it sits between two digits.
 */
final class PercentDecoding {

  /** The decoded text, or {@code null} when an escape is broken or the bytes are not UTF-8. */
  @Nullable
  static String decode(String text) {
    return decode(text, false);
  }

  /** The second reading: {@code +} stays a plus sign, except between two digits. */
  @Nullable
  static String decodeKeepingPlus(String text) {
    return decode(text, true);
  }

  @Nullable
  private static String decode(String text, boolean keepPlus) {
    boolean query = text.indexOf('=') >= 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int hi = Character.digit(text.charAt(i + 1), 16);
        int lo = Character.digit(text.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write((hi << 4) | lo);
          i += 2;
          continue;
        }
      }
      if (c == '+' && query && (!keepPlus || betweenDigits(text, i))) {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    String decoded = new String(out.toByteArray(), StandardCharsets.UTF_8);
    return decoded.indexOf('\uFFFD') >= 0 && text.indexOf('\uFFFD') < 0 ? null : decoded;
  }

  private static boolean betweenDigits(String text, int i) {
    return i > 0
        && i + 1 < text.length()
        && Character.isDigit(text.charAt(i - 1))
        && Character.isDigit(text.charAt(i + 1));
  }

  private PercentDecoding() {}
}
