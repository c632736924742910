/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.ordertrace.extension.NanosPerOperationBenchmark;
import io.ordertrace.extension.config.RedactionSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of redaction per span on the export thread. {@code baseline} hands the span to an
 * exporter that does nothing; the other benchmarks put the redacting wrapper in front of it. A
 * typical span has 20 attributes (an HTTP server span of the demo); the "dirty" one also carries
 * PII in its query string, a captured header and an exception event. The log benchmarks do the same
 * for a log record (a body and five attributes), budget 3 µs.
 */
public class RedactionBenchmark extends NanosPerOperationBenchmark {

  private SpanExporter baselineExporter;
  private SpanExporter redactingExporter;
  private List<SpanData> typical;
  private List<SpanData> dirty;

  /**
   * Spans of 4,096 different orders: the per-request values (order id, path, peer address and port,
   * thread) differ from span to span, more than the redactor's clean-value cache holds, so they are
   * scanned as a fresh value would be; the fixed values (method, route, scheme) repeat.
   */
  private List<List<SpanData>> perOrder;

  private int next;
  private LogRecordExporter baselineLogExporter;
  private LogRecordExporter redactingLogExporter;
  private List<LogRecordData> typicalLog;
  private List<LogRecordData> dirtyLog;

  @Setup(Level.Trial)
  public void setUp(Blackhole blackhole) {
    SpanExporter sink = new SinkExporter(blackhole);
    baselineExporter = sink;
    Redactor redactor = Redactor.create(RedactionSettings.defaults());
    redactingExporter = RedactingSpanExporter.wrap(sink, redactor);
    LogRecordExporter logSink = new SinkLogExporter(blackhole);
    baselineLogExporter = logSink;
    redactingLogExporter = RedactingLogRecordExporter.wrap(logSink, redactor);
    typicalLog =
        Collections.singletonList(
            log(
                "Order 100042 moved to stage approved by u-1001 in 42 ms",
                Attributes.builder()
                    .put("thread.name", "http-nio-8081-exec-3")
                    .put("code.namespace", "io.shop.crm.OrderService")
                    .put("code.function", "approve")
                    .put("order.id", "100042")
                    .put("user.id", "u-1001")
                    .build()));
    dirtyLog =
        Collections.singletonList(
            log(
                "payment for ivan.petrov@mail.ru with card 4111 1111 1111 1111 refused",
                Attributes.builder()
                    .put("thread.name", "http-nio-8081-exec-3")
                    .put("code.namespace", "io.shop.crm.PaymentService")
                    .put("exception.type", "java.lang.IllegalStateException")
                    .put("exception.message", "customer phone +7 912 345 67 89 unreachable")
                    .put("order.id", "100042")
                    .build()));
    typical =
        Collections.singletonList(span(typicalAttributes(), Collections.<EventData>emptyList()));
    perOrder = new ArrayList<>();
    for (int i = 0; i < 4096; i++) {
      perOrder.add(
          Collections.singletonList(
              span(
                  typicalAttributes(200000 + i, 40000 + i, i % 200),
                  Collections.<EventData>emptyList())));
    }
    AttributesBuilder withPii = typicalAttributes().toBuilder();
    withPii.put("url.query", "email=ivan.petrov%40mail.ru&phone=%2B79123456789&page=2");
    withPii.put(
        "http.request.header.authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig");
    dirty =
        Collections.singletonList(
            span(
                withPii.build(),
                Collections.singletonList(
                    EventData.create(
                        0L,
                        "exception",
                        Attributes.of(
                            AttributeKey.stringKey("exception.type"),
                                "java.lang.IllegalStateException",
                            AttributeKey.stringKey("exception.message"),
                                "payment for ivan.petrov@mail.ru with card 4111 1111 1111 1111 refused")))));
  }

  private static Attributes typicalAttributes() {
    return typicalAttributes(100042, 51234, 3);
  }

