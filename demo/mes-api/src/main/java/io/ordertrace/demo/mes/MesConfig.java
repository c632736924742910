/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import io.ordertrace.demo.support.Env;
import io.ordertrace.demo.support.FaultRule;

/**
 * All MES settings, from environment variables (defaults: local dev, see
 * deploy/local/services.env).
 */
record MesConfig(
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    String rabbitHost,
    int rabbitPort,
    String rabbitVhost,
    String rabbitUser,
    String rabbitPassword,
    String exchange,
    String routingKey,
    String queue,
    String deadLetterQueue,
    String calcUrl,
    String filesUrl,
    int calcTimeoutMs,
    int filesTimeoutMs,
    int dbTimeoutMs,
    FaultRule nackOrders,
    FaultRule dropOrders,
    FaultRule dbTimeoutOrders,
    FaultRule silentDropOrders) {

  static MesConfig from(Env env) {
    return new MesConfig(
        env.getInt("MES_API_PORT", 8082),
        env.get("MES_DB_URL", "jdbc:postgresql://127.0.0.1:5432/mes"),
        env.get("MES_DB_USER", "mes"),
        env.get("MES_DB_PASSWORD", "mes-local-dev"),
        env.get("RABBITMQ_HOST", "127.0.0.1"),
        env.getInt("RABBITMQ_PORT", 5672),
        env.get("RABBITMQ_VHOST", "ordertrace"),
        env.get("RABBITMQ_USER", "ordertrace"),
        env.get("RABBITMQ_PASSWORD", "ordertrace-local-dev"),
        env.get("ORDERS_EXCHANGE", "orders"),
        env.get("ORDERS_ROUTING_KEY", "order.approved"),
        env.get("MES_QUEUE", "mes.orders"),
        env.get("MES_DEAD_LETTER_QUEUE", "mes.orders.dead"),
        env.get("CALC_URL", "http://127.0.0.1:8083"),
        env.get("FILES_URL", "http://127.0.0.1:8084"),
        env.getInt("MES_CALC_TIMEOUT_MS", 10_000),
        env.getInt("MES_FILES_TIMEOUT_MS", 10_000),
        env.getInt("MES_DB_TIMEOUT_MS", 500),
        env.fault("MES_NACK_ORDER_IDS"),
        env.fault("MES_DROP_ORDER_IDS"),
        env.fault("MES_DB_TIMEOUT_ORDER_IDS"),
        env.fault("MES_SILENT_DROP_ORDER_IDS"));
  }

  String deadLetterExchange() {
    return exchange + ".dlx";
  }
}
