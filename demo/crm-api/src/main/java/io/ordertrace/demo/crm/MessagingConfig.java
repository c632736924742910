/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RabbitMQ topology, declared identically by the MES: topic exchange {@code orders}, queue {@code
 * mes.orders} bound with {@code order.approved}, dead-lettering to {@code mes.orders.dead}.
 */
@Configuration
public class MessagingConfig {
  @Bean
  Declarables orderTopology(CrmProperties p) {
    TopicExchange orders = new TopicExchange(p.exchange(), true, false);
    DirectExchange dlx = new DirectExchange(p.deadLetterExchange(), true, false);
    Queue dead = QueueBuilder.durable(p.deadLetterQueue()).build();
    Queue mes =
        QueueBuilder.durable(p.queue())
            .deadLetterExchange(p.deadLetterExchange())
            .deadLetterRoutingKey(p.deadLetterQueue())
            .build();
    return new Declarables(
        orders,
        dlx,
        dead,
        mes,
        BindingBuilder.bind(dead).to(dlx).with(p.deadLetterQueue()),
        BindingBuilder.bind(mes).to(orders).with(p.routingKey()));
  }
}
