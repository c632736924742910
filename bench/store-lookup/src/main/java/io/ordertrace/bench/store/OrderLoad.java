/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.bench.store;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The synthetic orders the benchmark stores: each order is two traces shaped like the demo flow
 * (placing it: Shop, CRM, Calculation Service, file store, RabbitMQ, MES and their databases;
 * finishing it: MES, CRM, payment), {@value #SPANS_PER_ORDER} spans over six services, every span
 * carrying {@code order.id} and {@code user.id} as the agent puts them. Ids and times follow from
 * the order's number, so a lookup knows what it must find.
 */
final class OrderLoad {

  static final int SPANS_PER_ORDER = 20;
  static final int TRACES_PER_ORDER = 2;
  static final List<String> SERVICES =
      List.of(
          "shop-api", "crm-api", "calculation-service", "file-store", "mes-api", "payment-stub");

  /** One span of the template: service, parent index (-1 root), name, kind, start/end ms, stage. */
  private record Step(
      int trace,
      String service,
      int parent,
      String name,
      SpanKind kind,
      int startMs,
      int endMs,
      String stage,
      Map<String, String> attributes) {}

  private static final List<Step> STEPS =
      List.of(
          // trace 0: the order is placed (12 spans)
          step(
              0,
              "shop-api",
              -1,
              "POST /orders",
              SpanKind.SPAN_KIND_SERVER,
              0,
              310,
              "created",
              "http.request.method",
              "POST",
              "http.route",
              "/orders",
              "http.response.status_code",
              "201"),
          step(
              0,
              "shop-api",
              0,
              "POST",
              SpanKind.SPAN_KIND_CLIENT,
              5,
              300,
              null,
              "http.request.method",
              "POST",
              "server.address",
              "crm-api",
              "http.response.status_code",
              "201"),
          step(
              0,
              "crm-api",
              1,
              "POST /crm/orders",
              SpanKind.SPAN_KIND_SERVER,
              8,
              295,
              null,
              "http.request.method",
              "POST",
              "http.route",
              "/crm/orders",
              "caller.service",
              "shop-api"),
          step(0, "crm-api", 2, "validate order", SpanKind.SPAN_KIND_INTERNAL, 10, 30, null),
          step(
              0,
              "crm-api",
              2,
              "INSERT crm.orders",
              SpanKind.SPAN_KIND_CLIENT,
              31,
              45,
              null,
              "db.system",
              "postgresql",
              "db.operation.name",
              "INSERT",
              "db.collection.name",
              "orders"),
          step(
              0,
              "calculation-service",
              2,
              "POST /calculate",
              SpanKind.SPAN_KIND_SERVER,
              50,
              180,
              null,
              "http.request.method",
              "POST",
              "http.route",
              "/calculate",
              "caller.service",
              "crm-api"),
          step(
              0,
              "file-store",
              2,
              "PUT /models/{id}",
              SpanKind.SPAN_KIND_SERVER,
              185,
              240,
              null,
              "http.request.method",
              "PUT",
              "http.route",
              "/models/{id}",
              "caller.service",
              "crm-api"),
          step(
              0,
              "crm-api",
              2,
              "orders publish",
              SpanKind.SPAN_KIND_PRODUCER,
              245,
              250,
              "approved",
              "messaging.system",
              "rabbitmq",
              "messaging.destination.name",
              "orders"),
          step(
              0,
              "mes-api",
              7,
              "orders process",
              SpanKind.SPAN_KIND_CONSUMER,
              255,
              305,
              "in_production",
              "messaging.system",
              "rabbitmq",
              "messaging.rabbitmq.ack",
              "ack",
              "caller.service",
              "crm-api"),
          step(
              0,
              "mes-api",
              8,
              "INSERT mes.jobs",
              SpanKind.SPAN_KIND_CLIENT,
              260,
              270,
              null,
              "db.system",
              "postgresql",
              "db.operation.name",
              "INSERT",
              "db.collection.name",
              "jobs"),
          step(
              0,
              "mes-api",
              8,
              "UPDATE mes.jobs",
              SpanKind.SPAN_KIND_CLIENT,
              272,
              280,
              null,
              "db.system",
              "postgresql",
              "db.operation.name",
              "UPDATE",
              "db.collection.name",
              "jobs"),
          step(0, "mes-api", 8, "schedule production", SpanKind.SPAN_KIND_INTERNAL, 281, 300, null),
          // trace 1: production finishes, the order is paid and shipped (8 spans), a minute later
          step(
              1,
              "mes-api",
              -1,
              "POST /mes/jobs/{id}/complete",
              SpanKind.SPAN_KIND_SERVER,
              0,
              140,
              null,
              "http.request.method",
              "POST",
              "http.route",
              "/mes/jobs/{id}/complete",
              "http.response.status_code",
              "200"),
          step(
              1,
              "mes-api",
              0,
              "UPDATE mes.jobs",
              SpanKind.SPAN_KIND_CLIENT,
              3,
              12,
              null,
              "db.system",
              "postgresql",
              "db.operation.name",
              "UPDATE",
              "db.collection.name",
              "jobs"),
          step(
              1,
              "mes-api",
              0,
              "order-status publish",
              SpanKind.SPAN_KIND_PRODUCER,
              15,
              18,
              null,
              "messaging.system",
              "rabbitmq",
              "messaging.destination.name",
              "order-status"),
          step(
              1,
              "crm-api",
              2,
              "order-status process",
              SpanKind.SPAN_KIND_CONSUMER,
              20,
              135,
              "shipped",
              "messaging.system",
              "rabbitmq",
              "messaging.rabbitmq.ack",
              "ack",
              "caller.service",
              "mes-api"),
          step(
              1,
              "crm-api",
              3,
              "UPDATE crm.orders",
              SpanKind.SPAN_KIND_CLIENT,
              22,
              30,
              null,
              "db.system",
              "postgresql",
              "db.operation.name",
              "UPDATE",
              "db.collection.name",
              "orders"),
          step(
              1,
              "crm-api",
              3,
              "POST",
              SpanKind.SPAN_KIND_CLIENT,
              32,
              100,
              null,
              "http.request.method",
              "POST",
              "server.address",
              "payment-stub",
              "http.response.status_code",
              "200"),
          step(
              1,
              "payment-stub",
              5,
              "POST /payments",
              SpanKind.SPAN_KIND_SERVER,
              35,
              95,
              null,
              "http.request.method",
              "POST",
              "http.route",
              "/payments",
              "caller.service",
              "crm-api"),
          step(
              1,
              "crm-api",
              3,
              "POST /notify",
              SpanKind.SPAN_KIND_CLIENT,
              102,
              130,
              null,
              "http.request.method",
              "POST",
              "server.address",
              "notifications",
              "http.response.status_code",
              "202"));

  private static final int TRACE_1_DELAY_MS = 60_000;

  private final long seed;
  private final long firstOrderStartNanos;
  private final long spacingNanos;

  /**
   * @param seed makes this run's ids distinct from another run's
   * @param firstOrderStartNanos when the first order is placed (epoch nanoseconds)
   * @param spacingNanos time between two orders
   */
  OrderLoad(long seed, long firstOrderStartNanos, long spacingNanos) {
    if (STEPS.size() != SPANS_PER_ORDER) {
      throw new AssertionError("template has " + STEPS.size() + " spans");
    }
    this.seed = seed;
    this.firstOrderStartNanos = firstOrderStartNanos;
    this.spacingNanos = spacingNanos;
  }

  /** The order id of order number {@code n}: what Support types. */
  static String orderId(int n) {
    return Integer.toString(10_000_000 + n);
  }

  /**
   * One OTLP request with the spans of orders {@code from} (inclusive) to {@code to} (exclusive).
   */
  ExportTraceServiceRequest request(int from, int to) {
    Map<String, ScopeSpans.Builder> byService = new LinkedHashMap<>();
    for (int n = from; n < to; n++) {
      addOrder(n, byService);
    }
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    byService.forEach(
        (service, spans) ->
            request.addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(
                        Resource.newBuilder()
                            .addAttributes(attribute("service.name", service))
                            .addAttributes(attribute("deployment.environment.name", "bench"))
                            .addAttributes(attribute("host.name", service + "-1")))
                    .addScopeSpans(spans)));
    return request.build();
  }

  private void addOrder(int n, Map<String, ScopeSpans.Builder> byService) {
    SplittableRandom random = new SplittableRandom(seed * 31 + n);
    byte[][] traceIds = {randomBytes(random, 16), randomBytes(random, 16)};
    byte[][] spanIds = new byte[STEPS.size()][];
    for (int i = 0; i < spanIds.length; i++) {
      spanIds[i] = randomBytes(random, 8);
    }
    String orderId = orderId(n);
    String userId = "u" + (n % 5000);
    long orderStart = firstOrderStartNanos + n * spacingNanos;
    int firstOfTrace1 = 12;
    for (int i = 0; i < STEPS.size(); i++) {
      Step step = STEPS.get(i);
      int base = step.trace() == 0 ? 0 : firstOfTrace1;
      long traceStart = orderStart + (step.trace() == 0 ? 0 : TRACE_1_DELAY_MS * 1_000_000L);
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(traceIds[step.trace()]))
              .setSpanId(ByteString.copyFrom(spanIds[i]))
              .setName(step.name())
              .setKind(step.kind())
              .setStartTimeUnixNano(traceStart + step.startMs() * 1_000_000L)
              .setEndTimeUnixNano(traceStart + step.endMs() * 1_000_000L)
              .addAttributes(attribute("order.id", orderId))
              .addAttributes(attribute("user.id", userId));
      if (step.parent() >= 0) {
        span.setParentSpanId(ByteString.copyFrom(spanIds[base + step.parent()]));
      }
      if (step.stage() != null) {
        span.addAttributes(attribute("order.stage", step.stage()));
      }
      step.attributes().forEach((key, value) -> span.addAttributes(attribute(key, value)));
      span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK));
      byService.computeIfAbsent(step.service(), key -> ScopeSpans.newBuilder()).addSpans(span);
    }
  }

  private static Step step(
      int trace,
      String service,
      int parent,
      String name,
      SpanKind kind,
      int startMs,
      int endMs,
      String stage,
      String... keyValues) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      attributes.put(keyValues[i], keyValues[i + 1]);
    }
    return new Step(trace, service, parent, name, kind, startMs, endMs, stage, attributes);
  }

  private static byte[] randomBytes(SplittableRandom random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i += 8) {
      long value = random.nextLong();
      for (int j = 0; j < 8 && i + j < length; j++) {
        bytes[i + j] = (byte) (value >>> (8 * j));
      }
    }
    bytes[0] |= 0x10; // never an all-zero (invalid) id, never a leading zero digit
    return bytes;
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }
}
