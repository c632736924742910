package io.ordertrace.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP endpoint ({@code POST /v1/traces}, protobuf) that keeps what the agent's own
 * exporter sends: the raw request bytes (for "no PII anywhere" checks) and the decoded spans.
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

  public OtlpReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
    server.start();
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
  public static String resourceAttribute(io.opentelemetry.proto.resource.v1.Resource resource, String key) {
    return attribute(resource.getAttributesList(), key);
  }

  /** Every byte the exporters sent, decoded leniently, for substring checks. */
  public String rawText() {
    synchronized (lock) {
      return raw.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /** Waits until {@code condition} holds over the received spans, or fails after the timeout. */
  public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> condition, Duration timeout, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      List<ReceivedSpan> now = spans();
      if (condition.test(now)) {
        return now;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; got " + describe(spans()));
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
      for (String key : new String[] {"order.id", "user.id", "order.stage", "caller.service.name"}) {
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
