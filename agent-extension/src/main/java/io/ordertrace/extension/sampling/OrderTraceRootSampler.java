/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.sampling;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PathPatterns;
import io.ordertrace.extension.propagation.OwnedBaggage;
import java.util.List;

/**
 * Decides for root spans (requirement P2): health, readiness and metrics endpoints are never
 * sampled, anything that carries an order id always is, the rest at {@code
 * ordertrace.sampler.ratio}. Runs after the order context customizer, so the order id of the
 * request is already in the Baggage.
 */
final class OrderTraceRootSampler implements Sampler {

  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");

  private final PathPatterns dropPaths;
  private final Sampler ratio;
  private final String description;

  OrderTraceRootSampler(OrderTraceConfig config) {
    this.dropPaths = config.dropPaths();
    this.ratio = Sampler.traceIdRatioBased(config.samplerRatio());
    this.description =
        "OrderTraceSampler{dropPaths=" + dropPaths + ", ratio=" + config.samplerRatio() + '}';
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    if (spanKind == SpanKind.SERVER && dropPaths.matches(attributes.get(URL_PATH))) {
      return SamplingResult.drop();
    }
    if (Baggage.fromContext(parentContext).getEntryValue(OwnedBaggage.ORDER_ID) != null) {
      return SamplingResult.recordAndSample();
    }
    return ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return description;
  }

  @Override
  public String toString() {
    return description;
  }
}
