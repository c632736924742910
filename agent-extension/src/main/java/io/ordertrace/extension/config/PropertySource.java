package io.ordertrace.extension.config;

import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Where {@code ordertrace.*} properties come from: a JVM system property wins over the matching
 * environment variable ({@code ordertrace.order-id.sources} -> {@code ORDERTRACE_ORDER_ID_SOURCES}).
 */
public interface PropertySource {

  /** Returns the raw value, or {@code null} when the property is not set. */
  @Nullable
  String get(String property);

  /** System properties, then environment variables: what a JVM started with the agent sees. */
  static PropertySource system() {
    return property -> {
      String value = System.getProperty(property);
      return value != null ? value : System.getenv(toEnvName(property));
    };
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
