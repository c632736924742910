/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds spans as an agent would and sends them to an OTLP/HTTP endpoint as protobuf. */
public final class OtlpSender {

  private final Map<String, List<Span>> spansByService = new LinkedHashMap<>();

  /** Adds a span; times are milliseconds after {@code t0Nanos}. */
  public OtlpSender span(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      Span.SpanKind kind,
      long t0Nanos,
      long startMs,
      long endMs,
      Map<String, String> attributes,
      String errorMessage,
      String exceptionType) {
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(bytes(traceId))
            .setSpanId(bytes(spanId))
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(t0Nanos + startMs * 1_000_000)
            .setEndTimeUnixNano(t0Nanos + endMs * 1_000_000);
    if (parentSpanId != null) {
      span.setParentSpanId(bytes(parentSpanId));
    }
    attributes.forEach((key, value) -> span.addAttributes(attribute(key, value)));
    if (errorMessage != null) {
      span.setStatus(
          Status.newBuilder()
              .setCode(Status.StatusCode.STATUS_CODE_ERROR)
              .setMessage(errorMessage));
    }
    if (exceptionType != null) {
      span.addEvents(
          Span.Event.newBuilder()
              .setName("exception")
              .setTimeUnixNano(t0Nanos + endMs * 1_000_000)
              .addAttributes(attribute("exception.type", exceptionType))
              .addAttributes(
                  attribute("exception.message", errorMessage == null ? "" : errorMessage)));
    }
    spansByService.computeIfAbsent(service, key -> new ArrayList<>()).add(span.build());
    return this;
  }

  /** POSTs everything added so far; fails unless the receiver answers 200. */
  public void send(String endpoint) throws IOException, InterruptedException {
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    spansByService.forEach(
        (service, spans) ->
            request.addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder().addAttributes(attribute("service.name", service)))
                    .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans))));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.build().toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "OTLP export answered " + response.statusCode() + ": " + response.body());
    }
    spansByService.clear();
  }

  private static ByteString bytes(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
