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
import io.ordertrace.extension.context.OrderStampingSpanProcessor;
import io.ordertrace.extension.redaction.Redactor;

/**
 * {@code tracer_provider.processors: [{ordertrace_hold: {batch: {...}}}]}: the export processor
 * ({@code batch} or {@code simple}, written as the SDK's own) behind the span holding of {@link
 * OrderStampingSpanProcessor}, so that spans which ended before their local root knew the order id
 * are stamped with it, and RabbitMQ publish spans wait for the broker's confirm (requirements D2,
 * C2). Holding has to sit between the span and the export processor, which a sibling processor
 * cannot do; the model customizer therefore puts every {@code batch} and {@code simple} processor
 * of the file inside one of these.
 */
@AutoService(ComponentProvider.class)
public final class HoldingSpanProcessorComponentProvider implements ComponentProvider {

  @Override
  public Class<?> getType() {
    return SpanProcessor.class;
  }

  @Override
  public String getName() {
    return OrderTraceDeclarativeConfiguration.HOLD_NAME;
  }

  @Override
  public Object create(DeclarativeConfigProperties node) {
    OrderTraceConfig config = OrderTraceComponents.config(node);
    SpanProcessor export = ExportProcessors.create(node, Redactor.create(config.redaction()));
    return OrderStampingSpanProcessor.wrap(export, config.orderData().holdLimits());
  }
}
