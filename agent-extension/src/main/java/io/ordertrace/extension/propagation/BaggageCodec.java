/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import io.ordertrace.extension.config.IdPolicy;
import javax.annotation.Nullable;

/**
 * Reads and writes the owned entries of a W3C {@code baggage} header. Reading is lenient: an
 * oversized header is ignored, a malformed entry is skipped, a value outside the id policy is
 * dropped. Nothing here throws on input.
 */
final class BaggageCodec {

  /** The owned entries found in one header. */
  static final class Entries {
    @Nullable String orderId;
    @Nullable String userId;
    @Nullable String caller;

    boolean isEmpty() {
      return orderId == null && userId == null && caller == null;
    }
  }

  private final IdPolicy policy;

  BaggageCodec(IdPolicy policy) {
    this.policy = policy;
  }

  /** Parses {@code header}; returns {@code null} when it holds no acceptable owned entry. */
  @Nullable
  Entries decode(@Nullable String header) {
    if (header == null || header.isEmpty() || header.length() > OwnedBaggage.MAX_HEADER_LENGTH) {
      return null;
    }
    Entries entries = new Entries();
    int start = 0;
    int length = header.length();
    while (start < length) {
      int end = header.indexOf(',', start);
      if (end < 0) {
        end = length;
      }
      readEntry(header, start, end, entries);
      start = end + 1;
    }
    return entries.isEmpty() ? null : entries;
  }

  private void readEntry(String header, int start, int end, Entries entries) {
    int eq = header.indexOf('=', start);
    if (eq < 0 || eq >= end) {
      return;
    }
    String key = header.substring(start, eq).trim();
    int valueEnd = header.indexOf(';', eq);
    if (valueEnd < 0 || valueEnd > end) {
      valueEnd = end;
    }
    if (key.equals(OwnedBaggage.ORDER_ID)) {
      entries.orderId = policy.accept(percentDecode(header.substring(eq + 1, valueEnd)));
    } else if (key.equals(OwnedBaggage.USER_ID)) {
      entries.userId = policy.accept(percentDecode(header.substring(eq + 1, valueEnd)));
    } else if (key.equals(OwnedBaggage.CALLER_SERVICE_NAME)) {
      entries.caller = policy.accept(percentDecode(header.substring(eq + 1, valueEnd)));
    }
  }

  /** Writes the owned entries; values are ids, already inside the baggage-octet range. */
  static String encode(@Nullable String orderId, @Nullable String userId, String caller) {
    StringBuilder out = new StringBuilder(96);
    append(out, OwnedBaggage.ORDER_ID, orderId);
    append(out, OwnedBaggage.USER_ID, userId);
    append(out, OwnedBaggage.CALLER_SERVICE_NAME, caller);
    return out.toString();
  }

  private static void append(StringBuilder out, String key, @Nullable String value) {
    if (value == null) {
      return;
    }
    if (out.length() > 0) {
      out.append(',');
    }
    out.append(key).append('=').append(value);
  }

  @Nullable
  private static String percentDecode(String raw) {
    String value = raw.trim();
    if (value.indexOf('%') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 >= value.length()) {
        return null;
      }
      int hi = Character.digit(value.charAt(i + 1), 16);
      int lo = Character.digit(value.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out.append((char) ((hi << 4) | lo));
      i += 2;
    }
    return out.toString();
  }
}
