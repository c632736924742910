/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

/** Whole-number properties, read the same way wherever they are parsed. */
final class Numbers {

  /**
   * Unset gives {@code defaultValue}; a value that is not a whole number from {@code min} to {@code
   * max} gives {@code defaultValue} too, with one line naming the property and the value.
   */
  static int wholeNumber(
      PropertySource source,
      String property,
      int defaultValue,
      int min,
      int max,
      ConfigErrors errors) {
    String raw = source.get(property);
    if (raw == null || raw.trim().isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.invalid(
        property,
        raw,
        "expected a whole number from " + min + " to " + max + "; using " + defaultValue);
    return defaultValue;
  }

  private Numbers() {}
}
