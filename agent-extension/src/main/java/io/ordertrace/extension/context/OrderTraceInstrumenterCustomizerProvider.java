package io.ordertrace.extension.context;

import com.google.auto.service.AutoService;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizer;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizer.InstrumentationType;
import io.opentelemetry.instrumentation.api.incubator.instrumenter.InstrumenterCustomizerProvider;
import io.ordertrace.extension.config.AgentConfig;
import io.ordertrace.extension.config.OrderTraceConfig;
import io.ordertrace.extension.messaging.ConfirmExtractor;
import io.ordertrace.extension.messaging.DeliveryAttributesExtractor;
import io.ordertrace.extension.stage.HandlerErrorExtractor;
import io.ordertrace.extension.stage.ServerErrorContextCustomizer;
import io.ordertrace.extension.stage.ServerErrorExtractor;

/**
 * Hooks every instrumentation the agent builds by its type, so that the same rules apply to
 * Tomcat, Jetty, the JDK HTTP server, Netty, RabbitMQ and Spring AMQP alike.
 */
@AutoService(InstrumenterCustomizerProvider.class)
public final class OrderTraceInstrumenterCustomizerProvider implements InstrumenterCustomizerProvider {

  private final OrderTraceConfig config;
  private final BusinessContextResolver resolver;

  public OrderTraceInstrumenterCustomizerProvider() {
    this(AgentConfig.get());
  }

  OrderTraceInstrumenterCustomizerProvider(OrderTraceConfig config) {
    this.config = config;
    this.resolver = new BusinessContextResolver(config);
  }

  @Override
  public void customize(InstrumenterCustomizer customizer) {
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
