/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;

/** A span with redacted copies of the parts that can carry PII; ids and timing are delegated. */
final class RedactedSpanData extends DelegatingSpanData {

  private final String name;
  private final Attributes attributes;
  private final List<EventData> events;
  private final List<LinkData> links;
  private final Resource resource;
  private final StatusData status;

  RedactedSpanData(
      SpanData delegate,
      String name,
      Attributes attributes,
      List<EventData> events,
      List<LinkData> links,
      Resource resource,
      StatusData status) {
    super(delegate);
    this.name = name;
    this.attributes = attributes;
    this.events = events;
    this.links = links;
    this.resource = resource;
    this.status = status;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return links;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }
}
