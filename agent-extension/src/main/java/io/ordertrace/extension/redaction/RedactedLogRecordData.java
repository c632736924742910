/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.redaction;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;
import javax.annotation.Nullable;

/** A log record with redacted body, attributes and resource; the rest is delegated. */
final class RedactedLogRecordData implements LogRecordData {

  private final LogRecordData delegate;
  @Nullable private final Value<?> body;
  private final Attributes attributes;
  private final Resource resource;

  RedactedLogRecordData(
      LogRecordData delegate, @Nullable Value<?> body, Attributes attributes, Resource resource) {
    this.delegate = delegate;
    this.body = body;
    this.attributes = attributes;
    this.resource = resource;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return delegate.getInstrumentationScopeInfo();
  }

  @Override
  public long getTimestampEpochNanos() {
    return delegate.getTimestampEpochNanos();
  }

  @Override
  public long getObservedTimestampEpochNanos() {
    return delegate.getObservedTimestampEpochNanos();
  }

  @Override
  public SpanContext getSpanContext() {
    return delegate.getSpanContext();
  }

  @Override
  public Severity getSeverity() {
    return delegate.getSeverity();
  }

  @Override
  @Nullable
  public String getSeverityText() {
    return delegate.getSeverityText();
  }

  // the interface still requires it; Body named in full: see
  // EndedSpan#getInstrumentationLibraryInfo
  @Override
  @SuppressWarnings("deprecation")
  public io.opentelemetry.sdk.logs.data.Body getBody() {
    return body == null
        ? io.opentelemetry.sdk.logs.data.Body.empty()
        : io.opentelemetry.sdk.logs.data.Body.string(body.asString());
  }

  @Override
  @Nullable
  public Value<?> getBodyValue() {
    return body;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return delegate.getTotalAttributeCount();
  }

  @Override
  @Nullable
  public String getEventName() {
    return delegate.getEventName();
  }
}
