/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension;

import com.google.auto.service.AutoService;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.ordertrace.extension.config.LoggingConfigErrors;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.context.OrderContextLogRecordProcessor;
import io.ordertrace.extension.context.OrderContextSpanProcessor;
import io.ordertrace.extension.context.OrderStampingSpanProcessor;
import io.ordertrace.extension.propagation.EdgeLinkSpanProcessor;
import io.ordertrace.extension.propagation.OrderTracePropagator;
import io.ordertrace.extension.propagation.OrderTracePropagatorProvider;
import io.ordertrace.extension.redaction.RedactingLogRecordExporter;
import io.ordertrace.extension.redaction.RedactingMetricExporter;
import io.ordertrace.extension.redaction.RedactingSpanExporter;
import io.ordertrace.extension.redaction.Redactor;
import io.ordertrace.extension.sampling.OrderTraceSamplerProvider;
import io.ordertrace.extension.stage.LoggedErrorLogRecordProcessor;
import io.ordertrace.extension.stage.OrderOutcomeSpanProcessor;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wires the extension into the agent's SDK (the {@code otel.*} properties path): the one {@link
 * OrderTraceConfig} of the SDK is parsed here, from the SDK's {@link ConfigProperties} (system
 * properties, environment, the agent configuration file), and handed to the sampler, the
 * propagator, the span and log processors, and the redacting wrapper around the exporter of every
 * signal. A metric reader that has no exporter to wrap (a pull reader such as Prometheus) is
 * refused with one line in the log.
 */
@AutoService(AutoConfigurationCustomizerProvider.class)
public final class OrderTraceAutoConfiguration implements AutoConfigurationCustomizerProvider {

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {
    // one per SDK being configured: nothing here outlives it
    SdkParts parts = new SdkParts();
    autoConfiguration
        .addPropertiesSupplier(AgentDefaults::defaults)
        .addPropertiesCustomizer(
            properties -> requiredProperties(properties, parts.init(properties)))
        .addSamplerCustomizer(
            (sampler, properties) ->
                OrderTraceSamplerProvider.isOrderTraceSampler(sampler)
                    ? OrderTraceSamplerProvider.create(parts.config(properties))
                    : sampler)
        .addPropagatorCustomizer(
            (propagator, properties) -> propagator(propagator, properties, parts))
        .addTracerProviderCustomizer(
            (builder, properties) ->
                builder
                    .addSpanProcessor(new OrderContextSpanProcessor(parts.config(properties)))
                    .addSpanProcessor(new EdgeLinkSpanProcessor())
                    .addSpanProcessor(
                        new OrderOutcomeSpanProcessor(
                            parts.config(properties).stageRules(),
                            parts.config(properties).orderData().routes())))
        // order data (issue 11): ended spans wait for the order id of their local root
        .addSpanProcessorCustomizer(
            (processor, properties) ->
                OrderStampingSpanProcessor.wrap(
                    processor, parts.config(properties).orderData().holdLimits()))
        .addSpanExporterCustomizer(
            (exporter, properties) ->
                RedactingSpanExporter.wrap(exporter, parts.redactor(properties)))
        .addLogRecordProcessorCustomizer(
            (processor, properties) ->
                LogRecordProcessor.composite(
                    new OrderContextLogRecordProcessor(parts.config(properties)),
                    new LoggedErrorLogRecordProcessor(),
                    processor))
        .addLogRecordExporterCustomizer(
            (exporter, properties) ->
                RedactingLogRecordExporter.wrap(exporter, parts.redactor(properties)))
        .addMetricExporterCustomizer(
            (exporter, properties) ->
                RedactingMetricExporter.wrap(exporter, parts.redactor(properties)))
        .addMetricReaderCustomizer(OrderTraceAutoConfiguration::onlyRedactedReaders);
  }

  private static TextMapPropagator propagator(
      TextMapPropagator propagator, ConfigProperties properties, SdkParts parts) {
    if (!(propagator instanceof OrderTracePropagator)) {
      return propagator;
    }
    return new OrderTracePropagator(
        parts.config(properties), OrderTracePropagatorProvider.serviceName(properties));
  }

  /**
   * Every periodic reader exports through an exporter the SDK passed to the customizer above, so it
   * is redacted. A pull reader (Prometheus) hands metrics out without an exporter: refused.
   */
  static MetricReader onlyRedactedReaders(MetricReader reader, ConfigProperties properties) {
    if (reader instanceof PeriodicMetricReader) {
      return reader;
    }
    logger.log(
        Level.WARNING,
        "ordertrace: metric reader {0} exposes metrics without an exporter that can be redacted;"
            + " it is switched off. Use otel.metrics.exporter=otlp (the collector can serve"
            + " Prometheus).",
        reader);
    try {
      reader.shutdown();
    } catch (RuntimeException e) {
      // it never started serving; nothing else to do
    }
    return new DisabledMetricReader();
  }

  private static Map<String, String> requiredProperties(
      ConfigProperties properties, OrderTraceConfig config) {
    Map<String, String> overrides = new HashMap<>();
    AgentDefaults.propagators(properties, overrides);
    AgentDefaults.capturedResponseHeaders(properties, config, overrides);
    AgentDefaults.capturedBodySizeHeaders(properties, overrides);
    return overrides;
  }

  @Override
  public int order() {
    // after other customizers, so that our exporter wrapper is the outermost one
    return Integer.MAX_VALUE - 1;
  }

  /** The configuration and the redactor of one SDK, built once from its properties. */
  static final class SdkParts {
    private final Object lock = new Object();
    private OrderTraceConfig config;
    private Redactor redactor;

    OrderTraceConfig init(ConfigProperties properties) {
      synchronized (lock) {
        if (config == null) {
          config = OrderTraceConfig.fromConfigProperties(properties, new LoggingConfigErrors());
          redactor = Redactor.create(config.redaction());
        }
        return config;
      }
    }

    OrderTraceConfig config(ConfigProperties properties) {
      return init(properties);
    }

    Redactor redactor(ConfigProperties properties) {
      synchronized (lock) {
        init(properties);
        return redactor;
      }
    }
  }
}
