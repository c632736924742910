/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.grafana;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subset of Grafana's ini format that grafana.ini uses: [section], key = value, ; and #
 * comments.
 */
final class Ini {
  private Ini() {}

  static Map<String, Map<String, String>> parse(String text) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> section = out.computeIfAbsent("", k -> new LinkedHashMap<>());
    for (String raw : text.split("\n", -1)) {
      String line = raw.trim();
      if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section =
            out.computeIfAbsent(
                line.substring(1, line.length() - 1).trim(), k -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0) {
        String value = line.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"\"\"") && value.endsWith("\"\"\"")) {
          value = value.substring(3, value.length() - 3);
        }
        section.put(line.substring(0, eq).trim(), value);
      }
    }
    return out;
  }
}
