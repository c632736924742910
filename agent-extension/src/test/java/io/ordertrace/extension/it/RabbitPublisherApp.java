/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Publishes order messages with the plain RabbitMQ client: {@code POST /crm/orders/{id}/publish}
 * publishes inside a traced request (the id travels as baggage and as the {@code order_id} message
 * header); {@code POST /background/{id}} publishes from a thread with no trace context at all, so
 * the consumer can only learn the order from the message header.
 */
public final class RabbitPublisherApp {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String exchange = args[1];
    Connection connection = RabbitSettings.connectionFactory().newConnection("it-publisher");
    Channel channel = connection.createChannel();
    channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, false, true, null);
    channel.confirmSelect();
    Object lock = new Object();

    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/ping", exchangeHttp -> EdgeApp.respond(exchangeHttp, 200, "pong"));
    server.createContext(
        "/crm/orders/",
        http -> {
          String orderId = http.getRequestURI().getPath().split("/", -1)[3];
          publish(channel, lock, exchange, orderId);
          EdgeApp.respond(http, 202, "published");
        });
    server.createContext(
        "/background/",
        http -> {
          String orderId = http.getRequestURI().getPath().split("/", -1)[2];
          Thread thread = new Thread(() -> publish(channel, lock, exchange, orderId));
          thread.start();
          try {
            thread.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          EdgeApp.respond(http, 202, "published");
        });
    server.start();
    System.out.println("publisher listening on " + port);
  }

  private static void publish(Channel channel, Object lock, String exchange, String orderId) {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .headers(Collections.singletonMap("order_id", orderId))
            .contentType("application/json")
            .build();
    byte[] body = ("{\"orderId\":\"" + orderId + "\"}").getBytes(StandardCharsets.UTF_8);
    synchronized (lock) {
      try {
        channel.basicPublish(exchange, "order.approved", properties, body);
        channel.waitForConfirmsOrDie(10_000);
      } catch (Exception e) {
        throw new IllegalStateException("publish failed", e);
      }
    }
  }

  private RabbitPublisherApp() {}
}
