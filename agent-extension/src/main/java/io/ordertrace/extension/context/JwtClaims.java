/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/**
 * Reads one top-level string or number claim from the payload of a Bearer JWT, without verifying it
 * (the application does that; we only label the trace). The token itself is never stored.
 */
final class JwtClaims {

  private static final String BEARER = "Bearer ";
  private static final int MAX_TOKEN_LENGTH = 8192;

  @Nullable
  static String claim(@Nullable String authorization, String claim) {
    if (authorization == null
        || authorization.length() > MAX_TOKEN_LENGTH
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return null;
    }
    int first = authorization.indexOf('.', BEARER.length());
    int second = first < 0 ? -1 : authorization.indexOf('.', first + 1);
    if (second < 0) {
      return null;
    }
    byte[] payload;
    try {
      payload = Base64Url.decode(authorization, first + 1, second);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return findClaim(new String(payload, StandardCharsets.UTF_8), claim);
  }

  /**
   * A small scan for a top-level {@code "claim" : "value"} or {@code "claim" : 123}: keys inside
   * nested objects and arrays ({@code {"act":{"sub":"admin"}}}) and inside strings do not count.
   */
  @Nullable
  static String findClaim(String json, String claim) {
    int depth = 0;
    int i = 0;
    int length = json.length();
    while (i < length) {
      char c = json.charAt(i);
      if (c == '{' || c == '[') {
        depth++;
        i++;
      } else if (c == '}' || c == ']') {
        depth--;
        i++;
      } else if (c == '"') {
        int end = stringEnd(json, i + 1);
        if (end < 0) {
          return null;
        }
        int after = skipSpaces(json, end + 1);
        boolean isKey = after < length && json.charAt(after) == ':';
        if (isKey
            && depth == 1
            && json.regionMatches(i + 1, claim, 0, claim.length())
            && end - i - 1 == claim.length()) {
          return value(json, skipSpaces(json, after + 1));
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return null;
  }

  /** The index of the closing quote of a string whose body starts at {@code from}, or -1. */
  private static int stringEnd(String json, int from) {
    for (int i = from; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  @Nullable
  private static String value(String json, int pos) {
    if (pos >= json.length()) {
      return null;
    }
    if (json.charAt(pos) == '"') {
      int end = stringEnd(json, pos + 1);
      return end < 0 ? null : json.substring(pos + 1, end);
    }
    int end = pos;
    while (end < json.length()
        && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
      end++;
    }
    return end > pos ? json.substring(pos, end) : null;
  }

  private static int skipSpaces(String text, int pos) {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  /** java.util.Base64 is Java 8, but its URL decoder rejects the unpadded form some issuers use. */
  static final class Base64Url {
    static byte[] decode(String text, int start, int end) {
      int length = end - start;
      byte[] out = new byte[length * 3 / 4 + 3];
      int bits = 0;
      int buffer = 0;
      int written = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        int value;
        if (c >= 'A' && c <= 'Z') {
          value = c - 'A';
        } else if (c >= 'a' && c <= 'z') {
          value = c - 'a' + 26;
        } else if (c >= '0' && c <= '9') {
          value = c - '0' + 52;
        } else if (c == '-' || c == '+') {
          value = 62;
        } else if (c == '_' || c == '/') {
          value = 63;
        } else if (c == '=') {
          break;
        } else {
          throw new IllegalArgumentException("not base64url");
        }
        buffer = (buffer << 6) | value;
        bits += 6;
        if (bits >= 8) {
          bits -= 8;
          out[written++] = (byte) (buffer >> bits);
        }
      }
      byte[] result = new byte[written];
      System.arraycopy(out, 0, result, 0, written);
      return result;
    }

    private Base64Url() {}
  }

  private JwtClaims() {}
}
