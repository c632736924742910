/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

/** Consumes with a Spring AMQP listener container, then calls an internal service. */
public final class SpringAmqpConsumerApp {

  public static void main(String[] args) throws Exception {
    String exchangeName = args[0];
    String queueName = args[1];
    String pingUrl = args[2];
    HttpClient http = HttpClient.newHttpClient();
    CachingConnectionFactory connectionFactory =
        new CachingConnectionFactory(RabbitSettings.connectionFactory());
    RabbitAdmin admin = new RabbitAdmin(connectionFactory);
    TopicExchange exchange = new TopicExchange(exchangeName, false, true);
    Queue queue = new Queue(queueName, false, false, true);
    admin.declareExchange(exchange);
    admin.declareQueue(queue);
    Binding binding = BindingBuilder.bind(queue).to(exchange).with("order.approved");
    admin.declareBinding(binding);

    SimpleMessageListenerContainer container =
        new SimpleMessageListenerContainer(connectionFactory);
    container.setQueueNames(queueName);
    container.setAcknowledgeMode(AcknowledgeMode.AUTO);
    container.setMessageListener(
        message -> {
          try {
            http.send(
                HttpRequest.newBuilder(URI.create(pingUrl)).build(),
                HttpResponse.BodyHandlers.discarding());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    container.start();
    System.out.println("spring consumer ready on " + queueName);
  }

  private SpringAmqpConsumerApp() {}
}
