/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Orders in the CRM database (Spring JDBC). Ids come from the sequence order_id_seq (100000..). */
@Repository
public class OrderRepository {
  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public OrderRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public String nextOrderId() {
    Long id = jdbc.queryForObject("SELECT nextval('order_id_seq')", Long.class);
    return String.valueOf(id);
  }

  public void insert(
      String orderId,
      String userId,
      String channel,
      JsonNode customer,
      JsonNode address,
      JsonNode items,
      BigDecimal total,
      String currency) {
    jdbc.update(
        "INSERT INTO orders (order_id, status, user_id, channel, customer, delivery_address, items, total, currency)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        orderId,
        Order.CREATED,
        userId,
        channel,
        write(customer),
        write(address),
        write(items),
        total,
        currency);
    event(orderId, Order.CREATED, "registered via " + channel);
  }

  public Optional<Order> find(String orderId) {
    return jdbc.query("SELECT * FROM orders WHERE order_id = ?", this::map, orderId).stream()
        .findFirst();
  }

  public Optional<Order> findForUpdate(String orderId) {
    return jdbc
        .query("SELECT * FROM orders WHERE order_id = ? FOR UPDATE", this::map, orderId)
        .stream()
        .findFirst();
  }

  public void markApproved(String orderId, String paymentId) {
    jdbc.update(
        "UPDATE orders SET status = ?, payment_id = ?, updated_at = now() WHERE order_id = ?",
        Order.APPROVED,
        paymentId,
        orderId);
    event(orderId, Order.APPROVED, "payment " + paymentId);
  }

  public List<String> events(String orderId) {
    return jdbc.queryForList(
        "SELECT status || ': ' || detail FROM order_events WHERE order_id = ? ORDER BY id",
        String.class,
        orderId);
  }

  private void event(String orderId, String status, String detail) {
    jdbc.update(
        "INSERT INTO order_events (order_id, status, detail) VALUES (?, ?, ?)",
        orderId,
        status,
        detail);
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode read(String text) {
    try {
      return text == null ? null : json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
    }
  }

  private Order map(ResultSet rs, int row) throws SQLException {
    return new Order(
        rs.getString("order_id"),
        rs.getString("status"),
        rs.getString("user_id"),
        rs.getString("channel"),
        read(rs.getString("customer")),
        read(rs.getString("delivery_address")),
        read(rs.getString("items")),
        rs.getBigDecimal("total"),
        rs.getString("currency"),
        rs.getString("payment_id"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