  private static Attributes typicalAttributes(int orderId, int peerPort, int thread) {
    String order = Integer.toString(orderId);
    String peer = "10.0." + (peerPort % 250) + "." + (orderId % 250);
    return Attributes.builder()
        .put("http.request.method", "POST")
        .put("http.route", "/crm/orders/{id}/approve")
        .put("url.path", "/crm/orders/" + order + "/approve")
        .put("url.scheme", "http")
        .put("url.query", "source=shop&page=2")
        .put("http.response.status_code", 200L)
        .put("http.request.body.size", 512L)
        .put("http.response.body.size", 128L)
        .put("network.protocol.version", "1.1")
        .put("network.peer.address", peer)
        .put("network.peer.port", (long) peerPort)
        .put("server.address", "crm-api")
        .put("server.port", 8081L)
        .put("client.address", peer)
        .put("user_agent.original", "Java-http-client/17.0.15")
        .put("thread.name", "http-nio-8081-exec-" + thread)
        .put("order.id", order)
        .put("user.id", "u-1001")
        .put("caller.service.name", "shop-api")
        .put("order.stage", "approved")
        .build();
  }

  private static SpanData span(Attributes attributes, List<EventData> events) {
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.getDefault()))
        .setName("POST /crm/orders/{id}/approve")
        .setKind(SpanKind.SERVER)
        .setStartEpochNanos(1_000_000L)
        .setEndEpochNanos(2_000_000L)
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .setEvents(events)
        .setTotalRecordedEvents(events.size())
        .setStatus(StatusData.unset())
        .setHasEnded(true)
        .setResource(
            Resource.create(
                Attributes.builder()
                    .put("service.name", "crm-api")
                    .put("deployment.environment.name", "prod")
                    .put("tenant.id", "alexandrite")
                    .put("host.name", "crm-api-7d9f")
                    .build()))
        .build();
  }

  private static LogRecordData log(String body, Attributes attributes) {
    return TestLogRecordData.builder()
        .setResource(
            Resource.create(
                Attributes.builder()
                    .put("service.name", "crm-api")
                    .put("deployment.environment.name", "prod")
                    .put("host.name", "crm-api-7d9f")
                    .build()))
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create("io.shop.crm"))
        .setSeverity(Severity.INFO)
        .setBodyValue(Value.of(body))
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .setTimestamp(1_000_000L, TimeUnit.NANOSECONDS)
        .build();
  }

  @Benchmark
  public CompletableResultCode logBaseline() {
    return baselineLogExporter.export(typicalLog);
  }

  /** Budget: 3 µs per log record. */
  @Benchmark
  public CompletableResultCode typicalLogRecord() {
    return redactingLogExporter.export(typicalLog);
  }

  @Benchmark
  public CompletableResultCode logRecordWithPii() {
    return redactingLogExporter.export(dirtyLog);
  }

  @Benchmark
  public CompletableResultCode baseline() {
    return baselineExporter.export(typical);
  }

  @Benchmark
  public CompletableResultCode typicalSpan() {
    return redactingExporter.export(typical);
  }

  /** As {@link #typicalSpan()}, but each call a different order's span (no cache hits for it). */
  @Benchmark
  public CompletableResultCode typicalSpanOfManyOrders() {
    List<SpanData> batch = perOrder.get(next);
    next = (next + 1) & 4095;
    return redactingExporter.export(batch);
  }

  @Benchmark
  public CompletableResultCode spanWithPii() {
    return redactingExporter.export(dirty);
  }

  /** Consumes body and attributes so the JIT cannot skip the wrapper's work. */
  static final class SinkLogExporter implements LogRecordExporter {
    private final Blackhole blackhole;

    SinkLogExporter(Blackhole blackhole) {
      this.blackhole = blackhole;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      for (LogRecordData log : logs) {
        blackhole.consume(log.getBodyValue());
        log.getAttributes().forEach((key, value) -> blackhole.consume(value));
        blackhole.consume(log.getResource().getAttributes().size());
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Consumes every attribute so the JIT cannot skip the wrapper's work. */
  static final class SinkExporter implements SpanExporter {
    private final Blackhole blackhole;

    SinkExporter(Blackhole blackhole) {
      this.blackhole = blackhole;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      for (SpanData span : spans) {
        blackhole.consume(span.getName());
        span.getAttributes().forEach((key, value) -> blackhole.consume(value));
        for (EventData event : span.getEvents()) {
          event.getAttributes().forEach((key, value) -> blackhole.consume(value));
        }
        blackhole.consume(span.getResource().getAttributes().size());
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
