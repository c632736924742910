/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.ordertrace.extension.propagation.OrderTracePropagator;

/** {@code propagator.composite: [..., {ordertrace: {}}]} in a configuration file. */
@AutoService(ComponentProvider.class)
public final class PropagatorComponentProvider implements ComponentProvider {

  @Override
  public Class<?> getType() {
    return TextMapPropagator.class;
  }

  @Override
  public String getName() {
    return OrderTraceDeclarativeConfiguration.NAME;
  }

  @Override
  public Object create(DeclarativeConfigProperties node) {
    String serviceName =
        node.getString(OrderTraceDeclarativeConfiguration.SERVICE_NAME_KEY, "unknown_service:java");
    return new OrderTracePropagator(OrderTraceComponents.config(node), serviceName);
  }
}
