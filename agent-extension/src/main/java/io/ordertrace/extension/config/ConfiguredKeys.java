/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The keys a user set, as far as a JVM can list them: {@link ConfigProperties} can answer a named
 * key but not enumerate, so the names come from system properties, environment variables and the
 * agent configuration file, the three places the SDK merges.
 */
final class ConfiguredKeys {

  static final String AGENT_CONFIGURATION_FILE = "otel.javaagent.configuration-file";

  static List<String> of(ConfigProperties properties) {
    List<String> keys = new ArrayList<>(System.getProperties().stringPropertyNames());
    keys.addAll(System.getenv().keySet());
    String file = properties.getString(AGENT_CONFIGURATION_FILE);
    if (file != null && !file.trim().isEmpty()) {
      Properties fromFile = new Properties();
      try (InputStream in = Files.newInputStream(Paths.get(file.trim()))) {
        fromFile.load(in);
        keys.addAll(fromFile.stringPropertyNames());
      } catch (IOException | RuntimeException e) {
        // the agent itself reports an unreadable configuration file
      }
    }
    return keys;
  }

  private ConfiguredKeys() {}
}
