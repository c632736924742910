/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.ordertrace.extension.context.OrderContextLogRecordProcessor;
import io.ordertrace.extension.stage.LoggedErrorLogRecordProcessor;

/**
 * {@code logger_provider.processors: [{ordertrace: {}}, ...]}: order.id on log records, and an
 * error a server logged while handling a request as the cause of its 500 (D6).
 */
@AutoService(ComponentProvider.class)
public final class LogRecordProcessorComponentProvider implements ComponentProvider {

  @Override
  public Class<?> getType() {
    return LogRecordProcessor.class;
  }

  @Override
  public String getName() {
    return OrderTraceDeclarativeConfiguration.NAME;
  }

  @Override
  public Object create(DeclarativeConfigProperties node) {
    return LogRecordProcessor.composite(
        new OrderContextLogRecordProcessor(OrderTraceComponents.config(node)),
        new LoggedErrorLogRecordProcessor());
  }
}
