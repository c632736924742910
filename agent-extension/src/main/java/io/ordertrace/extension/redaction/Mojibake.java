/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/**
 * HTTP header values are bytes; servers commonly decode them as ISO-8859-1, so a UTF-8 "паспорт"
 * arrives as "Ð¿Ð°Ñ\u0081Ð¿Ð¾Ñ\u0080Ñ\u0082" and no Cyrillic keyword can be seen. Undoing that is
 * exact: each char is one byte, and the bytes must be valid UTF-8.
 */
final class Mojibake {

  /** The text decoded as UTF-8 again, or {@code null} when it was not Latin-1-read UTF-8. */
  @Nullable
  static String repair(String text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c > 0xFF) {
        return null;
      }
      bytes[i] = (byte) c;
    }
    try {
      CharBuffer decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return decoded.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private Mojibake() {}
}
