/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.declarative;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.ordertrace.extension.sampling.OrderTraceSamplerProvider;

/** {@code tracer_provider.sampler: {ordertrace: {}}} in a configuration file. */
@AutoService(ComponentProvider.class)
public final class SamplerComponentProvider implements ComponentProvider {

  @Override
  public Class<?> getType() {
    return Sampler.class;
  }

  @Override
  public String getName() {
    return OrderTraceDeclarativeConfiguration.NAME;
  }

  @Override
  public Object create(DeclarativeConfigProperties node) {
    return OrderTraceSamplerProvider.create(OrderTraceComponents.config(node));
  }
}
