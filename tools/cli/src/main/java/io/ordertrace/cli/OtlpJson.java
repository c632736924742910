/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javax.annotation.Nullable;

/**
 * OTLP JSON ({@code {"resourceSpans": [...]}}: the collector's {@code otlp_json} files in the S3
 * archive, and Jaeger's {@code /api/v3/traces}) converted to Jaeger JSON trace objects, so that the
 * archive and the store feed one table, journey and waterfall. Ids may be hex or base64; kinds and
 * status codes names or numbers; times strings or numbers (the protobuf JSON mapping).
 */
final class OtlpJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] KINDS = {
    "unspecified", "internal", "server", "client", "producer", "consumer"
  };

  /** Per trace id: the Jaeger JSON trace being built, and its processes by content. */
  private final Map<String, ObjectNode> traces = new LinkedHashMap<>();

  private final Map<String, Map<JsonNode, String>> processIds = new LinkedHashMap<>();
  private final Predicate<JsonNode> keep;

  /**
   * @param keep which OTLP spans to keep (e.g. those whose {@code order.id} is the order's)
   */
  OtlpJson(Predicate<JsonNode> keep) {
    this.keep = keep;
  }

  /** A filter keeping OTLP spans with string attribute {@code key} equal to {@code value}. */
  static Predicate<JsonNode> attributeEquals(String key, String value) {
    return span -> value.equals(attribute(span.path("attributes"), key));
  }

  /** Adds the spans of one OTLP JSON document (an object with {@code resourceSpans}). */
  void add(JsonNode document) {
    JsonNode container = document.has("result") ? document.get("result") : document;
    for (JsonNode resourceSpans : container.path("resourceSpans")) {
      JsonNode resourceAttributes = resourceSpans.path("resource").path("attributes");
      ObjectNode process = process(resourceAttributes);
      JsonNode scopes =
          resourceSpans.has("scopeSpans")
              ? resourceSpans.path("scopeSpans")
              : resourceSpans.path("instrumentationLibrarySpans");
      for (JsonNode scope : scopes) {
        for (JsonNode span : scope.path("spans")) {
          if (keep.test(span)) {
            addSpan(span, process);
          }
        }
      }
    }
  }

  /** The Jaeger JSON traces, each with spans by start time, traces by earliest span. */
  List<JsonNode> traces() {
    List<JsonNode> result = new ArrayList<>(traces.values());
    for (JsonNode trace : result) {
      List<JsonNode> spans = new ArrayList<>();
      trace.get("spans").forEach(spans::add);
      spans.sort(Comparator.comparingLong(span -> span.path("startTime").asLong()));
      ArrayNode sorted = NODES.arrayNode();
      sorted.addAll(spans);
      ((ObjectNode) trace).set("spans", sorted);
    }
    result.sort(Comparator.comparingLong(OtlpJson::startMicros));
    return result;
  }

  private static long startMicros(JsonNode trace) {
    long start = Long.MAX_VALUE;
    for (JsonNode span : trace.path("spans")) {
      start = Math.min(start, span.path("startTime").asLong());
    }
    return start;
  }

  private void addSpan(JsonNode span, ObjectNode process) {
    String traceId = TraceIds.fromJson(span.path("traceId").asText(""), 16);
    String spanId = TraceIds.fromJson(span.path("spanId").asText(""), 8);
    if (traceId == null || spanId == null) {
      return;
    }
    traceId = TraceIds.normalizeTraceId(traceId);
    ObjectNode trace =
        traces.computeIfAbsent(
            traceId,
            id -> {
              ObjectNode created = NODES.objectNode();
              created.put("traceID", id);
              created.putArray("spans");
              created.putObject("processes");
              return created;
            });
    Map<JsonNode, String> ids = processIds.computeIfAbsent(traceId, id -> new LinkedHashMap<>());
    String processId =
        ids.computeIfAbsent(
            process,
            p -> {
              String id = "p" + (ids.size() + 1);
              ((ObjectNode) trace.get("processes")).set(id, p);
              return id;
            });
    for (JsonNode existing : trace.get("spans")) {
      if (existing.path("spanID").asText().equals(spanId)) {
        return; // the same span in two archive objects (an exporter retry)
      }
    }

    ObjectNode out = ((ArrayNode) trace.get("spans")).addObject();
    out.put("traceID", traceId);
    out.put("spanID", spanId);
    out.put("operationName", span.path("name").asText(""));
    ArrayNode references = out.putArray("references");
    String parent = TraceIds.fromJson(span.path("parentSpanId").asText(""), 8);
    if (parent != null) {
      references
          .addObject()
          .put("refType", "CHILD_OF")
          .put("traceID", traceId)
          .put("spanID", parent);
    }
    long start = nanos(span.path("startTimeUnixNano"));
    long end = nanos(span.path("endTimeUnixNano"));
    out.put("startTime", start / 1_000);
    out.put("duration", Math.max(0, end - start) / 1_000);
    ArrayNode tags = tags(span.path("attributes"));
    tags.addObject()
        .put("key", "span.kind")
        .put("type", "string")
        .put("value", kind(span.path("kind")));
    JsonNode status = span.path("status");
    String code = statusCode(status.path("code"));
    if (code != null) {
      tags.addObject().put("key", "otel.status_code").put("type", "string").put("value", code);
    }
    if ("ERROR".equals(code)) {
      tags.addObject().put("key", "error").put("type", "bool").put("value", true);
      String message = status.path("message").asText("");
      if (!message.isEmpty()) {
        tags.addObject()
            .put("key", "otel.status_description")
            .put("type", "string")
            .put("value", message);
      }
    }
    out.set("tags", tags);
    ArrayNode logs = out.putArray("logs");
    for (JsonNode event : span.path("events")) {
      ObjectNode log = logs.addObject();
      log.put("timestamp", nanos(event.path("timeUnixNano")) / 1_000);
      ArrayNode fields = tags(event.path("attributes"));
      fields.insert(
          0,
          NODES
              .objectNode()
              .put("key", "event")
              .put("type", "string")
              .put("value", event.path("name").asText("")));
      log.set("fields", fields);
    }
    out.put("processID", processId);
  }

  private static ObjectNode process(JsonNode resourceAttributes) {
    ObjectNode process = NODES.objectNode();
    String service = attribute(resourceAttributes, "service.name");
    process.put("serviceName", service == null || service.isEmpty() ? "unknown_service" : service);
    ArrayNode tags = NODES.arrayNode();
    for (JsonNode tag : tags(resourceAttributes)) {
      if (!"service.name".equals(tag.path("key").asText())) {
        tags.add(tag);
      }
    }
    process.set("tags", tags);
    return process;
  }

  private static ArrayNode tags(JsonNode attributes) {
    ArrayNode tags = NODES.arrayNode();
    for (JsonNode attribute : attributes) {
      JsonNode value = attribute.path("value");
      ObjectNode tag = tags.addObject().put("key", attribute.path("key").asText(""));
      if (value.has("boolValue")) {
        tag.put("type", "bool").put("value", value.get("boolValue").asBoolean());
      } else if (value.has("intValue")) {
        tag.put("type", "int64").put("value", value.get("intValue").asLong());
      } else if (value.has("doubleValue")) {
        tag.put("type", "float64").put("value", value.get("doubleValue").asDouble());
      } else {
        tag.put("type", "string").put("value", text(value));
      }
    }
    return tags;
  }

  /** A string attribute's value (other scalar types as text), or {@code null}. */
  @Nullable
  static String attribute(JsonNode attributes, String key) {
    for (JsonNode attribute : attributes) {
      if (key.equals(attribute.path("key").asText(null))) {
        return text(attribute.path("value"));
      }
    }
    return null;
  }

  private static String text(JsonNode value) {
    if (value.has("stringValue")) {
      return value.get("stringValue").asText();
    }
    for (String field : new String[] {"intValue", "boolValue", "doubleValue", "bytesValue"}) {
      if (value.has(field)) {
        return value.get(field).asText();
      }
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  private static long nanos(JsonNode value) {
    if (value.isNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asText("0"));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String kind(JsonNode kind) {
    if (kind.isNumber()) {
      int index = kind.asInt();
      return index >= 0 && index < KINDS.length ? KINDS[index] : "unspecified";
    }
    return kind.asText("").replace("SPAN_KIND_", "").toLowerCase(Locale.ROOT);
  }

  @Nullable
  private static String statusCode(JsonNode code) {
    if (code.isMissingNode() || code.isNull()) {
      return null;
    }
    String text = code.asText("").replace("STATUS_CODE_", "");
    return switch (text) {
      case "2", "ERROR" -> "ERROR";
      case "1", "OK" -> "OK";
      default -> null;
    };
  }
}
