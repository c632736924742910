package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

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

  private static final Logger logger = Logger.getLogger(RedactingSpanExporter.class.getName());

  private final SpanExporter delegate;
  private final Redactor redactor;
  // Resources are shared by all spans of an SDK: remember the last one by identity.
  private final AtomicReference<Resource[]> lastResource = new AtomicReference<>();
  private final AtomicBoolean failureReported = new AtomicBoolean();

  private RedactingSpanExporter(SpanExporter delegate, Redactor redactor) {
    this.delegate = delegate;
    this.redactor = redactor;
  }

  public static RedactingSpanExporter wrap(SpanExporter delegate, Redactor redactor) {
    return new RedactingSpanExporter(delegate, redactor);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> redacted = null;
    int index = 0;
    for (SpanData span : spans) {
      SpanData result = redactSafely(span);
      if (result != span && redacted == null) {
        redacted = new ArrayList<>(spans.size());
        Iterator<SpanData> earlier = spans.iterator();
        for (int i = 0; i < index; i++) {
          redacted.add(earlier.next());
        }
      }
      if (redacted != null) {
        redacted.add(result);
      }
      index++;
    }
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
      if (failureReported.compareAndSet(false, true)) {
        logger.log(
            Level.WARNING,
            "Redacting a span failed with {0}; such spans are exported with every string "
                + "replaced by {1}. Further failures are not logged.",
            new Object[] {e.getClass().getName(), Markers.ERROR});
      }
      return FailedSpanData.of(span);
    }
  }

  SpanData redact(SpanData span) {
    String name = redactor.redact(span.getName());
    Attributes attributes = redactor.redact(span.getAttributes());
    List<EventData> events = redactEvents(span.getEvents());
    List<LinkData> links = redactLinks(span.getLinks());
    Resource resource = redactResource(span.getResource());
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
    List<EventData> result = null;
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      String name = redactor.redact(event.getName());
      Attributes attributes = redactor.redact(event.getAttributes());
      if (name != event.getName() || attributes != event.getAttributes()) {
        if (result == null) {
          result = new ArrayList<>(events);
        }
        // A plain event on purpose: an exception event would still hold the Throwable.
        result.set(
            i,
            EventData.create(
                event.getEpochNanos(), name, attributes, event.getTotalAttributeCount()));
      }
    }
    return result == null ? events : Collections.unmodifiableList(result);
  }

  private List<LinkData> redactLinks(List<LinkData> links) {
    List<LinkData> result = null;
    for (int i = 0; i < links.size(); i++) {
      LinkData link = links.get(i);
      Attributes attributes = redactor.redact(link.getAttributes());
      if (attributes != link.getAttributes()) {
        if (result == null) {
          result = new ArrayList<>(links);
        }
        result.set(
            i,
            LinkData.create(link.getSpanContext(), attributes, link.getTotalAttributeCount()));
      }
    }
    return result == null ? links : Collections.unmodifiableList(result);
  }

  private Resource redactResource(Resource resource) {
    Resource[] last = lastResource.get();
    if (last != null && last[0] == resource) {
      return last[1];
    }
    Attributes attributes = redactor.redact(resource.getAttributes());
    Resource redacted =
        attributes == resource.getAttributes()
            ? resource
            : Resource.create(attributes, resource.getSchemaUrl());
    lastResource.set(new Resource[] {resource, redacted});
    return redacted;
  }

  private StatusData redactStatus(StatusData status) {
    String description = status.getDescription();
    String redacted = redactor.redact(description);
    return redacted == description ? status : StatusData.create(status.getStatusCode(), redacted);
  }
}
