package io.ordertrace.extension.sampling;

import com.google.auto.service.AutoService;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.ordertrace.extension.config.AgentConfig;
import io.ordertrace.extension.config.OrderTraceConfig;

/** {@code otel.traces.sampler=ordertrace}: parent-based around {@link OrderTraceRootSampler}. */
@AutoService(ConfigurableSamplerProvider.class)
public final class OrderTraceSamplerProvider implements ConfigurableSamplerProvider {

  public static final String NAME = "ordertrace";

  @Override
  public Sampler createSampler(ConfigProperties config) {
    return create(AgentConfig.get());
  }

  /** The sampler for a given configuration. */
  public static Sampler create(OrderTraceConfig config) {
    return Sampler.parentBased(new OrderTraceRootSampler(config));
  }

  @Override
  public String getName() {
    return NAME;
  }
}
