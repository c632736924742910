/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/** Comma-separated property values. */
final class Lists {

  /** Splits on commas, trims, drops empty entries; {@code null} gives an empty list. */
  static List<String> split(@Nullable String value, char separator) {
    if (value == null) {
      return new ArrayList<>();
    }
    List<String> entries = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= value.length(); i++) {
      if (i == value.length() || value.charAt(i) == separator) {
        String entry = value.substring(start, i).trim();
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
        start = i + 1;
      }
    }
    return entries;
  }

  private Lists() {}
}
