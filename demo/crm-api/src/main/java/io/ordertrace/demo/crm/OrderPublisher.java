/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Publishes {@code order.approved} and waits for the broker's publisher confirm. */
@Component
public class OrderPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(OrderPublisher.class);

  private final RabbitTemplate rabbit;
  private final ObjectMapper json;
  private final CrmProperties props;

  public OrderPublisher(RabbitTemplate rabbit, ObjectMapper json, CrmProperties props) {
    this.rabbit = rabbit;
    this.json = json;
    this.props = props;
  }

  public void publishApproved(Order order) {
    // No personal data in the message: the MES needs what to make, not who bought it.
    ObjectNode body = json.createObjectNode();
    body.put("orderId", order.orderId());
    body.put("status", Order.APPROVED);
    body.put("userId", order.userId());
    body.set("items", order.items());
    body.put("total", order.total());
    body.put("currency", order.currency());
    body.put("approvedAt", Instant.now().toString());

    MessageProperties mp = new MessageProperties();
    mp.setContentType(MessageProperties.CONTENT_TYPE_JSON);
    mp.setContentEncoding(StandardCharsets.UTF_8.name());
    mp.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
    mp.setMessageId(UUID.randomUUID().toString());
    mp.setAppId("crm-api");
    mp.setType(props.routingKey());
    mp.setHeader("order_id", order.orderId());
    if (order.userId() != null) {
      mp.setHeader("user_id", order.userId());
    }
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }

    CorrelationData correlation = new CorrelationData(order.orderId() + ":" + mp.getMessageId());
    rabbit.send(props.exchange(), props.routingKey(), new Message(bytes, mp), correlation);
    CorrelationData.Confirm confirm;
    try {
      confirm = correlation.getFuture().get(props.confirmTimeoutMs(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Errors.PublishFailedException(
          "interrupted while waiting for the broker confirm", e);
    } catch (Exception e) {
      throw new Errors.PublishFailedException(
          "order "
              + order.orderId()
              + ": no publisher confirm from RabbitMQ within "
              + props.confirmTimeoutMs()
              + " ms",
          e);
    }
    if (!confirm.isAck()) {
      throw new Errors.PublishFailedException(
          "order " + order.orderId() + ": RabbitMQ refused the message: " + confirm.getReason(),
          null);
    }
    if (correlation.getReturned() != null) {
      throw new Errors.PublishFailedException(
          "order "
              + order.orderId()
              + ": message was unroutable ("
              + correlation.getReturned().getReplyText()
              + ")",
          null);
    }
    LOG.info(
        "order {}: published {} to exchange {} (confirmed)",
        order.orderId(),
        props.routingKey(),
        props.exchange());
  }
}
