/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The fallback: keeps ids, timing and structure, replaces every string. Never throws. */
final class FailedSpanData {

  static SpanData of(SpanData span) {
    Attributes attributes = safeAttributes(span);
    List<EventData> events = new ArrayList<>();
    try {
      for (EventData event : span.getEvents()) {
        events.add(
            EventData.create(
                event.getEpochNanos(),
                Markers.ERROR,
                replaceStrings(event.getAttributes()),
                event.getTotalAttributeCount()));
      }
    } catch (RuntimeException e) {
      events.clear();
    }
    List<LinkData> links = new ArrayList<>();
    try {
      for (LinkData link : span.getLinks()) {
        links.add(
            LinkData.create(
                link.getSpanContext(),
                replaceStrings(link.getAttributes()),
                link.getTotalAttributeCount()));
      }
    } catch (RuntimeException e) {
      links.clear();
    }
    Resource resource;
    try {
      Resource original = span.getResource();
      resource = Resource.create(replaceStrings(original.getAttributes()), original.getSchemaUrl());
    } catch (RuntimeException e) {
      resource = Resource.empty();
    }
    StatusData status;
    try {
      status =
          span.getStatus().getDescription().isEmpty()
              ? span.getStatus()
              : StatusData.create(span.getStatus().getStatusCode(), Markers.ERROR);
    } catch (RuntimeException e) {
      status = StatusData.error();
    }
    return new RedactedSpanData(
        span,
        Markers.ERROR,
        attributes,
        Collections.unmodifiableList(events),
        Collections.unmodifiableList(links),
        resource,
        status);
  }

  private static Attributes safeAttributes(SpanData span) {
    try {
      return replaceStrings(span.getAttributes());
    } catch (RuntimeException e) {
      return Attributes.empty();
    }
  }

  @SuppressWarnings("unchecked")
  static Attributes replaceStrings(Attributes attributes) {
    AttributesBuilder builder = Attributes.builder();
    attributes.forEach(
        (key, value) -> {
          switch (key.getType()) {
            case STRING:
              builder.put((AttributeKey<String>) key, Markers.ERROR);
              break;
            case STRING_ARRAY:
              List<String> markers =
                  new ArrayList<>(Collections.nCopies(((List<?>) value).size(), Markers.ERROR));
              builder.put((AttributeKey<List<String>>) key, markers);
              break;
            default:
              putAsIs(builder, key, value);
          }
        });
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private static void putAsIs(AttributesBuilder builder, AttributeKey<?> key, Object value) {
    builder.put((AttributeKey<Object>) key, value);
  }

  private FailedSpanData() {}
}
