/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableGaugeData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongExemplarData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableLongPointData;
import io.opentelemetry.sdk.metrics.internal.data.ImmutableMetricData;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus case in every place a value can leave the process: query string, captured header,
 * URL path and span name, exception message and stack trace, log record body, span attribute,
 * resource attribute and metric point attribute. Positive cases must lose every PII substring;
 * negative cases must come out exactly as they went in.
 */
class PiiPlacementTest {

  private static final Redactor redactor = PiiCorpus.redactor();
  private static final RedactingSpanExporter spans =
      RedactingSpanExporter.wrap(
          io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create(), redactor);
  private static final RedactingLogRecordExporter logs =
      RedactingLogRecordExporter.wrap(
          io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter.create(), redactor);
  private static final RedactingMetricExporter metrics =
      RedactingMetricExporter.wrap(
          io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter.create(), redactor);

  /** A place a value can be put, and how to read back everything exported from it. */
  enum Placement {
    QUERY(
        text ->
            strings(
                spans.redact(
                    span(
                        Attributes.of(
                            key("url.query"),
                            "note=" + text,
                            key("url.full"),
                            "https://shop.example/api/orders?note=" + text),
                        List.of(),
                        "GET",
                        Resource.empty())))),
    HEADER(
        text ->
            strings(
                spans.redact(
                    span(
                        Attributes.of(
                            AttributeKey.stringArrayKey("http.request.header.x-note"),
                            List.of(text)),
                        List.of(),
                        "GET",
                        Resource.empty())))),
    PATH(
        text ->
            strings(
                spans.redact(
                    span(
                        Attributes.of(key("url.path"), "/api/notes/" + text),
                        List.of(),
                        "GET /api/notes/" + text,
                        Resource.empty())))),
    EXCEPTION(
        text ->
            strings(
                spans.redact(
                    span(
                        Attributes.empty(),
                        List.of(
                            EventData.create(
                                1L,
                                "exception",
                                Attributes.of(
                                    key("exception.type"),
                                    "java.lang.IllegalStateException",
                                    key("exception.message"),
                                    text,
                                    key("exception.stacktrace"),
                                    "java.lang.IllegalStateException: "
                                        + text
                                        + "\n\tat io.shop.Orders.pay(Orders.java:42)"))),
                        "POST",
                        Resource.empty())))),
    LOG_BODY(text -> strings(logs.redact(log(Value.of(text), Attributes.empty())))),
    LOG_ATTRIBUTE(
        text ->
            strings(
                logs.redact(
                    log(
                        Value.of("payment refused"),
                        Attributes.of(key("exception.message"), text))))),
    ATTRIBUTE(
        text ->
            strings(
                spans.redact(
                    span(
                        Attributes.of(key("app.note"), text),
                        List.of(),
                        "GET",
                        Resource.empty())))),
    RESOURCE(
        text ->
            strings(
                spans.redact(
                    span(
                        Attributes.empty(),
                        List.of(),
                        "GET",
                        Resource.create(Attributes.of(key("app.note"), text)))))),
    METRIC(text -> strings(metrics.redact(metric(Attributes.of(key("app.note"), text)))));

    @SuppressWarnings("ImmutableEnumChecker") // stateless lambdas, set once per constant
    private final Function<String, List<String>> exportedStrings;

    Placement(Function<String, List<String>> exportedStrings) {
      this.exportedStrings = exportedStrings;
    }
  }

  static Stream<Arguments> positives() {
    List<Arguments> cases = new ArrayList<>();
    for (PiiCorpus.Positive positive : PiiCorpus.positives()) {
      for (Placement placement : Placement.values()) {
        cases.add(Arguments.of(placement, positive));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> negatives() {
    List<Arguments> cases = new ArrayList<>();
    for (String negative : PiiCorpus.negatives()) {
      for (Placement placement : Placement.values()) {
        cases.add(Arguments.of(placement, negative));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("positives")
  void noPiiLeavesFromAnyPlacement(Placement placement, PiiCorpus.Positive positive) {
    String exported = String.join("\n", placement.exportedStrings.apply(positive.text()));
    for (String pii : positive.pii()) {
      assertThat(exported.contains(pii)).as("leaked '%s' from %s", pii, placement).isFalse();
    }
    assertThat(exported).contains("[REDACTED:");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("negatives")
  void lookalikesAreLeftAloneInEveryPlacement(Placement placement, String negative) {
    List<String> exported = placement.exportedStrings.apply(negative);
    assertThat(exported).noneSatisfy(value -> assertThat(value).contains("[REDACTED:"));
  }

  private static AttributeKey<String> key(String name) {
    return AttributeKey.stringKey(name);
  }

  private static SpanData span(
      Attributes attributes, List<EventData> events, String name, Resource resource) {
    return TestSpanData.builder()
        .setSpanContext(
            SpanContext.create(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.getDefault()))
        .setName(name)
        .setKind(SpanKind.SERVER)
        .setStartEpochNanos(1L)
        .setEndEpochNanos(2L)
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .setEvents(events)
        .setTotalRecordedEvents(events.size())
        .setStatus(
            events.isEmpty()
                ? StatusData.unset()
                : StatusData.create(
                    io.opentelemetry.api.trace.StatusCode.ERROR,
                    events.get(0).getAttributes().get(key("exception.message"))))
        .setHasEnded(true)
        .setResource(resource)
        .build();
  }

  private static LogRecordData log(Value<?> body, Attributes attributes) {
    return TestLogRecordData.builder()
        .setResource(Resource.empty())
        .setInstrumentationScopeInfo(InstrumentationScopeInfo.create("test"))
        .setSeverity(Severity.WARN)
        .setBodyValue(body)
        .setAttributes(attributes)
        .setTotalAttributeCount(attributes.size())
        .setTimestamp(1L, java.util.concurrent.TimeUnit.NANOSECONDS)
        .build();
  }

  private static MetricData metric(Attributes attributes) {
    return ImmutableMetricData.createLongGauge(
        Resource.empty(),
        InstrumentationScopeInfo.create("test"),
        "orders.open",
        "",
        "1",
        ImmutableGaugeData.create(
            Collections.singletonList(
                ImmutableLongPointData.create(
                    1L,
                    2L,
                    attributes,
                    3L,
                    Collections.singletonList(
                        ImmutableLongExemplarData.create(
                            attributes, 2L, SpanContext.getInvalid(), 1L))))));
  }

  private static List<String> strings(SpanData span) {
    List<String> out = new ArrayList<>();
    out.add(span.getName());
    out.add(span.getStatus().getDescription());
    addAll(out, span.getAttributes());
    addAll(out, span.getResource().getAttributes());
    for (EventData event : span.getEvents()) {
      out.add(event.getName());
      addAll(out, event.getAttributes());
    }
    return out;
  }

  private static List<String> strings(LogRecordData log) {
    List<String> out = new ArrayList<>();
    out.add(log.getBodyValue() == null ? "" : log.getBodyValue().asString());
    addAll(out, log.getAttributes());
    addAll(out, log.getResource().getAttributes());
    return out;
  }

  private static List<String> strings(MetricData metric) {
    List<String> out = new ArrayList<>();
    addAll(out, metric.getResource().getAttributes());
    metric
        .getLongGaugeData()
        .getPoints()
        .forEach(
            point -> {
              addAll(out, point.getAttributes());
              point.getExemplars().forEach(e -> addAll(out, e.getFilteredAttributes()));
            });
    return out;
  }

  private static void addAll(List<String> out, Attributes attributes) {
    attributes.forEach((k, v) -> out.add(String.valueOf(v)));
  }
}
