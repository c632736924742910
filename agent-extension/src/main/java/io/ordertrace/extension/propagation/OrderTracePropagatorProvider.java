/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.propagation;

import com.google.auto.service.AutoService;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurablePropagatorProvider;
import io.ordertrace.extension.config.ConfigErrors;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.config.PropertySource;
import java.util.Map;

/**
 * Makes {@code ordertrace} a value of {@code otel.propagators}. The propagator is built from the
 * {@link ConfigProperties} it is given; the SDK customization then swaps it for one built from the
 * SDK's single {@link OrderTraceConfig}, which it also reports mistakes of.
 */
@AutoService(ConfigurablePropagatorProvider.class)
public final class OrderTracePropagatorProvider implements ConfigurablePropagatorProvider {

  public static final String NAME = "ordertrace";
  private static final String UNKNOWN_SERVICE = "unknown_service:java";

  @Override
  public TextMapPropagator getPropagator(ConfigProperties config) {
    return new OrderTracePropagator(
        OrderTraceConfig.parse(PropertySource.of(config), ConfigErrors.SILENT),
        serviceName(config));
  }

  /** The service name the SDK will use: otel.service.name wins over otel.resource.attributes. */
  public static String serviceName(ConfigProperties config) {
    String name = config.getString("otel.service.name");
    if (name == null || name.trim().isEmpty()) {
      Map<String, String> resource = config.getMap("otel.resource.attributes");
      name = resource.get("service.name");
    }
    return name == null || name.trim().isEmpty() ? UNKNOWN_SERVICE : name.trim();
  }

  @Override
  public String getName() {
    return NAME;
  }
}
