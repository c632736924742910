/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import io.ordertrace.extension.messaging.MessagingAttributes;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Given a request or a message of a stage rule, the stage is claimed only when the step succeeded.
 */
class OrderOutcomeSpanProcessorTest {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider;
  private final Tracer tracer;

  OrderOutcomeSpanProcessorTest() {
    OrderTraceConfig config =
        OrderTraceConfig.parse(
            PropertySource.of(Collections.singletonMap("ordertrace.routes", "POST /calc/estimate")),
            (p, v, r) -> {
              throw new AssertionError(v + ": " + r);
            });
    provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(
                new OrderOutcomeSpanProcessor(config.stageRules(), config.orderData().routes()))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    tracer = provider.get("test");
  }

  @AfterEach
  void close() {
    provider.close();
  }

  private SpanData server(String method, String path, String reportedRoute, long status) {
    Span span =
        tracer
            .spanBuilder(method + " " + reportedRoute)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(METHOD, method)
            .setAttribute(PATH, path)
            .startSpan();
    span.setAttribute(ROUTE, reportedRoute);
    span.setAttribute(STATUS, status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    return exporter.getFinishedSpanItems().get(exporter.getFinishedSpanItems().size() - 1);
  }

  @ParameterizedTest(name = "{0} {1} answered {2}")
  @CsvSource({
    "POST, /crm/orders/42/approve, 200, approved, ",
    "POST, /crm/orders/42/approve, 500, , approved",
    "POST, /crm/orders, 400, , created",
    "POST, /crm/orders, 201, created, ",
    "POST, /mes/orders/42/ship, 409, , shipped"
  })
  void theStageIsClaimedOnlyBelow400(
      String method, String path, long status, String stage, String failed) {
    SpanData span = server(method, path, "/", status);
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE)).isEqualTo(stage);
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE_FAILED)).isEqualTo(failed);
    assertThat(span.getStatus().getStatusCode())
        .isEqualTo(failed == null ? StatusCode.UNSET : StatusCode.ERROR);
  }

  @Test
  void aServerThatOnlyKnowsItsContextPathGetsTheRouteAndName() {
    SpanData span = server("POST", "/mes/orders/42/ship", "/", 200);
    assertThat(span.getName()).isEqualTo("POST /mes/orders/{id}/ship");
    assertThat(span.getAttributes().get(ROUTE)).isEqualTo("/mes/orders/{id}/ship");

    SpanData calc = server("POST", "/calc/estimate", "/", 200);
    assertThat(calc.getName()).isEqualTo("POST /calc/estimate");
  }

  @Test
  void aRouteTheFrameworkReportedIsKept() {
    SpanData span = server("POST", "/mes/orders/42/ship", "/mes/orders/{orderId}/ship", 200);
    assertThat(span.getName()).isEqualTo("POST /mes/orders/{orderId}/ship");
    SpanData unknown = server("GET", "/elsewhere/1", "/", 404);
    assertThat(unknown.getName()).isEqualTo("GET /");
  }

  @Test
  void httpClientSpansAreNamedAfterThePeer() {
    Span client =
        tracer
            .spanBuilder("POST")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(METHOD, "POST")
            .setAttribute(
                AttributeKey.stringKey("server.address"), "pay.alexandrite-payments.example")
            .startSpan();
    client.end();
    Span byService =
        tracer
            .spanBuilder("PUT")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(METHOD, "PUT")
            .setAttribute(AttributeKey.stringKey("server.address"), "127.0.0.1")
            .setAttribute(AttributeKey.stringKey("peer.service"), "file-store")
            .startSpan();
    byService.end();
    Span address =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute(METHOD, "GET")
            .setAttribute(AttributeKey.stringKey("server.address"), "10.0.0.1")
            .startSpan();
    address.end();
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("POST pay.alexandrite-payments.example", "PUT file-store", "GET");
  }

  private SpanData consume(String settlement, boolean downstream, boolean error) {
    return consume(settlement, downstream, error, null);
  }

  /** {@code requeue}: what the RabbitMQ client's settle command carried (null: not recorded). */
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  private SpanData consume(String settlement, boolean downstream, boolean error, Boolean requeue) {
    Span process =
        tracer
            .spanBuilder("mes.orders process")
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(AttributeKey.stringKey("messaging.system"), "rabbitmq")
            .setAttribute(MessagingAttributes.EXCHANGE, "orders")
            .setAttribute(MessagingAttributes.ROUTING_KEY, "order.approved")
            .setAttribute(MessagingAttributes.DESTINATION_NAME, "mes.orders")
            .startSpan();
    try (Scope ignored = process.makeCurrent()) {
      if (downstream) {
        tracer.spanBuilder("INSERT mes.production").setSpanKind(SpanKind.CLIENT).startSpan().end();
      }
      // the agent starts it as Channel.basicAck and renames it basic.ack later
      String method =
          "Channel.basic" + Character.toUpperCase(settlement.charAt(0)) + settlement.substring(1);
      Span settle = tracer.spanBuilder(method).setSpanKind(SpanKind.CLIENT).startSpan();
      settle.updateName("basic." + settlement);
      if (requeue != null) {
        settle.setAttribute(MessagingAttributes.REQUEUE, requeue);
      }
      settle.end();
    }
    if (error) {
      process.setStatus(StatusCode.ERROR);
    }
    process.end();
    return exporter.getFinishedSpanItems().get(exporter.getFinishedSpanItems().size() - 1);
  }

  @Test
  void aProcessedAndAckedMessageReachesItsStage() {
    SpanData span = consume("ack", true, false);
    assertThat(span.getAttributes().get(MessagingAttributes.SETTLEMENT)).isEqualTo("ack");
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE))
        .isEqualTo("in_production");
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE_FAILED)).isNull();
    assertThat(span.getAttributes().get(MessagingAttributes.DROPPED)).isNull();
  }

  @ParameterizedTest(name = "settled with {0}, downstream {1}, error {2}")
  @CsvSource({"nack, true, false", "reject, false, false", "ack, true, true", "ack, false, false"})
  void aRefusedFailedOrSilentlyDroppedMessageFailsItsStage(
      String settlement, boolean downstream, boolean error) {
    SpanData span = consume(settlement, downstream, error);
    assertThat(span.getAttributes().get(MessagingAttributes.SETTLEMENT)).isEqualTo(settlement);
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE)).isNull();
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE_FAILED))
        .isEqualTo("in_production");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void anAckWithoutAnyDownstreamStepIsFlaggedAsDropped() {
    SpanData span = consume("ack", false, false);
    assertThat(span.getAttributes().get(MessagingAttributes.DROPPED)).isTrue();
    assertThat(span.getStatus().getDescription()).contains("without reaching any downstream step");
  }

  @ParameterizedTest(name = "{0} with requeue={1}")
  @CsvSource({"nack, true", "nack, false", "reject, true", "reject, false"})
  void theRequeueFlagOfARefusalGoesToTheProcessSpan(String settlement, boolean requeue) {
    SpanData span = consume(settlement, true, false, requeue);
    assertThat(span.getAttributes().get(MessagingAttributes.SETTLEMENT)).isEqualTo(settlement);
    assertThat(span.getAttributes().get(MessagingAttributes.REQUEUE)).isEqualTo(requeue);
    assertThat(span.getAttributes().get(OrderTraceAttributes.ORDER_STAGE_FAILED))
        .isEqualTo("in_production");
  }

  @Test
  void anAckHasNoRequeueFlag() {
    SpanData span = consume("ack", true, false, true);
    assertThat(span.getAttributes().get(MessagingAttributes.REQUEUE)).isNull();
  }
}
