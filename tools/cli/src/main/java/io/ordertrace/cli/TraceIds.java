/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Trace and span ids as lower-case hex. OTLP/JSON files hold hex (some producers base64, the
 * protobuf JSON mapping), and Jaeger prints trace ids without their leading zeros.
 */
final class TraceIds {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

  private TraceIds() {}

  /**
   * A trace id given on the command line or by the store: 1 to 32 hex digits, left-padded to 32.
   *
   * @throws CliException ({@link ExitCodes#BAD_ID}) if it is not hex or too long
   */
  static String normalizeTraceId(String id) {
    if (id.isEmpty() || id.length() > 32 || !HEX.matcher(id).matches()) {
      throw new CliException(ExitCodes.BAD_ID, "invalid trace id: expected 1 to 32 hex digits");
    }
    return pad(id.toLowerCase(Locale.ROOT), 32);
  }

  /**
   * An id from trace JSON, hex or base64, as hex; {@code null} or empty stays {@code null}.
   *
   * @param bytes the id length in bytes: 16 for trace ids, 8 for span ids
   */
  @Nullable
  static String fromJson(@Nullable String id, int bytes) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    if (id.length() == bytes * 2 && HEX.matcher(id).matches()) {
      return id.toLowerCase(Locale.ROOT);
    }
    try {
      byte[] decoded = Base64.getDecoder().decode(id);
      if (decoded.length == 0) {
        return null;
      }
      return HexFormat.of().formatHex(decoded);
    } catch (IllegalArgumentException notBase64) {
      return id.toLowerCase(Locale.ROOT);
    }
  }

  private static String pad(String hex, int length) {
    return "0".repeat(length - hex.length()) + hex;
  }
}
