/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP endpoint ({@code POST /v1/traces}, {@code /v1/logs}, {@code /v1/metrics},
 * protobuf) that keeps what the agent's own exporters send: the raw request bytes (for "no PII
 * anywhere" checks), the decoded spans and log records.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** A span together with the service that exported it. */
  public record ReceivedSpan(String service, Span span) {
    /** A string attribute of the span, or {@code null}. */
    public String attribute(String key) {
      return OtlpReceiver.attribute(span.getAttributesList(), key);
    }

    public String traceId() {
      return java.util.HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }
  }

  private final HttpServer server;
  private final Object lock = new Object();
  private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
  private final List<ReceivedSpan> spans = new ArrayList<>();
  private final List<io.opentelemetry.proto.resource.v1.Resource> resources = new ArrayList<>();
  private final ByteArrayOutputStream rawLogs = new ByteArrayOutputStream();
  private final ByteArrayOutputStream rawMetrics = new ByteArrayOutputStream();
  private final List<ReceivedLog> logs = new ArrayList<>();
  private int metricRequests;
  private final java.util.Map<String, Integer> metricExportsByService = new java.util.HashMap<>();

  /** A log record together with the service that exported it. */
  public record ReceivedLog(String service, LogRecord record) {
    /** A string attribute of the record, or {@code null}. */
    public String attribute(String key) {
      return OtlpReceiver.attribute(record.getAttributesList(), key);
    }

    /** The trace id of the record (hex), empty when it was logged outside a span. */
    public String traceId() {
      return java.util.HexFormat.of().formatHex(record.getTraceId().toByteArray());
    }
  }

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/traces",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
          }
          ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
          synchronized (lock) {
            raw.write(body);
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
              String service =
                  attribute(resourceSpans.getResource().getAttributesList(), "service.name");
              resources.add(resourceSpans.getResource());
              for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                  spans.add(new ReceivedSpan(service, span));
                }
              }
            }
          }
          byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, response.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
          }
        });
    server.createContext(
        "/v1/logs",
        exchange -> {
          byte[] body = body(exchange);
          ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
          synchronized (lock) {
            rawLogs.write(body);
            for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
              String service =
                  attribute(resourceLogs.getResource().getAttributesList(), "service.name");
              for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                  logs.add(new ReceivedLog(service, record));
                }
              }
            }
          }
          respond(exchange, ExportLogsServiceResponse.getDefaultInstance().toByteArray());
        });
    server.createContext(
        "/v1/metrics",
        exchange -> {
          byte[] body = body(exchange);
          // a malformed export fails the agent's call
          ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
          synchronized (lock) {
            rawMetrics.write(body);
            metricRequests++;
            request.getResourceMetricsList().stream()
                .map(r -> attribute(r.getResource().getAttributesList(), "service.name"))
                .distinct()
                .forEach(
                    service ->
                        metricExportsByService.merge(String.valueOf(service), 1, Integer::sum));
          }
          respond(exchange, ExportMetricsServiceResponse.getDefaultInstance().toByteArray());
        });
    server.start();
  }

  private static byte[] body(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
      body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
    }
    return body;
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, byte[] response)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
    exchange.sendResponseHeaders(200, response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
  }

  /** The base URL for {@code otel.exporter.otlp.endpoint}: every signal, OTLP/HTTP. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Log records received so far. */
  public List<ReceivedLog> logs() {
    synchronized (lock) {
      return new ArrayList<>(logs);
    }
  }

  /** How many metric exports arrived. */
  public int metricRequests() {
    synchronized (lock) {
      return metricRequests;
    }
  }

  /** How many metric exports carried data of {@code service} ({@code service.name}). */
  public int metricExports(String service) {
    synchronized (lock) {
      return metricExportsByService.getOrDefault(service, 0);
    }
  }

  /**
   * Every byte of every signal the exporters sent (traces, logs, metrics), decoded as UTF-8 (the
   * encoding of protobuf strings), for "nothing of it anywhere" checks.
   */
  public String allSignalsText() {
    synchronized (lock) {
      return raw.toString(java.nio.charset.StandardCharsets.UTF_8)
          + rawLogs.toString(java.nio.charset.StandardCharsets.UTF_8)
          + rawMetrics.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  public String tracesEndpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  public List<ReceivedSpan> spans() {
    synchronized (lock) {
      return new ArrayList<>(spans);
    }
  }

  /** The resource of every batch received, in arrival order (one per batch and service). */
  public List<io.opentelemetry.proto.resource.v1.Resource> resources() {
    synchronized (lock) {
      return new ArrayList<>(resources);
    }
  }

  /** A string attribute of a resource, or {@code null}. */
  public static String resourceAttribute(
      io.opentelemetry.proto.resource.v1.Resource resource, String key) {
    return attribute(resource.getAttributesList(), key);
  }

  /** Every byte the exporters sent, decoded leniently, for substring checks. */
  public String rawText() {
    synchronized (lock) {
      return raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /** Waits until {@code condition} holds over the received spans, or fails after the timeout. */
  public List<ReceivedSpan> await(
      Predicate<List<ReceivedSpan>> condition, Duration timeout, String what) {
    try {
      return org.awaitility.Awaitility.await(what)
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(this::spans, condition);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          "timed out after " + timeout + " waiting for " + what + "; got " + describe(spans()), e);
    }
  }

  /**
   * One line per span: service, kind, name, and the ids, stage, caller and status that tests look
   * at. No other attribute is printed, so failure messages never quote exported data.
   */
  public static String describe(List<ReceivedSpan> spans) {
    StringBuilder out = new StringBuilder();
    for (ReceivedSpan span : spans) {
      out.append("\n  ")
          .append(span.traceId(), 0, 8)
          .append(' ')
          .append(span.service())
          .append(' ')
          .append(span.span().getKind().name().replace("SPAN_KIND_", ""))
          .append(" '")
          .append(span.span().getName())
          .append('\'');
      for (String key :
          new String[] {"order.id", "user.id", "order.stage", "caller.service.name"}) {
        String value = span.attribute(key);
        if (value != null) {
          out.append(' ').append(key).append('=').append(value);
        }
      }
      if (span.span().getStatus().getCodeValue() == 2) {
        out.append(" ERROR");
      }
    }
    return out.toString();
  }

  static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue().hasStringValue()
            ? attribute.getValue().getStringValue()
            : attribute.getValue().toString();
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
