/*
 * Copyright The ordertrace Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.ordertrace.demo.calc;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The result of an estimate. */
record Estimate(
    String orderId, BigDecimal price, String currency, String material, int productionDays) {
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("orderId", orderId);
    m.put("price", price);
    m.put("currency", currency);
    m.put("material", material);
    m.put("productionDays", productionDays);
    return m;
  }
}
