/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Header values as the bytes meant them: UTF-8 (the HTTP parser hands them over as ISO-8859-1). */
final class HeaderValues {

  private HeaderValues() {}

  /**
   * {@code value} re-read as UTF-8 if its characters are bytes forming valid UTF-8, else as given.
   */
  static String utf8(String value) {
    if (value == null) {
      return null;
    }
    boolean ascii = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        return value; // already decoded
      }
      ascii &= c < 0x80;
    }
    if (ascii) {
      return value;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))
          .toString();
    } catch (CharacterCodingException e) {
      return value;
    }
  }

  /** True if {@code value} holds a C0/C1 control character, DEL or a line/paragraph separator. */
  static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
        return true;
      }
    }
    return false;
  }
}
