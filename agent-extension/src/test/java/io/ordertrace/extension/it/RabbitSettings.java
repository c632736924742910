/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.extension.it;

import com.rabbitmq.client.ConnectionFactory;

/**
 * The local RabbitMQ that {@code deploy/local/infra.sh start} runs (settings from {@code
 * deploy/local/services.env}; environment variables of the same names override).
 */
final class RabbitSettings {

  static ConnectionFactory connectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(env("RABBITMQ_HOST", "127.0.0.1"));
    factory.setPort(Integer.parseInt(env("RABBITMQ_PORT", "5672")));
    factory.setVirtualHost(env("RABBITMQ_VHOST", "ordertrace"));
    factory.setUsername(env("RABBITMQ_USER", "ordertrace"));
    factory.setPassword(env("RABBITMQ_PASSWORD", "ordertrace-local-dev"));
    return factory;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  private RabbitSettings() {}
}
