/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import javax.annotation.Nullable;

/**
 * What an id may look like: letters, digits and {@code . _ - :}, at most {@code maxLength}
 * characters. Ids become span attributes that redaction never touches, so anything else (an e-mail
 * used as a user id, a forged header full of junk) is refused at the door.
 */
public final class IdPolicy {

  private final int maxLength;

  public IdPolicy(int maxLength) {
    this.maxLength = maxLength;
  }

  public int maxLength() {
    return maxLength;
  }

  /** Returns the trimmed id when acceptable, else {@code null}. */
  @Nullable
  public String accept(@Nullable String value) {
    if (value == null) {
      return null;
    }
    String id = value.trim();
    int length = id.length();
    if (length == 0 || length > maxLength) {
      return null;
    }
    for (int i = 0; i < length; i++) {
      if (!isIdChar(id.charAt(i))) {
        return null;
      }
    }
    return id;
  }

  /**
   * Letters, digits and {@code . _ - :}: the characters of an id, and nothing that needs quoting.
   */
  static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == ':';
  }
}
