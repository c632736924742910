/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.calc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prices an order: items' unit prices times quantities, plus a per-piece labour charge. */
final class Estimator {
  static final BigDecimal LABOUR_PER_PIECE = new BigDecimal("35.00");

  private Estimator() {}

  static Estimate estimate(Map<String, Object> req) {
    Object id = req.get("orderId");
    if (id == null || !id.toString().matches("\\d{1,12}")) {
      throw new IllegalArgumentException("'orderId' must be a numeric string");
    }
    if (!(req.get("items") instanceof List<?> items) || items.isEmpty()) {
      throw new IllegalArgumentException("'items' must be a non-empty list");
    }
    BigDecimal total = BigDecimal.ZERO;
    int pieces = 0;
    String material = null;
    for (Object o : items) {
      if (!(o instanceof Map<?, ?> item)) {
        throw new IllegalArgumentException("each item must be an object");
      }
      String sku = String.valueOf(item.get("sku"));
      int qty = number(item.get("quantity"), "quantity").intValueExact();
      BigDecimal unit = number(item.get("unitPrice"), "unitPrice");
      if (qty < 1 || unit.signum() < 0) {
        throw new IllegalArgumentException(
            "item " + sku + ": quantity must be >= 1 and unitPrice >= 0");
      }
      total =
          total
              .add(unit.multiply(BigDecimal.valueOf(qty)))
              .add(LABOUR_PER_PIECE.multiply(BigDecimal.valueOf(qty)));
      pieces += qty;
      if (material == null) {
        material = material(sku);
      }
    }
    int days = 3 + pieces;
    return new Estimate(
        id.toString(), total.setScale(2, RoundingMode.HALF_UP), "EUR", material, days);
  }

  static String material(String sku) {
    String s = sku.toUpperCase(Locale.ROOT);
    if (s.contains("PLAT")) {
      return "platinum-950";
    }
    if (s.contains("GOLD")) {
      return "gold-585";
    }
    if (s.contains("SILV")) {
      return "silver-925";
    }
    return "alexandrite-on-silver-925";
  }

  private static BigDecimal number(Object v, String field) {
    if (v == null) {
      throw new IllegalArgumentException("item needs '" + field + "'");
    }
    try {
      return new BigDecimal(v.toString());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + field + "' must be a number");
    }
  }
}
