/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.context;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizer;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizer.InstrumentationType;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizerProvider;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.http.BodySizeExtractor;
import io.ordertrace.extension.messaging.ConfirmExtractor;
import io.ordertrace.extension.messaging.DeliveryAttributesExtractor;
import io.ordertrace.extension.propagation.OrderTracePropagator;
import io.ordertrace.extension.stage.HandlerErrorExtractor;
import io.ordertrace.extension.stage.ServerErrorContextCustomizer;
import io.ordertrace.extension.stage.ServerErrorExtractor;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Hooks every instrumentation the agent builds by its type, so that the same rules apply to Tomcat,
 * Jetty, the JDK HTTP server, Netty, RabbitMQ and Spring AMQP alike.
 *
 * <p>The agent creates this provider itself, outside the SDK's configuration, when it builds its
 * instrumenters (after the SDK is installed). It takes the SDK's one {@link OrderTraceConfig} from
 * the installed {@code ordertrace} propagator. Without that propagator there is no configuration:
 * no ids are read, and HTTP clients send no baggage anywhere (fail closed).
 */
@AutoService(InstrumenterCustomizerProvider.class)
public final class OrderTraceInstrumenterCustomizerProvider
    implements InstrumenterCustomizerProvider {

  private static final Logger logger = Logger.getLogger("io.ordertrace.extension");

  private final Supplier<OrderTraceConfig> configSource;
  private final BodySizeExtractor bodySizes = new BodySizeExtractor();
  private final Object lock = new Object();
  @Nullable private OrderTraceConfig config;
  private boolean resolved;

  public OrderTraceInstrumenterCustomizerProvider() {
    this(
        () ->
            OrderTracePropagator.configOf(
                GlobalOpenTelemetry.getPropagators().getTextMapPropagator()));
  }

  OrderTraceInstrumenterCustomizerProvider(OrderTraceConfig config) {
    this(() -> config);
  }

  private OrderTraceInstrumenterCustomizerProvider(Supplier<OrderTraceConfig> configSource) {
    this.configSource = configSource;
  }

  @Nullable
  private OrderTraceConfig config() {
    synchronized (lock) {
      if (!resolved) {
        resolved = true;
        config = configSource.get();
        if (config == null) {
          logger.warning(
              "ordertrace: the ordertrace propagator is not installed (otel.propagators), so"
                  + " order and user ids are not read and HTTP clients send no baggage");
        }
      }
      return config;
    }
  }

  @Override
  public void customize(InstrumenterCustomizer customizer) {
    if (customizer.hasType(InstrumentationType.HTTP_SERVER)
        || customizer.hasType(InstrumentationType.HTTP_CLIENT)) {
      customizer.addAttributesExtractor(bodySizes);
    }
    OrderTraceConfig config = config();
    if (config == null) {
      if (customizer.hasType(InstrumentationType.HTTP_CLIENT)) {
        customizer.addContextCustomizer(EgressContextCustomizer.allExternal());
      }
      return;
    }
    BusinessContextResolver resolver = new BusinessContextResolver(config);
    if (customizer.hasType(InstrumentationType.HTTP_SERVER)) {
      customizer.addContextCustomizer(new OrderContextCustomizer(resolver, Channel.HTTP));
      ResponseOrderIdExtractor fromResponse = ResponseOrderIdExtractor.create(config);
      if (fromResponse != null) {
        customizer.addAttributesExtractor(fromResponse);
      }
      customizer.addContextCustomizer(new ServerErrorContextCustomizer());
      customizer.addAttributesExtractor(new ServerErrorExtractor());
    } else if (customizer.hasType(InstrumentationType.MESSAGING_CONSUMER_PROCESS)) {
      customizer.addContextCustomizer(new OrderContextCustomizer(resolver, Channel.MESSAGE));
      customizer.addAttributesExtractor(new DeliveryAttributesExtractor());
    } else if (customizer.getInstrumentationName().contains("spring-webmvc")) {
      // the controller span: its exception is answered by Spring, never seen by the server span
      customizer.addAttributesExtractor(new HandlerErrorExtractor());
    }
    if (customizer.getInstrumentationName().contains("rabbitmq")
        && !customizer.hasType(InstrumentationType.MESSAGING_CONSUMER_PROCESS)
        && !customizer.hasType(InstrumentationType.MESSAGING_CONSUMER_RECEIVE)) {
      // the channel instrumenter: publishes, settlements and other commands; publishes only count
      customizer.addAttributesExtractor(new ConfirmExtractor());
    }
    if (customizer.hasType(InstrumentationType.HTTP_CLIENT)) {
      customizer.addContextCustomizer(new EgressContextCustomizer(config.internalHosts()));
    }
  }
}
