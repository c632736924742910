/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;

/** A span's data with attributes added after it ended (the order id learnt later). */
final class SpanRewrite extends DelegatingSpanData {

  private final Attributes attributes;
  private final int totalAttributeCount;

  private SpanRewrite(SpanData delegate, Attributes attributes, int added) {
    super(delegate);
    this.attributes = attributes;
    this.totalAttributeCount = delegate.getTotalAttributeCount() + added;
  }

  /** {@code data} with {@code key=value} added; unchanged when the key is already set. */
  static <T> SpanData with(SpanData data, AttributeKey<T> key, T value) {
    if (data.getAttributes().get(key) != null) {
      return data;
    }
    AttributesBuilder builder = data.getAttributes().toBuilder();
    builder.put(key, value);
    return new SpanRewrite(data, builder.build(), 1);
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return totalAttributeCount;
  }
}
