/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.mes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC access to the MES database (no pool, no ORM: legacy style). */
final class Database {
  private final String url;
  private final String user;
  private final String password;

  Database(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  Connection connect() throws SQLException {
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      throw new SQLException(
          "cannot connect to the MES database "
              + url
              + " as "
              + user
              + " (is PostgreSQL up? run deploy/local/infra.sh start): "
              + e.getMessage(),
          e.getSQLState(),
          e);
    }
  }

  void migrate() throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS production_orders ("
              + " order_id VARCHAR(16) PRIMARY KEY,"
              + " status VARCHAR(32) NOT NULL,"
              + " user_id VARCHAR(64),"
              + " price NUMERIC(12,2),"
              + " currency VARCHAR(3),"
              + " material VARCHAR(64),"
              + " model_key VARCHAR(200),"
              + " model_bytes INTEGER,"
              + " error TEXT,"
              + " received_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
              + " updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      st.execute(
          "CREATE TABLE IF NOT EXISTS production_steps ("
              + " id BIGSERIAL PRIMARY KEY,"
              + " order_id VARCHAR(16) NOT NULL,"
              + " step VARCHAR(64) NOT NULL,"
              + " detail TEXT,"
              + " at TIMESTAMPTZ NOT NULL DEFAULT now())");
      st.execute(
          "CREATE INDEX IF NOT EXISTS production_steps_order_idx ON production_steps (order_id)");
    }
  }

  boolean ping() {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      st.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  static void addStep(Connection c, String orderId, String step, String detail)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO production_steps (order_id, step, detail) VALUES (?, ?, ?)")) {
      ps.setString(1, orderId);
      ps.setString(2, step);
      ps.setString(3, detail);
      ps.executeUpdate();
    }
  }

  /**
   * Records that production of an order failed (separate transaction, so it survives the failure).
   */
  void markFailed(String orderId, String userId, String error) throws SQLException {
    try (Connection c = connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO production_orders (order_id, status, user_id, error) VALUES (?, 'failed', ?, ?)"
                  + " ON CONFLICT (order_id) DO UPDATE SET status = 'failed', error = EXCLUDED.error, updated_at = now()")) {
        ps.setString(1, orderId);
        ps.setString(2, userId);
        ps.setString(3, error);
        ps.executeUpdate();
      }
      addStep(c, orderId, "failed", error);
      c.commit();
    }
  }

  Map<String, Object> find(String orderId) throws SQLException {
    try (Connection c = connect()) {
      Map<String, Object> order = null;
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT order_id, status, user_id, price, currency, material, model_key, model_bytes, error,"
                  + " received_at, updated_at FROM production_orders WHERE order_id = ?")) {
        ps.setString(1, orderId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return null;
          }
          order = new LinkedHashMap<>();
          order.put("orderId", rs.getString("order_id"));
          order.put("status", rs.getString("status"));
          order.put("userId", rs.getString("user_id"));
          order.put("price", rs.getBigDecimal("price"));
          order.put("currency", rs.getString("currency"));
          order.put("material", rs.getString("material"));
          order.put("modelKey", rs.getString("model_key"));
          order.put("modelBytes", rs.getObject("model_bytes"));
          order.put("error", rs.getString("error"));
          order.put("receivedAt", String.valueOf(rs.getTimestamp("received_at").toInstant()));
          order.put("updatedAt", String.valueOf(rs.getTimestamp("updated_at").toInstant()));
        }
      }
      List<Map<String, Object>> steps = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT step, detail, at FROM production_steps WHERE order_id = ? ORDER BY id")) {
        ps.setString(1, orderId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", rs.getString("step"));
            s.put("detail", rs.getString("detail"));
            s.put("at", String.valueOf(rs.getTimestamp("at").toInstant()));
            steps.add(s);
          }
        }
      }
      order.put("steps", steps);
      return order;
    }
  }
}
