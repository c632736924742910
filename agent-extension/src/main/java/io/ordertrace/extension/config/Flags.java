/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Boolean properties: {@code true/false}, {@code 1/0}, {@code yes/no}, {@code on/off}, any case.
 */
final class Flags {

  /** Returns the value, or {@code null} when {@code raw} is none of the accepted words. */
  @Nullable
  static Boolean read(String raw) {
    switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
      case "on":
        return Boolean.TRUE;
      case "false":
      case "0":
      case "no":
      case "off":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /**
   * A setting that protects data: unset gives {@code defaultValue}; a value that cannot be read
   * gives {@code safeValue}, with one line naming the property and the value. A typo must never
   * open what the user meant to close.
   */
  static boolean securityFlag(
      PropertySource source,
      String property,
      boolean defaultValue,
      boolean safeValue,
      ConfigErrors errors) {
    String raw = source.get(property);
    if (raw == null || raw.trim().isEmpty()) {
      return defaultValue;
    }
    Boolean value = read(raw);
    if (value != null) {
      return value;
    }
    errors.invalid(
        property,
        raw,
        "expected true/false, 1/0, yes/no or on/off; keeping the safe side: " + safeValue);
    return safeValue;
  }

  private Flags() {}
}
