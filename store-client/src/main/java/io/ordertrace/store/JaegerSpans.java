/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import javax.annotation.Nullable;

/** Reading Jaeger JSON spans: tags, log fields, times, the service of the span's process. */
final class JaegerSpans {

  private JaegerSpans() {}

  /** A tag's value as text ({@code "true"} for a bool tag), or {@code null}. */
  @Nullable
  static String tag(JsonNode span, String key) {
    return field(span.path("tags"), key);
  }

  /** A field of a {@code tags} or log {@code fields} array, as text, or {@code null}. */
  @Nullable
  static String field(JsonNode keyValues, String key) {
    for (JsonNode keyValue : keyValues) {
      if (key.equals(keyValue.path("key").asText(null))) {
        JsonNode value = keyValue.path("value");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
      }
    }
    return null;
  }

  /** Whether the span failed: tag {@code error=true}, or {@code otel.status_code=ERROR}. */
  static boolean isError(JsonNode span) {
    return "true".equalsIgnoreCase(tag(span, "error"))
        || "ERROR".equalsIgnoreCase(tag(span, "otel.status_code"));
  }

  /** The first exception event's field ({@code exception.type}, {@code exception.message}). */
  @Nullable
  static String exceptionField(JsonNode span, String key) {
    for (JsonNode log : span.path("logs")) {
      JsonNode fields = log.path("fields");
      String event = field(fields, "event");
      String value = field(fields, key);
      if (value != null && (event == null || "exception".equals(event))) {
        return value;
      }
    }
    return null;
  }

  static long startMicros(JsonNode span) {
    return span.path("startTime").asLong(0);
  }

  static long endMicros(JsonNode span) {
    return startMicros(span) + Math.max(0, span.path("duration").asLong(0));
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** {@code serviceName} of the span's process in {@code trace}, or {@code unknown_service}. */
  static String service(JsonNode trace, JsonNode span) {
    JsonNode process = span.path("process");
    if (!process.isObject()) {
      process = trace.path("processes").path(span.path("processID").asText(""));
    }
    String service = process.path("serviceName").asText("");
    return service.isEmpty() ? "unknown_service" : service;
  }
}
