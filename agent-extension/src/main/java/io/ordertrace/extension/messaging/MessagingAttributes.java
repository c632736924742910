/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.messaging;

import io.opentelemetry.api.common.AttributeKey;
import javax.annotation.Nullable;

/**
 * The RabbitMQ attributes on consumer process spans (requirement C2). {@code
 * messaging.destination.name} is the queue, as the messaging conventions define it for a consumer;
 * the exchange the message was published to stays in {@code messaging.rabbitmq.exchange} and the
 * routing key in {@code messaging.rabbitmq.destination.routing_key}.
 */
public final class MessagingAttributes {

  public static final AttributeKey<String> DESTINATION_NAME =
      AttributeKey.stringKey("messaging.destination.name");
  public static final AttributeKey<String> EXCHANGE =
      AttributeKey.stringKey("messaging.rabbitmq.exchange");
  public static final AttributeKey<String> ROUTING_KEY =
      AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");

  /** True when the broker delivered the message before (requeued after a nack or a crash). */
  public static final AttributeKey<Boolean> REDELIVERED =
      AttributeKey.booleanKey("messaging.rabbitmq.redelivered");

  /** How the consumer settled the delivery: {@code ack}, {@code nack} or {@code reject}. */
  public static final AttributeKey<String> SETTLEMENT =
      AttributeKey.stringKey("messaging.rabbitmq.settlement");

  /**
   * The requeue flag of a {@code nack} or {@code reject}: {@code true} when the consumer asked the
   * broker to deliver the message again, {@code false} when it is dropped or dead-lettered.
   */
  public static final AttributeKey<Boolean> REQUEUE =
      AttributeKey.booleanKey("messaging.rabbitmq.requeue");

  /** On a publish span: {@code acked}, {@code nacked} or {@code timeout}. */
  public static final AttributeKey<String> CONFIRM =
      AttributeKey.stringKey("messaging.rabbitmq.confirm");

  /** A consumer acknowledged the message without reaching any downstream step. */
  public static final AttributeKey<Boolean> DROPPED =
      AttributeKey.booleanKey("order.message.dropped");

  /**
   * The settlement a RabbitMQ channel command span stands for, or {@code null}. The agent starts
   * the span as {@code Channel.basicAck} and renames it {@code basic.ack} once the AMQP command is
   * written; both are known.
   */
  @Nullable
  public static String settlementOf(String spanName) {
    switch (spanName) {
      case "basic.ack":
      case "Channel.basicAck":
        return "ack";
      case "basic.nack":
      case "Channel.basicNack":
        return "nack";
      case "basic.reject":
      case "Channel.basicReject":
        return "reject";
      default:
        return null;
    }
  }

  private MessagingAttributes() {}
}
