/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** tools/versions.env: the pinned versions of binaries and images, NAME=value per line. */
final class VersionPins {

  private VersionPins() {}

  static Map<String, String> read(Path root) throws IOException {
    Map<String, String> pins = new LinkedHashMap<>();
    for (String line : Files.readAllLines(root.resolve("tools/versions.env"))) {
      if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
        pins.put(
            line.substring(0, line.indexOf('=')).trim(),
            line.substring(line.indexOf('=') + 1).trim());
      }
    }
    return pins;
  }
}
