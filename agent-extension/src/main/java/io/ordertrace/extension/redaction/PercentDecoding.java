package io.ordertrace.extension.redaction;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/**
 * Undoes URL encoding ({@code %XX} as UTF-8 bytes; {@code +} as a space in query strings, where
 * the text has a {@code =}) so that the detectors see what the user typed.
 */
final class PercentDecoding {

  /** The decoded text, or {@code null} when an escape is broken or the bytes are not UTF-8. */
  @Nullable
  static String decode(String text) {
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
      if (c == '+' && query) {
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

  private PercentDecoding() {}
}
