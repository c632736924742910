/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;

/**
 * Scrubs spans on their way to the real exporter, the last point where PII can still be stopped
 * from leaving the process: span name, attributes, status description, event names and attributes
 * ({@code exception.message}, {@code exception.stacktrace}), link attributes and resource
 * attributes. Spans with nothing to hide are handed on as the same objects.
 *
 * <p>If scrubbing a span fails, that span is exported with every string replaced by {@code
 * [REDACTED:error]}: losing a span's details is better than leaking them or dropping the batch.
 */
public final class RedactingSpanExporter implements SpanExporter {

  private final SpanExporter delegate;
  private final Scrubbing scrubbing;

  private RedactingSpanExporter(SpanExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.scrubbing =
        new Scrubbing(
            redactor,
            RedactingSpanExporter.class,
            "Redacting a span failed with {0}; such spans are exported with every string "
                + "replaced by {1}. Further failures are not logged.");
  }

  public static RedactingSpanExporter wrap(SpanExporter delegate, Redactor redactor) {
    return new RedactingSpanExporter(delegate, redactor);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> redacted = Scrubbing.each(spans, this::redactSafely);
    return delegate.export(redacted != null ? redacted : spans);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return delegate.shutdown();
  }

  @Override
  public String toString() {
    return "RedactingSpanExporter{delegate=" + delegate + "}";
  }

  private SpanData redactSafely(SpanData span) {
    try {
      return redact(span);
    } catch (RuntimeException | StackOverflowError e) {
      scrubbing.failed(e);
      return FailedSpanData.of(span);
    }
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  SpanData redact(SpanData span) {
    String name = scrubbing.redactor.redact(span.getName());
    Attributes attributes = scrubbing.redactor.redact(span.getAttributes());
    List<EventData> events = redactEvents(span.getEvents());
    List<LinkData> links = redactLinks(span.getLinks());
    Resource resource = scrubbing.resources.redact(span.getResource());
    StatusData status = redactStatus(span.getStatus());
    if (name == span.getName()
        && attributes == span.getAttributes()
        && events == span.getEvents()
        && links == span.getLinks()
        && resource == span.getResource()
        && status == span.getStatus()) {
      return span;
    }
    return new RedactedSpanData(span, name, attributes, events, links, resource, status);
  }

  private List<EventData> redactEvents(List<EventData> events) {
    return Scrubbing.eachOrSame(events, this::redactEvent);
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  private EventData redactEvent(EventData event) {
    String name = scrubbing.redactor.redact(event.getName());
    Attributes attributes = scrubbing.redactor.redact(event.getAttributes());
    if (name == event.getName() && attributes == event.getAttributes()) {
      return event;
    }
    // A plain event on purpose: an exception event would still hold the Throwable.
    return EventData.create(
        event.getEpochNanos(), name, attributes, event.getTotalAttributeCount());
  }

  private List<LinkData> redactLinks(List<LinkData> links) {
    return Scrubbing.eachOrSame(links, this::redactLink);
  }

  private LinkData redactLink(LinkData link) {
    Attributes attributes = scrubbing.redactor.redact(link.getAttributes());
    return attributes == link.getAttributes()
        ? link
        : LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount());
  }

  // identity is the contract here: redaction returns its argument itself when nothing changed
  @SuppressWarnings("ReferenceEquality")
  private StatusData redactStatus(StatusData status) {
    String description = status.getDescription();
    String redacted = scrubbing.redactor.redact(description);
    return redacted == description ? status : StatusData.create(status.getStatusCode(), redacted);
  }
}
