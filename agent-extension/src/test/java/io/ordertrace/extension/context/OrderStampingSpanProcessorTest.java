/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.ordertrace.extension.OrderTraceAttributes;
import io.ordertrace.extension.config.HoldLimits;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Given a request that creates an order, whose id is known only when its server span ends, the
 * spans that ended before still get the id; with limits, nothing is held beyond them.
 */
class OrderStampingSpanProcessorTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final AtomicLong now = new AtomicLong();
  private OrderStampingSpanProcessor processor;
  private SdkTracerProvider provider;

  private Tracer tracer(HoldLimits limits) {
    processor =
        OrderStampingSpanProcessor.forTest(SimpleSpanProcessor.create(exporter), limits, now::get);
    provider = SdkTracerProvider.builder().addSpanProcessor(processor).build();
    return provider.get("test");
  }

  @AfterEach
  void close() {
    provider.close();
  }

  /** The CRM's POST /crm/orders: two database calls, then the id from the response. */
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  private static void creatingRequest(Tracer tracer, int databaseCalls, String orderIdAtEnd) {
    Span server = tracer.spanBuilder("POST /crm/orders").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      for (int i = 0; i < databaseCalls; i++) {
        tracer.spanBuilder("INSERT orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
      }
    }
    if (orderIdAtEnd != null) {
      server.setAttribute(OrderTraceAttributes.ORDER_ID, orderIdAtEnd);
    }
    server.end();
  }

  @Test
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  void spansThatEndedBeforeTheIdWasKnownCarryItOnceTheRootEnds() {
    Tracer tracer = tracer(HoldLimits.defaults());
    Span server = tracer.spanBuilder("POST /crm/orders").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracer.spanBuilder("INSERT orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
      tracer.spanBuilder("SELECT nextval").setSpanKind(SpanKind.CLIENT).startSpan().end();
    }
    assertThat(exporter.getFinishedSpanItems()).as("held while the root runs").isEmpty();

    server.setAttribute(OrderTraceAttributes.ORDER_ID, "100042");
    server.end();

    assertThat(exporter.getFinishedSpanItems())
        .hasSize(3)
        .allSatisfy(
            s ->
                assertThat(s.getAttributes().get(OrderTraceAttributes.ORDER_ID))
                    .isEqualTo("100042"));
    assertThat(processor.heldTraces()).isZero();
  }

  @Test
  void aTraceThatNeverLearnsAnIdIsReleasedUnchangedWhenItsRootEnds() {
    creatingRequest(tracer(HoldLimits.defaults()), 2, null);

    assertThat(exporter.getFinishedSpanItems())
        .hasSize(3)
        .allSatisfy(s -> assertThat(s.getAttributes().get(OrderTraceAttributes.ORDER_ID)).isNull());
  }

  @Test
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  void aRootThatKnowsItsOrderAtStartHoldsNothing() {
    Tracer tracer = tracer(HoldLimits.defaults());
    Span server =
        tracer
            .spanBuilder("POST /crm/orders/42/approve")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(OrderTraceAttributes.ORDER_ID, "42")
            .startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracer.spanBuilder("UPDATE orders").startSpan().end();
      assertThat(exporter.getFinishedSpanItems()).as("exported at once").hasSize(1);
      assertThat(processor.heldTraces()).isZero();
    }
    server.end();
  }

  @Test
  void overTheSpanLimitSpansGoOnUnstamped() {
    creatingRequest(tracer(new HoldLimits(2, 1 << 20, 10, 30_000)), 5, "7");

    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).hasSize(6);
    assertThat(spans)
        .filteredOn(s -> "7".equals(s.getAttributes().get(OrderTraceAttributes.ORDER_ID)))
        .hasSize(3);
  }

  @Test
  void overTheByteLimitSpansGoOnUnstamped() {
    creatingRequest(tracer(new HoldLimits(100, 100, 10, 30_000)), 3, "7");

    assertThat(exporter.getFinishedSpanItems())
        .filteredOn(s -> s.getKind() == SpanKind.CLIENT)
        .allSatisfy(s -> assertThat(s.getAttributes().get(OrderTraceAttributes.ORDER_ID)).isNull());
  }

  @Test
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  void overTheTraceLimitNewTracesAreNotHeld() {
    Tracer tracer = tracer(new HoldLimits(100, 1 << 20, 1, 30_000));
    Span first = tracer.spanBuilder("first").setSpanKind(SpanKind.SERVER).startSpan();
    Span second = tracer.spanBuilder("second").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = second.makeCurrent()) {
      tracer.spanBuilder("child of second").startSpan().end();
    }
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("child of second");
    assertThat(processor.heldTraces()).isOne();
    first.end();
    second.end();
  }

  @Test
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  void aRootThatNeverEndsIsReleasedAfterTheTimeout() {
    Tracer tracer = tracer(new HoldLimits(100, 1 << 20, 10, 1_000));
    Span server = tracer.spanBuilder("stuck").setSpanKind(SpanKind.SERVER).startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracer.spanBuilder("child").startSpan().end();
    }
    now.addAndGet(999_000_000L);
    processor.releaseExpired();
    assertThat(exporter.getFinishedSpanItems()).isEmpty();

    now.addAndGet(1_000_000L);
    processor.releaseExpired();
    assertThat(exporter.getFinishedSpanItems())
        .extracting(SpanData::getName)
        .containsExactly("child");
    assertThat(processor.heldTraces()).isZero();

    server.end();
    assertThat(exporter.getFinishedSpanItems()).hasSize(2);
  }

  @Test
  @SuppressWarnings("try") // the Scope is held, never read: makeCurrent()'s idiom
  void spansOfAContinuedTraceAreHeldFromTheirLocalRoot() {
    Tracer tracer = tracer(HoldLimits.defaults());
    Context remote =
        Context.root()
            .with(
                Span.wrap(
                    io.opentelemetry.api.trace.SpanContext.createFromRemoteParent(
                        "0af7651916cd43dd8448eb211c80319c",
                        "b7ad6b7169203331",
                        io.opentelemetry.api.trace.TraceFlags.getSampled(),
                        io.opentelemetry.api.trace.TraceState.getDefault())));
    Span server =
        tracer
            .spanBuilder("POST /api/orders")
            .setParent(remote)
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    try (Scope ignored = server.makeCurrent()) {
      tracer.spanBuilder("POST crm-api").setSpanKind(SpanKind.CLIENT).startSpan().end();
    }
    server.setAttribute(OrderTraceAttributes.ORDER_ID, "9");
    server.end();

    assertThat(exporter.getFinishedSpanItems())
        .filteredOn(s -> s.getName().equals("POST crm-api"))
        .singleElement()
        .satisfies(
            s -> assertThat(s.getAttributes().get(OrderTraceAttributes.ORDER_ID)).isEqualTo("9"));
  }
}
