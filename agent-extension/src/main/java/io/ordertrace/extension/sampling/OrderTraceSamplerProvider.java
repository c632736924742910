/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.sampling;

import com.google.auto.service.AutoService;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.ordertrace.extension.config.ConfigErrors;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;

/**
 * {@code otel.traces.sampler=ordertrace}: parent-based around {@link OrderTraceRootSampler}. The
 * sampler is built from the {@link ConfigProperties} it is given (mistakes are reported by the SDK
 * customization, which parses the same properties); the customization then swaps it for one built
 * from the SDK's single {@link OrderTraceConfig}.
 */
@AutoService(ConfigurableSamplerProvider.class)
public final class OrderTraceSamplerProvider implements ConfigurableSamplerProvider {

  public static final String NAME = "ordertrace";

  @Override
  public Sampler createSampler(ConfigProperties config) {
    return create(OrderTraceConfig.parse(PropertySource.of(config), ConfigErrors.SILENT));
  }

  /** The sampler for a given configuration. */
  public static Sampler create(OrderTraceConfig config) {
    return new OrderTraceSampler(config);
  }

  /** True for a sampler this provider made (and the SDK customization may rebuild). */
  public static boolean isOrderTraceSampler(Sampler sampler) {
    return sampler instanceof OrderTraceSampler;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
