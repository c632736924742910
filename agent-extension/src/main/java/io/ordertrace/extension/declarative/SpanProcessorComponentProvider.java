package io.ordertrace.extension.declarative;

import com.google.auto.service.AutoService;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.ordertrace.extension.context.OrderContextSpanProcessor;
import io.ordertrace.extension.propagation.EdgeLinkSpanProcessor;

/** {@code tracer_provider.processors: [{ordertrace: {}}, ...]}: span labels and edge links. */
@AutoService(ComponentProvider.class)
public final class SpanProcessorComponentProvider implements ComponentProvider {

  @Override
  public Class<?> getType() {
    return SpanProcessor.class;
  }

  @Override
  public String getName() {
    return OrderTraceDeclarativeConfiguration.NAME;
  }

  @Override
  public Object create(DeclarativeConfigProperties node) {
    return SpanProcessor.composite(
        new OrderContextSpanProcessor(OrderTraceComponents.config(node)),
        new EdgeLinkSpanProcessor());
  }
}
