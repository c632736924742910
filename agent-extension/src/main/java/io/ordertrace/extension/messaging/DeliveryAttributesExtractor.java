/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.ordertrace.extension.HookFailures;
import javax.annotation.Nullable;

/**
 * On a RabbitMQ consumer process span: the queue as {@code messaging.destination.name}, the
 * exchange kept as {@code messaging.rabbitmq.exchange}, and {@code messaging.rabbitmq.redelivered}
 * (requirement C2). Reads the delivery the instrumentation hands over: the RabbitMQ client's {@code
 * DeliveryRequest} (queue, {@code Envelope}) or Spring AMQP's {@code Message} (its {@code
 * MessageProperties}). Anything else is left as it is.
 */
public final class DeliveryAttributesExtractor implements AttributesExtractor<Object, Object> {

  private final Reflection reflection = new Reflection();
  private final HookFailures failures = new HookFailures("delivery attributes");

  @Override
  public void onStart(AttributesBuilder attributes, Context parentContext, Object request) {
    try {
      String queue;
      String exchange;
      String routingKey;
      Object redelivered;
      Object envelope = reflection.call(request, "getEnvelope");
      if (envelope != null) {
        queue = asString(reflection.call(request, "getQueue"));
        exchange = asString(reflection.call(envelope, "getExchange"));
        routingKey = asString(reflection.call(envelope, "getRoutingKey"));
        redelivered = reflection.call(envelope, "isRedeliver");
      } else {
        Object properties = reflection.call(request, "getMessageProperties");
        if (properties == null) {
          return;
        }
        queue = asString(reflection.call(properties, "getConsumerQueue"));
        exchange = asString(reflection.call(properties, "getReceivedExchange"));
        routingKey = asString(reflection.call(properties, "getReceivedRoutingKey"));
        redelivered = reflection.call(properties, "getRedelivered");
      }
      if (exchange == null && attributes instanceof Attributes) {
        exchange = ((Attributes) attributes).get(MessagingAttributes.DESTINATION_NAME);
      }
      if (exchange != null) {
        attributes.put(MessagingAttributes.EXCHANGE, exchange);
      }
      if (routingKey != null
          && !routingKey.isEmpty()
          && (!(attributes instanceof Attributes)
              || ((Attributes) attributes).get(MessagingAttributes.ROUTING_KEY) == null)) {
        attributes.put(MessagingAttributes.ROUTING_KEY, routingKey);
      }
      if (queue != null && !queue.isEmpty()) {
        attributes.put(MessagingAttributes.DESTINATION_NAME, queue);
      }
      if (redelivered instanceof Boolean) {
        attributes.put(MessagingAttributes.REDELIVERED, (Boolean) redelivered);
      }
    } catch (Throwable failure) {
      failures.report(failure);
    }
  }

  @Nullable
  private static String asString(@Nullable Object value) {
    return value instanceof String ? (String) value : null;
  }

  @Override
  public void onEnd(
      AttributesBuilder attributes,
      Context context,
      Object request,
      @Nullable Object response,
      @Nullable Throwable error) {}
}
