/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.ordertrace.extension.config.RedactionSettings;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RedactingSpanExporterTest {

  private static final String EMAIL = "ivan.petrov@mail.ru";
  private static final String PHONE = "+7 912 345 67 89";
  private static final String CARD = "4111 1111 1111 1111";

  private final InMemorySpanExporter memory = InMemorySpanExporter.create();
  private final RedactingSpanExporter exporter =
      RedactingSpanExporter.wrap(memory, Redactor.create(RedactionSettings.defaults()));
  private final Resource resource =
      Resource.getDefault()
          .merge(
              Resource.create(
                  Attributes.builder()
                      .put("service.name", "orders")
                      .put("host.owner", "admin " + EMAIL)
                      .build()));
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder()
          .setResource(resource)
          .addSpanProcessor(SimpleSpanProcessor.create(exporter))
          .build();
  private final Tracer tracer = tracerProvider.get("test");

  @AfterEach
  void close() {
    tracerProvider.close();
  }

  @Test
  void scrubsEveryStringBearingPartOfASpan() {
    SpanContext linked =
        SpanContext.create(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Span span =
        tracer
            .spanBuilder("lookup " + EMAIL)
            .addLink(linked, Attributes.of(AttributeKey.stringKey("link.note"), "from " + PHONE))
            .startSpan();
    span.setAttribute("order.id", "89123456789");
    span.setAttribute("app.note", "call " + PHONE);
    span.setAttribute("http.request.header.authorization", "Bearer abc.def");
    span.addEvent("notified " + EMAIL, Attributes.of(AttributeKey.stringKey("to"), EMAIL));
    span.recordException(new IllegalStateException("card " + CARD + " declined for " + EMAIL));
    span.setStatus(StatusCode.ERROR, "declined for " + EMAIL);
    span.end();

    SpanData exported = memory.getFinishedSpanItems().get(0);
    assertThat(exported.getName()).isEqualTo("lookup [REDACTED:email]");
    assertThat(exported.getAttributes().get(AttributeKey.stringKey("order.id")))
        .isEqualTo("89123456789");
    assertThat(exported.getAttributes().get(AttributeKey.stringKey("app.note")))
        .isEqualTo("call [REDACTED:phone]");
    assertThat(
            exported
                .getAttributes()
                .get(AttributeKey.stringKey("http.request.header.authorization")))
        .isEqualTo("[REDACTED:token]");
    assertThat(exported.getStatus().getDescription()).isEqualTo("declined for [REDACTED:email]");
    assertThat(exported.getLinks().get(0).getAttributes().get(AttributeKey.stringKey("link.note")))
        .isEqualTo("from [REDACTED:phone]");
    assertThat(exported.getLinks().get(0).getSpanContext()).isEqualTo(linked);
    assertThat(exported.getResource().getAttribute(AttributeKey.stringKey("host.owner")))
        .isEqualTo("admin [REDACTED:email]");
    assertThat(exported.getResource().getAttribute(AttributeKey.stringKey("service.name")))
        .isEqualTo("orders");

    List<EventData> events = exported.getEvents();
    assertThat(events.get(0).getName()).isEqualTo("notified [REDACTED:email]");
    assertThat(events.get(0).getAttributes().get(AttributeKey.stringKey("to")))
        .isEqualTo("[REDACTED:email]");
    EventData exception = events.get(1);
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("card [REDACTED:card] declined for [REDACTED:email]");
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
        .contains("[REDACTED:card]")
        .doesNotContain(CARD)
        .doesNotContain(EMAIL)
        .contains("RedactingSpanExporterTest");
    assertThat(exception.getAttributes().get(AttributeKey.stringKey("exception.type")))
        .isEqualTo(IllegalStateException.class.getName());

    assertThat(exported.toString()).doesNotContain(EMAIL).doesNotContain(CARD);
    assertThat(exported.getSpanContext()).isEqualTo(span.getSpanContext());
  }

  @Test
  void cleanSpansArePassedThroughAsTheSameObjects() {
    InMemorySpanExporter direct = InMemorySpanExporter.create();
    SpanData clean;
    try (SdkTracerProvider plain =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(direct)).build()) {
      Span span = plain.get("test").spanBuilder("GET /orders/{id}").startSpan();
      span.setAttribute("order.id", "100234");
      span.addEvent("cache miss");
      span.end();
      clean = direct.getFinishedSpanItems().get(0); // read before close() clears it
    }
    List<SpanData> batch = Arrays.asList(clean, clean);

    exporter.export(batch);

    assertThat(memory.getFinishedSpanItems()).hasSize(2);
    assertThat(memory.getFinishedSpanItems().get(0)).isSameAs(clean);
    assertThat(memory.getFinishedSpanItems().get(1)).isSameAs(clean);
  }

  @Test
  void onlyTheSpansThatNeedItAreReplacedInAMixedBatch() {
    tracer.spanBuilder("clean").startSpan().end();
    tracer.spanBuilder("mail " + EMAIL).startSpan().end();
    List<SpanData> exported = memory.getFinishedSpanItems();
    memory.reset();
    // Re-export what the SDK produced, wrapped as raw data: the clean one must survive as-is.
    SpanData clean = new Raw(exported.get(0));
    SpanData dirty = new Raw(exported.get(1));
    dirty = new Changed(dirty, "mail " + EMAIL, dirty.getAttributes());

    exporter.export(Arrays.asList(clean, dirty));

    assertThat(memory.getFinishedSpanItems().get(0)).isSameAs(clean);
    assertThat(memory.getFinishedSpanItems().get(1).getName()).isEqualTo("mail [REDACTED:email]");
  }

  @Test
  void redactedResourceIsComputedOncePerResourceInstance() {
    tracer.spanBuilder("a").startSpan().end();
    tracer.spanBuilder("b").startSpan().end();

    List<SpanData> spans = memory.getFinishedSpanItems();
    assertThat(spans.get(0).getResource()).isSameAs(spans.get(1).getResource());
    assertThat(spans.get(0).getResource()).isNotSameAs(resource);
  }

  @Test
  void aSpanThatCannotBeRedactedIsExportedWithEveryStringReplaced() {
    tracer.spanBuilder("ok").startSpan().end();
    SpanData base = memory.getFinishedSpanItems().get(0);
    memory.reset();
    SpanData exploding =
        new DelegatingSpanData(
            new Changed(
                base,
                "name " + EMAIL,
                Attributes.builder()
                    .put("app.note", EMAIL)
                    .put("app.count", 3L)
                    .put(AttributeKey.stringArrayKey("app.list"), Arrays.asList(EMAIL))
                    .build())) {
          @Override
          public List<EventData> getEvents() {
            throw new IllegalStateException("broken events");
          }
        };

    CompletableResultCode result = exporter.export(Arrays.asList(exploding, base));

    assertThat(result.isSuccess()).isTrue();
    List<SpanData> exported = memory.getFinishedSpanItems();
    assertThat(exported).hasSize(2);
    SpanData failed = exported.get(0);
    assertThat(failed.getName()).isEqualTo("[REDACTED:error]");
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("app.note")))
        .isEqualTo("[REDACTED:error]");
    assertThat(failed.getAttributes().get(AttributeKey.stringArrayKey("app.list")))
        .containsExactly("[REDACTED:error]");
    assertThat(failed.getAttributes().get(AttributeKey.longKey("app.count"))).isEqualTo(3L);
    assertThat(failed.getEvents()).isEmpty();
    assertThat(failed.getSpanContext()).isEqualTo(base.getSpanContext());
    assertThat(failed.toString()).doesNotContain(EMAIL);
    assertThat(exported.get(1)).isSameAs(base);
  }

  @Test
  void flushShutdownAndToStringGoToTheDelegate() {
    assertThat(exporter.flush().isSuccess()).isTrue();
    assertThat(exporter.toString())
        .contains("RedactingSpanExporter")
        .contains(InMemorySpanExporter.class.getSimpleName());
    assertThat(exporter.shutdown().isSuccess()).isTrue();
    assertThat(memory.export(Arrays.asList()).isSuccess()).isFalse(); // delegate is shut down
  }

  /** Hides the SDK type so identity checks are about our exporter, not SDK caching. */
  private static final class Raw extends DelegatingSpanData {
    Raw(SpanData delegate) {
      super(delegate);
    }
  }

  /** Another name and other attributes, as a wrapper of the SDK's data would give them. */
  private static final class Changed extends DelegatingSpanData {
    private final String name;
    private final Attributes attributes;

    Changed(SpanData delegate, String name, Attributes attributes) {
      super(delegate);
      this.name = name;
      this.attributes = attributes;
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public Attributes getAttributes() {
      return attributes;
    }
  }
}
