package io.ordertrace.extension;

import com.google.auto.service.AutoService;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.ordertrace.extension.config.AgentConfig;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.context.OrderContextSpanProcessor;
import io.ordertrace.extension.context.OrderStampingSpanProcessor;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.ordertrace.extension.stage.LoggedErrorLogRecordProcessor;
import io.ordertrace.extension.stage.OrderOutcomeSpanProcessor;
import io.ordertrace.extension.redaction.RedactingSpanExporter;
import io.ordertrace.extension.redaction.Redactor;
import java.util.HashMap;
import java.util.Map;

/**
 * Wires the extension into the agent's SDK: defaults for the agent's own properties, the
 * propagator, the span processor that labels spans, and the redacting wrapper around every span
 * exporter.
 */
@AutoService(AutoConfigurationCustomizerProvider.class)
public final class OrderTraceAutoConfiguration implements AutoConfigurationCustomizerProvider {

  private final OrderTraceConfig config;

  public OrderTraceAutoConfiguration() {
    this(AgentConfig.get());
  }

  OrderTraceAutoConfiguration(OrderTraceConfig config) {
    this.config = config;
  }

  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {
    // one redactor for every exporter: detectors are compiled once
    Redactor redactor = Redactor.create(config.redaction());
    autoConfiguration
        .addPropertiesSupplier(AgentDefaults::defaults)
        .addPropertiesCustomizer(this::requiredProperties)
        .addTracerProviderCustomizer(
            (builder, properties) ->
                builder
                    .addSpanProcessor(new OrderContextSpanProcessor(config))
                    .addSpanProcessor(
                        new OrderOutcomeSpanProcessor(
                            config.stageRules(), config.orderData().routes())))
        // order data (issue 11): ended spans wait for the order id of their local root
        .addSpanProcessorCustomizer(
            (processor, properties) ->
                OrderStampingSpanProcessor.wrap(processor, config.orderData().holdLimits()))
        .addLogRecordProcessorCustomizer(
            (processor, properties) ->
                LogRecordProcessor.composite(new LoggedErrorLogRecordProcessor(), processor))
        .addSpanExporterCustomizer(
            (exporter, properties) -> RedactingSpanExporter.wrap(exporter, redactor));
  }

  private Map<String, String> requiredProperties(ConfigProperties properties) {
    Map<String, String> overrides = new HashMap<>();
    AgentDefaults.propagators(properties, overrides);
    AgentDefaults.capturedResponseHeaders(properties, config, overrides);
    return overrides;
  }

  @Override
  public int order() {
    // after other customizers, so that our exporter wrapper is the outermost one
    return Integer.MAX_VALUE - 1;
  }
}
