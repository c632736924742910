/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Consumes with the plain RabbitMQ client and manual ack, then calls an internal service. The order
 * named by the fourth argument is refused: nacked with requeue on its first delivery, rejected
 * without requeue on the redelivery.
 */
public final class RabbitConsumerApp {

  public static void main(String[] args) throws Exception {
    String exchange = args[0];
    String queue = args[1];
    String pingUrl = args[2];
    String refusedOrder = args[3];
    HttpClient http = HttpClient.newHttpClient();
    Connection connection = RabbitSettings.connectionFactory().newConnection("it-consumer");
    Channel channel = connection.createChannel();
    channel.exchangeDeclare(exchange, "topic", false, true, null);
    channel.queueDeclare(queue, false, false, true, null);
    channel.queueBind(queue, exchange, "order.approved");
    channel.basicConsume(
        queue,
        false,
        new DefaultConsumer(channel) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
              throws IOException {
            Object orderId =
                properties.getHeaders() == null ? null : properties.getHeaders().get("order_id");
            if (orderId != null && refusedOrder.equals(orderId.toString())) {
              if (envelope.isRedeliver()) {
                getChannel().basicReject(envelope.getDeliveryTag(), false);
              } else {
                getChannel().basicNack(envelope.getDeliveryTag(), false, true);
              }
              return;
            }
            try {
              http.send(
                  HttpRequest.newBuilder(URI.create(pingUrl)).build(),
                  HttpResponse.BodyHandlers.discarding());
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            getChannel().basicAck(envelope.getDeliveryTag(), false);
          }
        });
    System.out.println("consumer ready on " + queue);
  }

  private RabbitConsumerApp() {}
}
