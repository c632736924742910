/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain OTLP client (protobuf over HTTP, no agent, no agent-side redaction) and a small Jaeger
 * client: trace by id, search by tag across services.
 */
final class Spans {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private Spans() {}

  static String newTraceId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static String newSpanId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static KeyValue attr(String k, String v) {
    return KeyValue.newBuilder()
        .setKey(k)
        .setValue(AnyValue.newBuilder().setStringValue(v))
        .build();
  }

  /** A span builder with ids, kind and timing filled in. */
  static Span.Builder span(
      String traceId,
      String spanId,
      String parentId,
      String name,
      Span.SpanKind kind,
      long startNanos,
      long durationMillis,
      Map<String, String> attributes) {
    Span.Builder s =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanId)))
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(startNanos)
            .setEndTimeUnixNano(startNanos + durationMillis * 1_000_000L);
    if (parentId != null) {
      s.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentId)));
    }
    attributes.forEach((k, v) -> s.addAttributes(attr(k, v)));
    return s;
  }

  /** A root server span (fresh span id, no parent). */
  static Span.Builder rootSpan(
      String traceId,
      String name,
      long startNanos,
      long durationMillis,
      Map<String, String> attributes) {
    return span(
        traceId,
        newSpanId(),
        null,
        name,
        Span.SpanKind.SPAN_KIND_SERVER,
        startNanos,
        durationMillis,
        attributes);
  }

  static Span.Builder error(Span.Builder s) {
    return s.setStatus(
        Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"));
  }

  static long nowNanos() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  static ExportTraceServiceRequest request(String service, List<Span> spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
        .build();
  }

  /** POSTs to an OTLP/HTTP /v1/traces URL; the status code, or -1 when the request failed. */
  static int post(String url, ExportTraceServiceRequest request) {
    return post(url, request, null);
  }

  /** POSTs one span as {@code service} and asserts the receiver accepted it (HTTP 200). */
  static void postAccepted(String url, String service, Span.Builder span) {
    assertThat(post(url, request(service, List.of(span.build())))).isEqualTo(200);
  }

  static int post(String url, ExportTraceServiceRequest request, String authorization) {
    return post(HTTP, url, request, authorization);
  }

  static int post(
      HttpClient client, String url, ExportTraceServiceRequest request, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(request.toByteArray()));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  // ------------------------------------------------------------------ Jaeger

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The trace's spans as Jaeger has them, from its OTLP-shaped {@code /api/v3/traces/{id}} (empty
   * when Jaeger does not know the trace). Only what the tests read is converted: ids, name, kind,
   * attributes and status.
   */
  static List<Span> trace(String jaegerUrl, String traceId) {
    String json = traceJson(jaegerUrl, traceId);
    if (json.isEmpty()) {
      return List.of();
    }
    try {
      List<Span> spans = new ArrayList<>();
      for (JsonNode resourceSpans : JSON.readTree(json).path("result").path("resourceSpans")) {
        for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
          for (JsonNode span : scopeSpans.path("spans")) {
            spans.add(toSpan(span));
          }
        }
      }
      return spans;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Jaeger's answer for trace " + traceId + " is not JSON: " + json, e);
    }
  }

  private static Span toSpan(JsonNode json) {
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(json.path("traceId").asText())))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(json.path("spanId").asText())))
            .setName(json.path("name").asText())
            .setStartTimeUnixNano(json.path("startTimeUnixNano").asLong())
            .setEndTimeUnixNano(json.path("endTimeUnixNano").asLong());
    String parent = json.path("parentSpanId").asText("");
    if (!parent.isEmpty()) {
      span.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parent)));
    }
    JsonNode kind = json.path("kind");
    span.setKindValue(
        kind.isInt()
            ? kind.asInt()
            : Span.SpanKind.valueOf(kind.asText("SPAN_KIND_UNSPECIFIED")).getNumber());
    for (JsonNode attribute : json.path("attributes")) {
      JsonNode value = attribute.path("value");
      String text =
          value.has("stringValue")
              ? value.path("stringValue").asText()
              : value.elements().hasNext() ? value.elements().next().asText() : "";
      span.addAttributes(attr(attribute.path("key").asText(), text));
    }
    JsonNode status = json.path("status");
    if (!status.isMissingNode()) {
      JsonNode code = status.path("code");
      span.setStatus(
          Status.newBuilder()
              .setCodeValue(
                  code.isInt()
                      ? code.asInt()
                      : Status.StatusCode.valueOf(code.asText("STATUS_CODE_UNSET")).getNumber())
              .setMessage(status.path("message").asText("")));
    }
    return span.build();
  }

  /** The trace as Jaeger's OTLP JSON (for substring checks), or "" when Jaeger does not know it. */
  static String traceJson(String jaegerUrl, String traceId) {
    HttpResponse<String> r = PipelineProcesses.get(jaegerUrl + "/api/v3/traces/" + traceId);
    if (r.statusCode() == 404) {
      return "";
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "Jaeger answered " + r.statusCode() + " for trace " + traceId + ": " + r.body());
    }
    return r.body();
  }

  /**
   * Trace ids of the last hour whose spans carry {@code key=value}: Jaeger's HTTP search needs a
   * service, so this asks every service, as an order lookup does.
   */
  static Set<String> searchByTag(String jaegerUrl, String key, String value) {
    Set<String> ids = new LinkedHashSet<>();
    try {
      JsonNode services =
          JSON.readTree(PipelineProcesses.get(jaegerUrl + "/api/services").body()).path("data");
      String tags =
          URLEncoder.encode(JSON.writeValueAsString(Map.of(key, value)), StandardCharsets.UTF_8);
      for (JsonNode service : services) {
        HttpResponse<String> r =
            PipelineProcesses.get(
                jaegerUrl
                    + "/api/traces?lookback=1h&limit=100&service="
                    + URLEncoder.encode(service.asText(), StandardCharsets.UTF_8)
                    + "&tags="
                    + tags);
        if (r.statusCode() == 200) {
          for (JsonNode trace : JSON.readTree(r.body()).path("data")) {
            ids.add(trace.path("traceID").asText());
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("Jaeger's search answer is not JSON", e);
    }
    return ids;
  }

  static String attribute(Span s, String key) {
    for (KeyValue kv : s.getAttributesList()) {
      if (kv.getKey().equals(key)) {
        return kv.getValue().getStringValue();
      }
    }
    return null;
  }
}
