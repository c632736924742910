/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** tools/versions.env as KEY=value pairs (comments and blank lines skipped). */
final class VersionsEnv {

  private VersionsEnv() {}

  static Map<String, String> read(Path repoRoot) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(repoRoot.resolve("tools/versions.env"))) {
      String trimmed = line.strip();
      int equals = trimmed.indexOf('=');
      if (trimmed.isEmpty() || trimmed.startsWith("#") || equals < 0) {
        continue;
      }
      values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    return values;
  }
}
