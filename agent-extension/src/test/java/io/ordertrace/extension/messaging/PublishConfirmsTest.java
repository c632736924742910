/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Given publishes on a channel in confirm mode, each publish span is exported with its outcome. */
class PublishConfirmsTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SimpleSpanProcessor export =
      (SimpleSpanProcessor) SimpleSpanProcessor.create(exporter);
  private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
  private final Tracer tracer = provider.get("test");
  private final PublishConfirms confirms = new PublishConfirms();
  private final Object channel = new Object();

  @AfterEach
  void close() {
    provider.close();
  }

  private static SpanData withOutcome(SpanData data, String outcome) {
    return new DelegatingSpanData(data) {
      @Override
      public Attributes getAttributes() {
        AttributesBuilder builder = data.getAttributes().toBuilder();
        return builder.put(MessagingAttributes.CONFIRM, outcome).build();
      }
    };
  }

  private String publish(long seq) {
    Span span = tracer.spanBuilder("orders publish").setSpanKind(SpanKind.PRODUCER).startSpan();
    confirms.expect(channel, seq, span.getSpanContext().getSpanId());
    span.end();
    return span.getSpanContext().getSpanId();
  }

  private boolean endAndHold(String spanId) {
    SpanData data = exporterless();
    return confirms.holdUntilConfirmed(spanId, data, export, PublishConfirmsTest::withOutcome);
  }

  private SpanData exporterless() {
    Span span = tracer.spanBuilder("orders publish").setSpanKind(SpanKind.PRODUCER).startSpan();
    span.end();
    return ((io.opentelemetry.sdk.trace.ReadableSpan) span).toSpanData();
  }

  @Test
  void anAckedPublishIsExportedWhenTheConfirmArrives() {
    String id = publish(1);
    assertThat(endAndHold(id)).isTrue();
    assertThat(exporter.getFinishedSpanItems()).isEmpty();

    confirms.confirmed(channel, 1, false, true);

    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            s -> assertThat(s.getAttributes().get(MessagingAttributes.CONFIRM)).isEqualTo("acked"));
    assertThat(confirms.pending()).isZero();
  }

  @Test
  void aMultipleNackAnswersEveryEarlierPublish() {
    String first = publish(1);
    String second = publish(2);
    String third = publish(3);
    endAndHold(first);
    endAndHold(second);
    endAndHold(third);

    confirms.confirmed(channel, 2, true, false);

    assertThat(exporter.getFinishedSpanItems())
        .hasSize(2)
        .allSatisfy(
            s ->
                assertThat(s.getAttributes().get(MessagingAttributes.CONFIRM)).isEqualTo("nacked"));
    assertThat(confirms.isAwaited(third)).isTrue();
  }

  @Test
  void aConfirmBeforeTheSpanEndedIsAppliedAtOnce() {
    String id = publish(7);
    confirms.confirmed(channel, 7, false, true);
    assertThat(endAndHold(id)).isTrue();
    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            s -> assertThat(s.getAttributes().get(MessagingAttributes.CONFIRM)).isEqualTo("acked"));
  }

  @Test
  void aConfirmBeforeThePublishSpanWasBoundIsKept() {
    PublishConfirms.Pending pending = confirms.expect(channel, 4);
    confirms.confirmed(channel, 4, false, true);
    Span span = tracer.spanBuilder("orders publish").setSpanKind(SpanKind.PRODUCER).startSpan();
    span.end();
    String id = span.getSpanContext().getSpanId();
    confirms.bind(pending, id);

    assertThat(
            confirms.holdUntilConfirmed(
                id,
                ((io.opentelemetry.sdk.trace.ReadableSpan) span).toSpanData(),
                export,
                PublishConfirmsTest::withOutcome))
        .isTrue();
    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            s -> assertThat(s.getAttributes().get(MessagingAttributes.CONFIRM)).isEqualTo("acked"));
  }

  @Test
  void noConfirmWithinTheTimeoutIsATimeout() {
    String id = publish(1);
    endAndHold(id);
    confirms.expire(Long.MAX_VALUE);
    assertThat(exporter.getFinishedSpanItems()).isEmpty();

    confirms.expire(0);

    assertThat(exporter.getFinishedSpanItems())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getAttributes().get(MessagingAttributes.CONFIRM))
                    .isEqualTo("timeout"));
  }

  @Test
  void everyExportPipelineGetsItsCopy() {
    InMemorySpanExporter second = InMemorySpanExporter.create();
    String id = publish(1);
    SpanData data = exporterless();
    confirms.holdUntilConfirmed(id, data, export, PublishConfirmsTest::withOutcome);
    confirms.holdUntilConfirmed(
        id, data, SimpleSpanProcessor.create(second), PublishConfirmsTest::withOutcome);

    confirms.confirmed(channel, 1, false, true);

    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    assertThat(second.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void aSpanNobodyAwaitsIsNotTaken() {
    assertThat(
            confirms.holdUntilConfirmed(
                "00f067aa0ba902b7", exporterless(), export, PublishConfirmsTest::withOutcome))
        .isFalse();
  }
}
