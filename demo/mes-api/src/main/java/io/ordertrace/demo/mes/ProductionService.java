/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import io.ordertrace.demo.support.Json;
import io.ordertrace.demo.support.LiteHttpServer.HttpError;
import io.ordertrace.demo.support.Log;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Takes an approved order into production: estimate, 3D model, production steps in the MES DB. */
class ProductionService {
  private static final Log LOG = Log.get(ProductionService.class);

  private final MesConfig cfg;
  private final Database db;
  private final ExternalServices external;

  ProductionService(MesConfig cfg, Database db, ExternalServices external) {
    this.cfg = cfg;
    this.db = db;
    this.external = external;
  }

  /** Processes one approved order; throws on any failure (the caller nacks the message). */
  @SuppressWarnings("unchecked")
  void startProduction(
      String orderId, String userId, Map<String, Object> message, boolean redelivered)
      throws Exception {
    Object itemsValue = message.get("items");
    if (!(itemsValue instanceof List) || ((List<Object>) itemsValue).isEmpty()) {
      throw new IllegalArgumentException("order " + orderId + ": message has no items");
    }
    List<Object> items = (List<Object>) itemsValue;

    long t0 = System.nanoTime();
    Map<String, Object> estimate = external.estimate(orderId, items);
    long calcMs = (System.nanoTime() - t0) / 1_000_000;
    BigDecimal price = new BigDecimal(String.valueOf(estimate.get("price")));
    String material = Json.str(estimate, "material");
    String currency = Json.str(estimate, "currency");

    int pieces = 0;
    for (Object o : items) {
      Object q = ((Map<String, Object>) o).get("quantity");
      pieces += q == null ? 1 : new BigDecimal(q.toString()).intValue();
    }
    byte[] model = ModelGenerator.ring(orderId, pieces);
    String modelKey = "models/" + orderId + ".stl";
    long t1 = System.nanoTime();
    external.upload(modelKey, model);
    long uploadMs = (System.nanoTime() - t1) / 1_000_000;

    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      try {
        if (cfg.dbTimeoutOrders().matches(orderId)) {
          LOG.warn(
              "order "
                  + orderId
                  + ": MES DB statement timeout injected by "
                  + cfg.dbTimeoutOrders());
          try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = " + cfg.dbTimeoutMs());
          }
          // The "capacity check" is made slower than the statement timeout: PostgreSQL cancels it.
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pg_sleep(?), count(*) FROM production_steps WHERE order_id = ?")) {
            ps.setDouble(1, cfg.dbTimeoutMs() * 4 / 1000.0);
            ps.setString(2, orderId);
            ps.executeQuery().close();
          }
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO production_orders (order_id, status, user_id, price, currency, material, model_key, model_bytes)"
                    + " VALUES (?, 'in_production', ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (order_id) DO UPDATE SET status = 'in_production', user_id = EXCLUDED.user_id,"
                    + " price = EXCLUDED.price, currency = EXCLUDED.currency, material = EXCLUDED.material,"
                    + " model_key = EXCLUDED.model_key, model_bytes = EXCLUDED.model_bytes, error = NULL, updated_at = now()")) {
          ps.setString(1, orderId);
          ps.setString(2, userId);
          ps.setBigDecimal(3, price);
          ps.setString(4, currency);
          ps.setString(5, material);
          ps.setString(6, modelKey);
          ps.setInt(7, model.length);
          ps.executeUpdate();
        }
        Database.addStep(
            c,
            orderId,
            "received",
            redelivered ? "redelivered message" : "message from " + cfg.queue());
        Database.addStep(
            c,
            orderId,
            "estimated",
            "price "
                + price
                + " "
                + currency
                + ", material "
                + material
                + ", calculation took "
                + calcMs
                + " ms");
        Database.addStep(
            c,
            orderId,
            "model_uploaded",
            modelKey + ", " + model.length + " bytes in " + uploadMs + " ms");
        Database.addStep(c, orderId, "in_production", "scheduled");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
    LOG.info(
        "order " + orderId + ": in production (" + material + ", " + price + " " + currency + ")");
  }

  /** Marks an order shipped; 404 when unknown, 409 when it is not in production. */
  Map<String, Object> ship(String orderId) throws SQLException {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      String current;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT status FROM production_orders WHERE order_id = ? FOR UPDATE")) {
        ps.setString(1, orderId);
        try (ResultSet rs = ps.executeQuery()) {
          current = rs.next() ? rs.getString(1) : null;
        }
      }
      if (current == null) {
        c.rollback();
        throw new HttpError(404, "MES has no production order " + orderId);
      }
      if (!"in_production".equals(current) && !"shipped".equals(current)) {
        c.rollback();
        throw new HttpError(409, "order " + orderId + " cannot be shipped: it is " + current);
      }
      if ("in_production".equals(current)) {
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE production_orders SET status = 'shipped', updated_at = now() WHERE order_id = ?")) {
          ps.setString(1, orderId);
          ps.executeUpdate();
        }
        Database.addStep(c, orderId, "shipped", "handed to delivery");
      }
      c.commit();
      LOG.info("order " + orderId + ": shipped");
      Map<String, Object> resp = new LinkedHashMap<>();
      resp.put("orderId", orderId);
      resp.put("status", "shipped");
      return resp;
    }
  }

  void markFailed(String orderId, String userId, Exception cause) {
    try {
      db.markFailed(orderId, userId, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    } catch (SQLException e) {
      LOG.error("order " + orderId + ": could not record the failure in the MES DB", e);
    }
  }
}
