/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.context.OrderContextSpanProcessor;
import io.ordertrace.extension.propagation.EdgeLinkSpanProcessor;
import io.ordertrace.extension.stage.OrderOutcomeSpanProcessor;

/**
 * {@code tracer_provider.processors: [{ordertrace: {}}, ...]}: span labels, edge links, and the
 * outcome of each step ({@code order.stage} / {@code order.stage.failed}, routes, the RabbitMQ
 * settlement and silent drops), as on the {@code otel.*} path.
 */
@AutoService(ComponentProvider.class)
public final class SpanProcessorComponentProvider implements ComponentProvider {

  @Override
  public Class<?> getType() {
    return SpanProcessor.class;
  }

  @Override
  public String getName() {
    return OrderTraceDeclarativeConfiguration.NAME;
  }

  @Override
  public Object create(DeclarativeConfigProperties node) {
    OrderTraceConfig config = OrderTraceComponents.config(node);
    return SpanProcessor.composite(
        new OrderContextSpanProcessor(config),
        new EdgeLinkSpanProcessor(),
        new OrderOutcomeSpanProcessor(config.stageRules(), config.orderData().routes()));
  }
}
