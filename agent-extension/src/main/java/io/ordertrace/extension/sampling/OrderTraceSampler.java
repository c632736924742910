/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.sampling;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.ordertrace.extension.config.OrderTraceConfig;
import java.util.List;

/** Parent-based: a span follows its parent; root spans go to {@link OrderTraceRootSampler}. */
final class OrderTraceSampler implements Sampler {

  private final Sampler delegate;

  OrderTraceSampler(OrderTraceConfig config) {
    this.delegate = Sampler.parentBased(new OrderTraceRootSampler(config));
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return delegate.getDescription();
  }

  @Override
  public String toString() {
    return getDescription();
  }
}
