/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Jaeger JSON traces ({@code /api/traces} {@code data} items: {@code traceID}, {@code spans},
 * {@code processes}) as the tool's model. Only what may be printed is read (see {@link TraceSpan}).
 */
final class JaegerTraces {

  private JaegerTraces() {}

  static List<Trace> toTraces(Iterable<? extends JsonNode> traces) {
    List<Trace> result = new ArrayList<>();
    traces.forEach(trace -> result.add(toTrace(trace)));
    return result;
  }

  static Trace toTrace(JsonNode trace) {
    String traceId = TraceIds.normalizeTraceId(trace.path("traceID").asText("0"));
    List<TraceSpan> spans = new ArrayList<>();
    for (JsonNode span : trace.path("spans")) {
      long startNanos = span.path("startTime").asLong(0) * 1_000;
      long endNanos = startNanos + Math.max(0, span.path("duration").asLong(0)) * 1_000;
      boolean error = isError(span);
      spans.add(
          new TraceSpan(
              span.path("spanID").asText("").toLowerCase(Locale.ROOT),
              parent(span),
              service(trace, span),
              span.path("operationName").asText(""),
              kind(tag(span, "span.kind")),
              startNanos,
              endNanos,
              error,
              error ? tag(span, "otel.status_description") : null,
              error ? exceptionType(span) : null,
              tag(span, "order.id"),
              tag(span, "order.stage")));
    }
    return new Trace(traceId, spans);
  }

  @Nullable
  private static String parent(JsonNode span) {
    for (JsonNode reference : span.path("references")) {
      if ("CHILD_OF".equals(reference.path("refType").asText())) {
        return reference.path("spanID").asText("").toLowerCase(Locale.ROOT);
      }
    }
    JsonNode references = span.path("references");
    if (references.size() > 0) {
      return references.get(0).path("spanID").asText("").toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static String service(JsonNode trace, JsonNode span) {
    JsonNode process = span.path("process");
    if (!process.isObject()) {
      process = trace.path("processes").path(span.path("processID").asText(""));
    }
    String service = process.path("serviceName").asText("");
    return service.isEmpty() ? "unknown_service" : service;
  }

  private static boolean isError(JsonNode span) {
    return "true".equalsIgnoreCase(tag(span, "error"))
        || "ERROR".equalsIgnoreCase(tag(span, "otel.status_code"));
  }

  @Nullable
  private static String exceptionType(JsonNode span) {
    String type = tag(span, "exception.type");
    if (type != null) {
      return type;
    }
    for (JsonNode log : span.path("logs")) {
      String value = field(log.path("fields"), "exception.type");
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String kind(@Nullable String kind) {
    return kind == null || kind.isEmpty() ? "UNSPECIFIED" : kind.toUpperCase(Locale.ROOT);
  }

  @Nullable
  static String tag(JsonNode span, String key) {
    return field(span.path("tags"), key);
  }

  @Nullable
  private static String field(JsonNode keyValues, String key) {
    for (JsonNode keyValue : keyValues) {
      if (key.equals(keyValue.path("key").asText(null))) {
        JsonNode value = keyValue.path("value");
        return value.isMissingNode() || value.isNull() ? null : value.asText();
      }
    }
    return null;
  }
}
