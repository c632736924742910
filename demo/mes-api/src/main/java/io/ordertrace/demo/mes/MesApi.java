/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import static io.ordertrace.demo.support.LiteHttpServer.sendJson;

import io.ordertrace.demo.support.Env;
import io.ordertrace.demo.support.LiteHttpServer;
import io.ordertrace.demo.support.LiteHttpServer.HttpError;
import io.ordertrace.demo.support.Log;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MES ("bought", deliberately legacy): JDK HTTP server, plain amqp-client consumer, plain JDBC.
 * It must work unchanged with or without the tracing agent.
 */
public final class MesApi {
  private static final Log LOG = Log.get(MesApi.class);

  public static void main(String[] args) throws Exception {
    Env env = Env.system();
    MesConfig cfg = MesConfig.from(env);
    Database db = new Database(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword());
    db.migrate();
    ProductionService production = new ProductionService(cfg, db, new ExternalServices(cfg));
    OrderConsumer consumer = new OrderConsumer(cfg, production);
    consumer.start();

    LiteHttpServer http =
        new LiteHttpServer("mes-api")
            .route(
                "GET",
                "/health",
                (ex, m) -> {
                  boolean dbUp = db.ping();
                  boolean mqUp = consumer.isConnected();
                  Map<String, Object> body = new LinkedHashMap<>();
                  body.put("status", dbUp && mqUp ? "UP" : "DOWN");
                  body.put("database", dbUp ? "UP" : "DOWN");
                  body.put("rabbitmq", mqUp ? "UP" : "DOWN");
                  sendJson(ex, dbUp && mqUp ? 200 : 503, body);
                })
            .route(
                "GET",
                "/mes/orders/(\\d{1,12})",
                (ex, m) -> {
                  Map<String, Object> order = db.find(m.group(1));
                  if (order == null) {
                    throw new HttpError(404, "MES has no production order " + m.group(1));
                  }
                  sendJson(ex, 200, order);
                })
            .route(
                "POST",
                "/mes/orders/(\\d{1,12})/ship",
                (ex, m) -> sendJson(ex, 200, production.ship(m.group(1))))
            .start(env.get("BIND_HOST", "127.0.0.1"), cfg.port(), 8);

    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down");
                  consumer.close();
                  http.stop();
                },
                "mes-shutdown"));
  }
}
