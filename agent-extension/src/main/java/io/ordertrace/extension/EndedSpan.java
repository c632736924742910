/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import javax.annotation.Nullable;

/**
 * An ended span, as the next processor sees it: a snapshot taken when it ended, possibly rewritten
 * since (order stamping, publish-confirm outcome). The export pipeline calls {@link #toSpanData()},
 * which returns the snapshot without copying again.
 */
public final class EndedSpan implements ReadableSpan {

  private final SpanData data;

  public EndedSpan(SpanData data) {
    this.data = data;
  }

  @Override
  public SpanContext getSpanContext() {
    return data.getSpanContext();
  }

  @Override
  public SpanContext getParentSpanContext() {
    return data.getParentSpanContext();
  }

  @Override
  public String getName() {
    return data.getName();
  }

  @Override
  public SpanData toSpanData() {
    return data;
  }

  // still abstract in ReadableSpan; the type is named in full because at release 8 javac warns
  // about an import of a deprecated type, which no @SuppressWarnings can reach
  @Override
  @Deprecated
  public io.opentelemetry.sdk.common.InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return data.getInstrumentationLibraryInfo();
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return data.getInstrumentationScopeInfo();
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public long getLatencyNanos() {
    return data.getEndEpochNanos() - data.getStartEpochNanos();
  }

  @Override
  public SpanKind getKind() {
    return data.getKind();
  }

  @Override
  @Nullable
  public <T> T getAttribute(AttributeKey<T> key) {
    return data.getAttributes().get(key);
  }

  @Override
  public Attributes getAttributes() {
    return data.getAttributes();
  }
}
