/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.config;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where {@code ordertrace.*} properties come from. In the agent that is the SDK's {@link
 * ConfigProperties}: JVM system properties, environment variables ({@code
 * ordertrace.order-id.sources} -> {@code ORDERTRACE_ORDER_ID_SOURCES}) and the agent configuration
 * file ({@code otel.javaagent.configuration-file}), merged by the SDK.
 */
public interface PropertySource {

  /** Returns the raw value, or {@code null} when the property is not set. */
  @Nullable
  String get(String property);

  /** The SDK's merged view: system properties, environment, the agent configuration file. */
  static PropertySource of(ConfigProperties properties) {
    return properties::getString;
  }

  /** A fixed map, for tests and tools. */
  static PropertySource of(Map<String, String> values) {
    return values::get;
  }

  /** {@code ordertrace.order-id.sources} becomes {@code ORDERTRACE_ORDER_ID_SOURCES}. */
  static String toEnvName(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
