/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import io.ordertrace.demo.support.Json;
import io.ordertrace.demo.support.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Consumes approved orders from RabbitMQ with manual acknowledgement. Failures are acked or nacked
 * first and then rethrown, so they surface as real exceptions from the delivery handler (the
 * forgiving exception handler logs them and keeps the channel open).
 */
final class OrderConsumer {
  private static final Log LOG = Log.get(OrderConsumer.class);

  private final MesConfig cfg;
  private final ProductionService production;
  private Connection connection;
  private Channel channel;

  OrderConsumer(MesConfig cfg, ProductionService production) {
    this.cfg = cfg;
    this.production = production;
  }

  void start() throws Exception {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost(cfg.rabbitHost());
    f.setPort(cfg.rabbitPort());
    f.setVirtualHost(cfg.rabbitVhost());
    f.setUsername(cfg.rabbitUser());
    f.setPassword(cfg.rabbitPassword());
    f.setAutomaticRecoveryEnabled(true);
    f.setExceptionHandler(new ForgivingExceptionHandler());
    try {
      connection = f.newConnection("mes-api");
    } catch (IOException e) {
      throw new IOException(
          "cannot connect to RabbitMQ at "
              + cfg.rabbitHost()
              + ":"
              + cfg.rabbitPort()
              + " vhost '"
              + cfg.rabbitVhost()
              + "' as '"
              + cfg.rabbitUser()
              + "' (is it up? run deploy/local/infra.sh start): "
              + e.getMessage(),
          e);
    }
    channel = connection.createChannel();
    declareTopology(channel, cfg);
    channel.basicQos(1);
    channel.basicConsume(cfg.queue(), false, "mes-api", new Handler(channel));
    LOG.info(
        "consuming "
            + cfg.queue()
            + " (faults: "
            + cfg.nackOrders()
            + ", "
            + cfg.dropOrders()
            + ", "
            + cfg.dbTimeoutOrders()
            + ", "
            + cfg.silentDropOrders()
            + ")");
  }

  /** Same declaration as the CRM's: durable topic exchange, queue dead-lettering to a DLX. */
  static void declareTopology(Channel ch, MesConfig cfg) throws IOException {
    ch.exchangeDeclare(cfg.exchange(), "topic", true);
    ch.exchangeDeclare(cfg.deadLetterExchange(), "direct", true);
    ch.queueDeclare(cfg.deadLetterQueue(), true, false, false, null);
    ch.queueBind(cfg.deadLetterQueue(), cfg.deadLetterExchange(), cfg.deadLetterQueue());
    ch.queueDeclare(
        cfg.queue(),
        true,
        false,
        false,
        Map.of(
            "x-dead-letter-exchange", cfg.deadLetterExchange(),
            "x-dead-letter-routing-key", cfg.deadLetterQueue()));
    ch.queueBind(cfg.queue(), cfg.exchange(), cfg.routingKey());
  }

  boolean isConnected() {
    return connection != null && connection.isOpen() && channel != null && channel.isOpen();
  }

  void close() {
    try {
      if (connection != null && connection.isOpen()) {
        connection.close(2000);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("closing the RabbitMQ connection: " + e);
    }
  }

  static String header(AMQP.BasicProperties props, String name) {
    Map<String, Object> headers = props.getHeaders();
    Object v = headers == null ? null : headers.get(name);
    return v == null ? null : v.toString();
  }

  private final class Handler extends DefaultConsumer {
    Handler(Channel channel) {
      super(channel);
    }

    @Override
    public void handleDelivery(
        String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
      long deliveryTag = envelope.getDeliveryTag();
      String orderId = header(props, "order_id");
      String userId = header(props, "user_id");
      Map<String, Object> message;
      try {
        message = Json.parseObject(new String(body, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        getChannel().basicNack(deliveryTag, false, false);
        throw new MalformedOrderMessageException(
            "order " + orderId + ": message body is not JSON, dead-lettered", e);
      }
      if (orderId == null) {
        orderId = Json.str(message, "orderId");
      }
      if (orderId == null) {
        getChannel().basicNack(deliveryTag, false, false);
        throw new MalformedOrderMessageException(
            "message without order_id header, dead-lettered", null);
      }
      LOG.info(
          "order "
              + orderId
              + ": received from "
              + envelope.getExchange()
              + "/"
              + envelope.getRoutingKey()
              + (envelope.isRedeliver() ? " (redelivered)" : ""));

      if (cfg.dropOrders().matches(orderId)) {
        getChannel().basicAck(deliveryTag, false);
        throw new OrderMessageDroppedException(
            "order "
                + orderId
                + ": message acknowledged and dropped without"
                + " processing (fault injection "
                + cfg.dropOrders()
                + ")");
      }
      if (cfg.silentDropOrders().matches(orderId)) {
        // the worst kind of lost order: acknowledged, nothing done, nothing said
        getChannel().basicAck(deliveryTag, false);
        return;
      }
      if (cfg.nackOrders().matches(orderId)) {
        boolean requeue = !envelope.isRedeliver();
        getChannel().basicNack(deliveryTag, false, requeue);
        throw new OrderRejectedException(
            "order "
                + orderId
                + ": rejected by MES (fault injection "
                + cfg.nackOrders()
                + "), "
                + (requeue ? "requeued once" : "dead-lettered to " + cfg.deadLetterQueue()));
      }
      try {
        production.startProduction(orderId, userId, message, envelope.isRedeliver());
      } catch (Exception e) {
        LOG.error("order " + orderId + ": production failed, dead-lettering the message", e);
        production.markFailed(orderId, userId, e);
        getChannel().basicNack(deliveryTag, false, false);
        throw new ProductionFailedException(
            "order " + orderId + ": production failed: " + e.getMessage(), e);
      }
      getChannel().basicAck(deliveryTag, false);
    }
  }

  /** The message could not be read. */
  static final class MalformedOrderMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedOrderMessageException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Fault injection: the message was acknowledged but not processed (a lost order). */
  static final class OrderMessageDroppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OrderMessageDroppedException(String message) {
      super(message);
    }
  }

  /** Fault injection: the MES refused the message (nack). */
  static final class OrderRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OrderRejectedException(String message) {
      super(message);
    }
  }

  /** Processing failed; the message was dead-lettered and the order marked failed. */
  static final class ProductionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProductionFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
